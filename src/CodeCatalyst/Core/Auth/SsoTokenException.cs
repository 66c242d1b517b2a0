using System;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>What went wrong while resolving an SSO bearer token; lets callers react without parsing messages.</summary>
    internal enum SsoTokenErrorKind
    {
        /// <summary>~/.aws/config (or the credentials file) cannot be parsed, or the profile's sso-session is incomplete.</summary>
        InvalidConfiguration,

        /// <summary>No usable token in ~/.aws/sso/cache for the sso-session (never logged in, or the file is unreadable).</summary>
        TokenMissing,

        /// <summary>The cached token has expired and could not be refreshed.</summary>
        TokenExpired,

        /// <summary>The refresh was required and failed in a way that is not a plain expiry (e.g. the cache could not be written).</summary>
        RefreshFailed,
    }

    /// <summary>
    /// Raised when a profile is configured for SSO but no bearer token can be produced. Messages are written for the
    /// user (they say what to run) and never contain token material.
    /// </summary>
    internal sealed class SsoTokenException : Exception
    {
        public SsoTokenException(SsoTokenErrorKind kind, string message, string? profileName = null, string? sessionName = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            ProfileName = profileName;
            SessionName = sessionName;
        }

        public SsoTokenErrorKind Kind { get; }

        public string? ProfileName { get; }

        public string? SessionName { get; }

        /// <summary>The command that fixes most of these errors, quoted the way the user would type it.</summary>
        internal static string LoginHint(string profileName)
        {
            // Quote only when needed so the common case reads naturally.
            string arg = profileName.IndexOfAny(new[] { ' ', '\t', '"', '\'' }) >= 0 ? "\"" + profileName.Replace("\"", "\\\"") + "\"" : profileName;
            return "aws sso login --profile " + arg;
        }
    }
}
