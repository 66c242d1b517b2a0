using System;
using System.Management.Automation;
using Job = CodeCatalyst.Amplify.Models.Job;

namespace CodeCatalyst
{
    /// <summary>An Amplify job ended FAILED or CANCELLED, or did not end in time. Carries the job as last seen (null if never seen).</summary>
    public sealed class CodeCatalystAmplifyJobException : CodeCatalystException
    {
        public CodeCatalystAmplifyJobException(string message, Job? job, string errorId, ErrorCategory category)
            : base(message, category, null)
        {
            Job = job;
            ErrorId = errorId;
        }

        public Job? Job { get; }
        public string ErrorId { get; }
    }

    /// <summary>
    /// The zip of Start-CCAmplifyDeployment -Path could not be read or uploaded. The upload URL is never part of it:
    /// a pre-signed URL is a secret that grants the upload.
    /// </summary>
    public sealed class CodeCatalystAmplifyUploadException : CodeCatalystException
    {
        public CodeCatalystAmplifyUploadException(string message, string errorId, ErrorCategory category, int? statusCode = null,
            Exception? innerException = null, int attempts = 1, string? jobId = null)
            : base(message, category, innerException)
        {
            ErrorId = errorId;
            StatusCode = statusCode;
            Attempts = attempts;
            JobId = jobId;
        }

        public string ErrorId { get; }

        /// <summary>The HTTP status the upload was answered with (on its last attempt); null when no answer came.</summary>
        public int? StatusCode { get; }

        /// <summary>How many times the zip was sent (transient failures are retried up to the attempt limit).</summary>
        public int Attempts { get; }

        /// <summary>
        /// The deployment job CreateDeployment made for the upload, which was left unstarted; null when the failure
        /// came before any job was created (the file's own checks).
        /// </summary>
        public string? JobId { get; }
    }
}
