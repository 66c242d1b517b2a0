using System;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>What went wrong while resolving AWS credentials; lets callers pick an error category without parsing messages.</summary>
    internal enum AwsCredentialErrorKind
    {
        /// <summary>No source in the chain yielded credentials.</summary>
        NoCredentials,

        /// <summary>The named profile (-ProfileName, AWS_PROFILE or AWS_DEFAULT_PROFILE) is in neither shared file.</summary>
        ProfileNotFound,

        /// <summary>A profile or environment variable is set up wrongly (missing key, unknown credential_source, loop, ...).</summary>
        InvalidConfiguration,

        /// <summary>A source applies but failed to produce credentials (STS refused, the process failed, the endpoint answered badly).</summary>
        SourceFailed,

        /// <summary>The configuration asks for something this module does not do (an MFA prompt).</summary>
        Unsupported,
    }

    /// <summary>
    /// Raised when credentials cannot be produced. Messages say which source, profile or file is involved and what to
    /// do; they never contain a secret key, session token, web identity token, bearer token or a process's raw output.
    /// </summary>
    internal sealed class AwsCredentialException : Exception
    {
        public AwsCredentialException(AwsCredentialErrorKind kind, string message, string? source = null, string? profileName = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            CredentialSource = source;
            ProfileName = profileName;
        }

        public AwsCredentialErrorKind Kind { get; }

        /// <summary>The source that failed, e.g. "credential_process" or "container credentials"; null for the chain itself.</summary>
        public string? CredentialSource { get; }

        public string? ProfileName { get; }
    }
}
