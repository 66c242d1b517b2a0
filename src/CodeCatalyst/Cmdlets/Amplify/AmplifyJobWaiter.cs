using System;
using System.Management.Automation;
using CodeCatalyst.Amplify.Wire;
using Job = CodeCatalyst.Amplify.Models.Job;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Polls an Amplify job (GetJob) until it is SUCCEED, FAILED or CANCELLED, then writes it and, unless it
    /// succeeded, an error carrying it. Running out of time is an OperationTimeout error; the job is not touched.
    /// </summary>
    internal sealed class AmplifyJobWaiter
    {
        private const int ProgressActivityId = 4140;

        internal const string Succeeded = "SUCCEED";
        internal const string Failed = "FAILED";
        internal const string Cancelled = "CANCELLED";

        private readonly AmplifyCmdlet _cmdlet;
        private readonly int _timeoutSec;
        private readonly int _pollIntervalSec;

        public AmplifyJobWaiter(AmplifyCmdlet cmdlet, int timeoutSec, int pollIntervalSec)
        {
            _cmdlet = cmdlet;
            _timeoutSec = timeoutSec;
            _pollIntervalSec = pollIntervalSec;
        }

        internal static bool IsFinal(string? status) =>
            Is(status, Succeeded) || Is(status, Failed) || Is(status, Cancelled);

        /// <summary>Service errors propagate to the caller, which writes them against its own pipeline item.</summary>
        public void Wait(string appId, string branchName, string jobId)
        {
            var input = new GetJobInput { AppId = appId, BranchName = branchName, JobId = jobId };
            var poller = new StatusPoller<Job>(_cmdlet, ProgressActivityId,
                $"Waiting for Amplify job {jobId} on branch {branchName} of app {appId}", _timeoutSec, _pollIntervalSec);
            var outcome = poller.Poll(
                token => _cmdlet.Api.GetJobAsync(input, token),
                job => IsFinal(job.Status),
                job => $"Job {job.JobId}: {job.Status}");
            if (outcome.TimedOut)
            {
                WriteTimedOut(appId, branchName, jobId, outcome.LastSeen);
                return;
            }

            var reached = outcome.LastSeen!;
            _cmdlet.WriteObject(reached);
            if (!Is(reached.Status, Succeeded)) WriteUnsuccessful(reached, outcome.Elapsed);
        }

        private void WriteUnsuccessful(Job job, TimeSpan elapsed)
        {
            var failed = Is(job.Status, Failed);
            var advice = failed
                ? $"Its steps and their logs say why: Get-CCAmplifyJob -AppId {job.AppId} -BranchName {job.BranchName} -JobId {job.JobId} " +
                  "(the Steps property), or the Amplify console."
                : "It was stopped (Stop-CCAmplifyJob or the console) before it finished; start it again if it is still wanted.";
            var message = $"Amplify job {job.JobId} ({job.JobType}) on branch {job.BranchName} of app {job.AppId} ended {job.Status} " +
                          $"after {StatusPoller.FormatElapsed(elapsed)} of waiting. {advice}";
            _cmdlet.WriteError(ErrorRecordFactory.Create(
                new CodeCatalystAmplifyJobException(message, job,
                    failed ? "AmplifyJobFailed" : "AmplifyJobCancelled",
                    failed ? ErrorCategory.InvalidResult : ErrorCategory.OperationStopped),
                job));
        }

        private void WriteTimedOut(string appId, string branchName, string jobId, Job? job)
        {
            var state = job == null
                ? "no status was received from the service in that time (check the endpoint and your network; -RequestTimeoutSec bounds each request)"
                : $"it was still {job.Status}" + (job.StartTime.HasValue ? $" (started {job.StartTime:u})" : "");
            var message =
                $"Amplify job {jobId} on branch {branchName} of app {appId} did not finish within {_timeoutSec} s: {state}. " +
                $"It goes on running; wait again with Wait-CCAmplifyJob -AppId {appId} -BranchName {branchName} -JobId {jobId}, or raise -TimeoutSec.";
            _cmdlet.WriteError(ErrorRecordFactory.Create(
                new CodeCatalystAmplifyJobException(message, job, "AmplifyJobWaitTimedOut", ErrorCategory.OperationTimeout),
                (object?)job ?? jobId));
        }

        private static bool Is(string? status, string wanted) => string.Equals(status, wanted, StringComparison.OrdinalIgnoreCase);
    }
}
