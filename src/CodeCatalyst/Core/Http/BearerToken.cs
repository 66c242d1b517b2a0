using System;
using System.Management.Automation;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// A resolved bearer token and a description of where it came from. ToString never shows the value, so a
    /// token cannot leak through string formatting, verbose output or an exception message.
    /// </summary>
    internal sealed class BearerToken
    {
        /// <summary>Every source makes its token here, so one check covers -Token, Connect-CCAccount, the environment and the SSO cache.</summary>
        public BearerToken(string value, string source, DateTimeOffset? expiresAt = null)
        {
            RequireHeaderSafe(value, source);
            Value = value;
            Source = source;
            ExpiresAt = expiresAt;
        }

        public string Value { get; }

        /// <summary>E.g. "-Token parameter" or "SSO profile 'dev'".</summary>
        public string Source { get; }

        /// <summary>When the token stops working, if known (SSO tokens); null for tokens that do not say.</summary>
        public DateTimeOffset? ExpiresAt { get; }

        public override string ToString() => "bearer token from " + Source;

        /// <summary>
        /// A token goes into the Authorization header as is, so it may hold only visible ASCII (0x21-0x7E): a CR or LF
        /// would end the header and start one of the token's choosing, and a non-ASCII character fails every send
        /// (and would be retried as if the network had failed). No bearer token has spaces either (RFC 6750
        /// b64token). The error says where and what, never the token.
        /// </summary>
        private static void RequireHeaderSafe(string value, string source)
        {
            for (var index = 0; index < value.Length; index++)
            {
                var character = value[index];
                if (character >= 0x21 && character <= 0x7E) continue;

                var kind = character == '\r' || character == '\n' ? "a line break (CR or LF)"
                    : character == ' ' || character == '\t' ? "a space or tab"
                    : character < 0x20 || character == 0x7F ? $"a control character (U+{(int)character:X4})"
                    : "a non-ASCII character";
                throw new CodeCatalystConfigurationException("InvalidTokenCharacters", ErrorCategory.AuthenticationError,
                    $"The token given by {source} holds {kind} at position {index + 1} of {value.Length}, which an HTTP " +
                    "Authorization header cannot carry, so nothing was sent. Copy the token again, without line breaks or " +
                    "spaces, and pass it again.");
            }
        }
    }
}
