using System;
using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Start-CCAmplifyJob: starts a RELEASE, RETRY, MANUAL or WEB_HOOK job on a branch (StartJob). The model gives
    /// StartJob no idempotency token, so a request that may have reached the service is never sent twice.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CCAmplifyJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(JobSummary))]
    public sealed class StartCCAmplifyJobCommand : AmplifyBranchCmdlet
    {
        private const string Retry = "RETRY";
        private bool _jobIdGivenByName;



        /// <summary>
        /// RELEASE, RETRY, MANUAL or WEB_HOOK (the model's JobType enum; EnumParameterTests holds the set to it). Never
        /// taken from a piped object, whose JobType is the old job's.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("RELEASE", "RETRY", "MANUAL", "WEB_HOOK")]
        public string JobType { get; set; } = "";

        /// <summary>
        /// The job to retry, required with -JobType RETRY. A piped job binds it by its JobId, and it is used only for
        /// RETRY: a job piped into -JobType RELEASE starts a new release of its branch.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? JobId { get; set; }

        /// <summary>Why the job is started, for the service's records.</summary>
        [Parameter]
        [ValidateNotNull]
        public string? JobReason { get; set; }

        /// <summary>The commit to build (RELEASE and WEB_HOOK); the service's default is the branch's latest commit.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CommitId { get; set; }

        /// <summary>The commit's message, shown with the job.</summary>
        [Parameter]
        [ValidateNotNull]
        public string? CommitMessage { get; set; }

        /// <summary>When the commit was made; a time without a zone is local time.</summary>
        [Parameter]
        public DateTime CommitTime { get; set; }

        protected override void BeginProcessing()
        {
            // Parameters given by name are bound before this runs; those a piped object binds come after.
            _jobIdGivenByName = MyInvocation.BoundParameters.ContainsKey(nameof(JobId));
        }

        protected override void ProcessRecord()
        {
            var jobType = AsModelSpells(JobType, nameof(JobType))!;
            var jobId = JobId;
            if (jobType == Retry && jobId == null)
            {
                WriteInvalid("RetryNeedsJobId", $"-JobType RETRY needs the job to retry: give -JobId, or pipe the job in (Get-CCAmplifyJob).",
                    "Give -JobId with the ID of a job of this branch, such as Get-CCAmplifyJob -First 1 shows.");
                return;
            }

            if (jobType != Retry && jobId != null)
            {
                if (_jobIdGivenByName)
                {
                    WriteInvalid("JobIdNeedsRetry", $"-JobId names a job to retry, but -JobType is {jobType}.",
                        "Give -JobType RETRY to retry that job, or leave -JobId out to start a new job.");
                    return;
                }

                // A piped job names its branch; its id only matters to a retry.
                WriteVerbose($"Start-CCAmplifyJob: the piped job {jobId} is not sent: a {jobType} job starts anew on its branch.");
                jobId = null;
            }

            var input = new StartJobInput
            {
                AppId = AppId,
                BranchName = BranchName,
                JobType = jobType,
                JobId = jobId,
                JobReason = JobReason,
                CommitId = CommitId,
                CommitMessage = CommitMessage,
                CommitTime = MyInvocation.BoundParameters.ContainsKey(nameof(CommitTime)) ? CommitTime : (DateTime?)null,
            };
            var target = input.ShouldProcessTarget() + (jobId == null ? "" : $" (retrying job {jobId})");
            if (!ShouldChange(input, target, false, BranchName)) return;
            if (TryRun(token => Api.StartJobAsync(input, token), BranchName, out var job)) WriteObject(job);
        }

        private void WriteInvalid(string errorId, string message, string recommendedAction)
        {
            var error = new ErrorRecord(new ArgumentException(message, nameof(JobId)), errorId, ErrorCategory.InvalidArgument, BranchName)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };
            WriteError(error);
        }
    }
}
