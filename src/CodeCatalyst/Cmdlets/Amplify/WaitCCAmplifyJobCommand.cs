using System.Management.Automation;
using Job = CodeCatalyst.Amplify.Models.Job;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Wait-CCAmplifyJob: polls GetJob until each job is SUCCEED, FAILED or CANCELLED, then writes it; FAILED and
    /// CANCELLED are also written as errors that carry the job, as is running out of time.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CCAmplifyJob")]
    [OutputType(typeof(Job))]
    public sealed class WaitCCAmplifyJobCommand : AmplifyJobCmdlet
    {
        /// <summary>Give up waiting after this many seconds (0: no limit), HTTP calls included. The job is not touched.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 1800;

        /// <summary>Seconds between status checks.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        protected override void ProcessRecord()
        {
            var waiter = new AmplifyJobWaiter(this, TimeoutSec, PollIntervalSec);
            foreach (var jobId in JobId)
            {
                try
                {
                    waiter.Wait(AppId, BranchName, jobId);
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, jobId);
                }
            }
        }
    }
}
