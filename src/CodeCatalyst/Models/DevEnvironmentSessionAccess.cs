using System.Security;

namespace CodeCatalyst.Models
{
    /// <summary>
    /// A session started on a dev environment (Start-CCDevEnvironmentSession): where it lives, its id, and the
    /// credentials that open it. The stream URL and the token are secrets (the service model marks them sensitive),
    /// so they are SecureStrings: no view, string form or ConvertTo-Json shows them. Pass them to a tool with
    /// ConvertFrom-SecureString -AsPlainText, or ask Start-CCDevEnvironmentSession -AsPlainText for plain strings.
    /// </summary>
    public sealed class DevEnvironmentSessionAccess
    {
        public string SpaceName { get; set; } = "";
        public string ProjectName { get; set; } = "";

        /// <summary>The dev environment's id (the service's name for it in this answer).</summary>
        public string Id { get; set; } = "";

        public string? SessionId { get; set; }

        /// <summary>The URL the session's data channel connects to; it authorizes on its own.</summary>
        public SecureString StreamUrl { get; set; } = new SecureString();

        /// <summary>The token that opens the session.</summary>
        public SecureString TokenValue { get; set; } = new SecureString();

        public override string ToString() => SessionId ?? "";
    }

    /// <summary>
    /// The same session with its stream URL and token as plain strings, written only when the caller asks for them
    /// with Start-CCDevEnvironmentSession -AsPlainText. Anything that shows this object shows the secrets.
    /// </summary>
    public sealed class DevEnvironmentSessionPlainTextAccess
    {
        public string SpaceName { get; set; } = "";
        public string ProjectName { get; set; } = "";

        /// <summary>The dev environment's id.</summary>
        public string Id { get; set; } = "";

        public string? SessionId { get; set; }
        public string StreamUrl { get; set; } = "";
        public string TokenValue { get; set; } = "";

        public override string ToString() => SessionId ?? "";
    }
}
