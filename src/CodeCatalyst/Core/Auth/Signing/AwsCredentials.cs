using System;
using System.Diagnostics;
using System.Globalization;

namespace CodeCatalyst.Core.Auth.Signing
{
    /// <summary>
    /// An AWS access key pair, with the session token of temporary credentials. The secret access key and the session
    /// token never appear in <see cref="ToString"/>, the debugger's display or any exception this class raises: only a
    /// masked access key id is ever shown.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class AwsCredentials
    {
        /// <param name="accessKeyId">The access key id (AKIA... for long-term keys, ASIA... for temporary ones).</param>
        /// <param name="secretAccessKey">The secret access key; only ever used as HMAC key material.</param>
        /// <param name="sessionToken">The session token of temporary credentials; null or empty for long-term keys.</param>
        /// <param name="expiration">When temporary credentials stop working; null when they do not say.</param>
        public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null, DateTimeOffset? expiration = null)
        {
            // Messages name the field and the position of a bad character, never the value: a user who pastes a
            // secret into the wrong parameter must not see it echoed into an error stream or a log.
            RequireHeaderSafe(accessKeyId, "access key id", nameof(accessKeyId));
            if (string.IsNullOrEmpty(secretAccessKey))
            {
                throw new ArgumentException("The AWS secret access key is empty.", nameof(secretAccessKey));
            }

            if (string.IsNullOrEmpty(sessionToken))
            {
                sessionToken = null;
            }
            else
            {
                RequireHeaderSafe(sessionToken!, "session token", nameof(sessionToken));
            }

            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = sessionToken;
            Expiration = expiration;
        }

        public string AccessKeyId { get; }

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        public string SecretAccessKey { get; }

        /// <summary>Null for long-term keys (an empty token is treated as none, as botocore does).</summary>
        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        public string? SessionToken { get; }

        public DateTimeOffset? Expiration { get; }

        /// <summary>
        /// The access key id with all but its first four and last four characters hidden (AKIA************MPLE);
        /// an id of twelve characters or fewer is hidden entirely.
        /// </summary>
        public string MaskedAccessKeyId => Mask(AccessKeyId);

        public override string ToString()
        {
            string text = "AwsCredentials(" + MaskedAccessKeyId + (SessionToken != null ? ", temporary" : string.Empty);
            if (Expiration.HasValue)
            {
                text += ", expires " + Expiration.Value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
            }

            return text + ")";
        }

        internal static string Mask(string accessKeyId)
        {
            const int Shown = 4;
            return accessKeyId.Length <= 3 * Shown
                ? new string('*', accessKeyId.Length)
                : accessKeyId.Substring(0, Shown) + new string('*', accessKeyId.Length - 2 * Shown) + accessKeyId.Substring(accessKeyId.Length - Shown);
        }

        /// <summary>
        /// The access key id goes into the Authorization header and the session token into X-Amz-Security-Token,
        /// so both may hold only visible ASCII: a CR or LF would end the header, and a non-ASCII character fails the send.
        /// </summary>
        private static void RequireHeaderSafe(string value, string what, string parameterName)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException("The AWS " + what + " is empty.", parameterName);
            }

            for (int index = 0; index < value.Length; index++)
            {
                char character = value[index];
                if (character < 0x21 || character > 0x7E)
                {
                    throw new ArgumentException(
                        string.Format(CultureInfo.InvariantCulture, "The AWS {0} holds a character an HTTP header cannot carry (a space, line break, control or non-ASCII character) at position {1} of {2}.", what, index + 1, value.Length),
                        parameterName);
                }
            }
        }
    }
}
