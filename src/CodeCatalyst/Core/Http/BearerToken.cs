using System;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// A resolved bearer token and a description of where it came from. ToString never shows the value, so a
    /// token cannot leak through string formatting, verbose output or an exception message.
    /// </summary>
    internal sealed class BearerToken
    {
        public BearerToken(string value, string source, DateTimeOffset? expiresAt = null)
        {
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
    }
}
