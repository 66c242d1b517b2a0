namespace CodeCatalyst.Models
{
    /// <summary>What Test-CCSession reports: who the token belongs to and where it was used.</summary>
    public sealed class SessionInfo
    {
        public string? Identity { get; set; }
        public string Endpoint { get; set; } = "";

        /// <summary>Where the token came from (never the token itself).</summary>
        public string TokenSource { get; set; } = "";
    }

    /// <summary>The defaults Connect-CCAccount stored for this PowerShell session.</summary>
    public sealed class ConnectionContext
    {
        public string Endpoint { get; set; } = "";
        public string TokenSource { get; set; } = "";
        public string? SpaceName { get; set; }
        public string? ProjectName { get; set; }
        public string? Identity { get; set; }
        public int MaxAttempts { get; set; }
        public int RequestTimeoutSec { get; set; }

        /// <summary>The AWS Region stored for the Amplify cmdlets, if any.</summary>
        public string? Region { get; set; }

        /// <summary>How the stored AWS access key was given, with only the last four characters of its id.</summary>
        public string? AwsCredentialSource { get; set; }

        /// <summary>The ARN STS gave for the stored AWS access key when it was checked.</summary>
        public string? AwsIdentity { get; set; }
    }
}
