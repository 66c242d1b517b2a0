using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Stop-CCAmplifyJob: asks running jobs to stop (StopJob); each answers CANCELLING and turns CANCELLED. Writes
    /// what the service reports about each job.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "CCAmplifyJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(JobSummary))]
    public sealed class StopCCAmplifyJobCommand : AmplifyJobCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var jobId in JobId)
            {
                var input = new StopJobInput { AppId = AppId, BranchName = BranchName, JobId = jobId };
                if (!ShouldChange(input, input.ShouldProcessTarget(), false, jobId)) continue;
                if (TryRun(token => Api.StopJobAsync(input, token), jobId, out var job)) WriteObject(job);
            }
        }
    }
}
