using System;
using System.Collections.Generic;

namespace CodeCatalyst.Core.Errors
{
    /// <summary>
    /// Text that came from a server or the network (an error message, a request id, a proxy's page) is not ours: it
    /// may echo a secret we sent, and it may be any length. Every client shows such text only through these two rules.
    /// </summary>
    internal static class ServiceText
    {
        /// <summary>What stands in for a secret in any text shown to the user.</summary>
        public const string RedactedMarker = "<redacted>";

        /// <summary>An error code is an identifier: any longer one is not a real code.</summary>
        public const int MaxCodeLength = 100;

        /// <summary>Request ids are a few dozen characters (a UUID, or S3's base64 pair).</summary>
        public const int MaxRequestIdLength = 128;

        /// <summary>
        /// Blanks out every non-empty secret wherever it appears in <paramref name="text"/>, as sent or URL-encoded
        /// (the form a proxy quotes back in a redirect or a query string).
        /// </summary>
        public static string Redact(string text, IEnumerable<string?> secrets)
        {
            foreach (string? secret in secrets)
            {
                // Even a very short secret is blanked: a garbled message is better than a leaked value.
                if (string.IsNullOrEmpty(secret)) continue;
                text = Blank(text, secret!);
                string encoded = Uri.EscapeDataString(secret!);
                if (!string.Equals(encoded, secret, StringComparison.Ordinal)) text = Blank(text, encoded);
            }

            return text;
        }

        private static string Blank(string text, string secret) =>
            text.IndexOf(secret, StringComparison.Ordinal) >= 0 ? text.Replace(secret, RedactedMarker) : text;

        /// <summary>Cuts <paramref name="text"/> to a length a log can hold, saying how much was left out.</summary>
        public static string Cap(string text, int maxLength)
        {
            if (text.Length <= maxLength) return text;
            // Never split a surrogate pair: half a character is not valid text for a log or a terminal.
            int kept = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
            return text.Substring(0, kept) + $"… ({text.Length - kept} more characters)";
        }

        /// <summary>Redacted first, then capped, so a cut never leaves the first half of a secret behind.</summary>
        public static string ForDisplay(string text, IEnumerable<string?> secrets, int maxLength) => Cap(Redact(text, secrets), maxLength);
    }
}
