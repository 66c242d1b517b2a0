using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeCatalyst.Amplify;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Start-CCAmplifyDeployment: deploys to a branch of a manually deployed app (StartDeployment), from an upload
    /// made earlier (-JobId), from a URL or S3 bucket prefix (-SourceUrl), or from a local zip (-Path: CreateDeployment,
    /// a plain PUT of the zip to the URL it gives, then StartDeployment). Writes the job's summary.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CCAmplifyDeployment", DefaultParameterSetName = PathSet, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(JobSummary))]
    public sealed class StartCCAmplifyDeploymentCommand : AmplifyBranchCmdlet
    {
        private const string PathSet = "Path";
        private const string JobIdSet = "JobId";
        private const string SourceUrlSet = "SourceUrl";
        private const int UploadActivityId = 4141;



        /// <summary>A local zip of the site, taken literally (no wildcards): uploaded, then deployed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>
        /// The job of a CreateDeployment whose files were uploaded already. Never bound from the pipeline: a piped job
        /// (a build, not an upload) would name the wrong thing.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = JobIdSet)]
        [ValidateNotNullOrEmpty]
        public string JobId { get; set; } = "";

        /// <summary>A public URL of one zip (ZIP), or an S3 bucket and prefix, s3://bucket/prefix/ (BUCKET_PREFIX).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SourceUrlSet)]
        [ValidateNotNullOrEmpty]
        public string SourceUrl { get; set; } = "";

        /// <summary>What -SourceUrl is: ZIP (the default) or BUCKET_PREFIX.</summary>
        [Parameter(ParameterSetName = SourceUrlSet)]
        [ValidateSet("ZIP", "BUCKET_PREFIX")]
        public string? SourceUrlType { get; set; }

        /// <summary>Seconds one attempt of the upload of -Path may take, answer included; one that takes longer is retried.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [ValidateRange(1, 86400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case JobIdSet:
                    Deploy(new StartDeploymentInput { AppId = AppId, BranchName = BranchName, JobId = JobId }, $"uploaded job {JobId}");
                    break;
                case SourceUrlSet:
                    var type = AsModelSpells(SourceUrlType, nameof(SourceUrlType));
                    Deploy(new StartDeploymentInput { AppId = AppId, BranchName = BranchName, SourceUrl = SourceUrl, SourceUrlType = type },
                        $"{ShownUrl(SourceUrl)} ({type ?? "ZIP"})");
                    break;
                default:
                    DeployFile();
                    break;
            }
        }

        private void Deploy(StartDeploymentInput input, string source)
        {
            if (!ShouldChange(input, $"{input.ShouldProcessTarget()} from {source}", false, BranchName)) return;
            if (TryRun(token => Api.StartDeploymentAsync(input, token), BranchName, out var summary)) WriteObject(summary);
        }

        private void DeployFile()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var fileName = System.IO.Path.GetFileName(path);
            // Every problem with the file is said before any request: nothing is created for a zip that cannot be sent.
            using (var file = OpenZip(path))
            {
                if (file == null) return;
                var create = new CreateDeploymentInput { AppId = AppId, BranchName = BranchName };
                var target = $"deployment to branch {BranchName} of app {AppId} from {fileName} ({file.Length} bytes)";
                if (!ShouldChange(create, target, false, Path)) return;
                if (!TryRun(token => Api.CreateDeploymentAsync(create, token), BranchName, out var created)) return;

                var jobId = created.JobId ?? "";
                WriteVerbose($"CreateDeployment: job {jobId} on branch {BranchName} of app {AppId}; uploading {fileName} ({file.Length} bytes).");
                try
                {
                    // Each attempt reads the file anew from its start, through a stream of its own.
                    var upload = new ZipUpload(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true),
                        file.Length, fileName);
                    Upload(upload, created.ZipUploadUrl, jobId);
                }
                catch (CodeCatalystAmplifyUploadException exception)
                {
                    var message = $"{exception.Message} Deployment job {jobId} on branch {BranchName} of app {AppId} was created but not " +
                                  "started, and nothing was deployed; run Start-CCAmplifyDeployment -Path again (the upload URL is valid " +
                                  "for a limited time only).";
                    WriteFailure(new CodeCatalystAmplifyUploadException(message, exception.ErrorId, exception.Category, exception.StatusCode,
                        exception, exception.Attempts, jobId), Path);
                    return;
                }

                var start = new StartDeploymentInput { AppId = AppId, BranchName = BranchName, JobId = jobId };
                if (TryRun(token => Api.StartDeploymentAsync(start, token), BranchName, out var summary)) WriteObject(summary);
            }
        }

        /// <summary>The file, open for reading, after checking it looks like a zip; null (with the error written) when not.</summary>
        private FileStream? OpenZip(string path)
        {
            FileStream? file = null;
            try
            {
                if (!File.Exists(path))
                {
                    WriteZipError(Directory.Exists(path) ? "ZipFileIsDirectory" : "ZipFileNotFound", ErrorCategory.ObjectNotFound,
                        Directory.Exists(path) ? $"{Path} is a directory, not a zip file. Compress it first: Compress-Archive -Path {Path}/* -DestinationPath site.zip."
                                               : $"The zip file {Path} does not exist ({path}). Nothing was sent.");
                    return null;
                }

                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                var signature = new byte[2];
                if (file.Length < 22 || file.Read(signature, 0, 2) != 2 || signature[0] != (byte)'P' || signature[1] != (byte)'K')
                {
                    WriteZipError("NotAZipFile", ErrorCategory.InvalidData,
                        $"{Path} is not a zip file ({file.Length} bytes, no zip signature). Amplify deploys one zip of the built site; nothing was sent.");
                    file.Dispose();
                    return null;
                }

                file.Position = 0;
                return file;
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is NotSupportedException)
            {
                file?.Dispose();
                WriteZipError("ZipFileUnreadable", exception is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError,
                    $"The zip file {Path} cannot be read: {exception.Message} Nothing was sent.");
                return null;
            }
        }

        private void WriteZipError(string errorId, ErrorCategory category, string message) =>
            WriteFailure(new CodeCatalystAmplifyUploadException(message, errorId, category), Path);

        /// <summary>PUTs the zip, retrying transient failures, with progress on the pipeline thread; Ctrl+C stops it at once.</summary>
        private void Upload(ZipUpload upload, string zipUploadUrl, string jobId)
        {
            if (!Uri.TryCreate(zipUploadUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new CodeCatalystAmplifyUploadException("CreateDeployment gave no usable upload URL.", "ZipUploadUrlInvalid", ErrorCategory.InvalidResult);
            }

            var client = HttpClientProvider.CreateClient();
            // The attempt limit and back-off of the Amplify client (Connect-CCAccount -MaxAttempts, AWS_MAX_ATTEMPTS).
            var retryPolicy = Api.Client.RetryPolicy;
            var progress = new ProgressRecord(UploadActivityId, $"Uploading {System.IO.Path.GetFileName(Path)} for Amplify deployment job {jobId}", "Starting");
            var sending = Start(token => upload.SendAsync(client, url, TimeSpan.FromSeconds(UploadTimeoutSec), retryPolicy, Diagnostics, token));
            try
            {
                while (!sending.IsCompleted)
                {
                    Run(async token =>
                    {
                        await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(250), token)).ConfigureAwait(false);
                        token.ThrowIfCancellationRequested();
                    });
                    var sent = upload.BytesSent;
                    var attempt = upload.Attempt;
                    progress.StatusDescription = $"{sent:N0} of {upload.Length:N0} bytes" +
                                                 (attempt > 1 ? $" (attempt {attempt} of {retryPolicy.MaxAttempts})" : "");
                    progress.PercentComplete = upload.Length == 0 ? 0 : (int)Math.Min(100, sent * 100 / upload.Length);
                    WriteProgress(progress);
                }

                Run(_ => sending);
            }
            finally
            {
                if (!IsStopping)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        /// <summary>A source URL as shown: a query (which may hold a signature) is never shown.</summary>
        private static string ShownUrl(string sourceUrl)
        {
            var query = sourceUrl.IndexOfAny(new[] { '?', '#' });
            return query < 0 ? sourceUrl : sourceUrl.Substring(0, query) + "?<redacted>";
        }
    }
}
