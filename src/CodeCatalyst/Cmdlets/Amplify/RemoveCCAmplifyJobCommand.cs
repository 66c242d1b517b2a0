using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Remove-CCAmplifyJob: deletes finished jobs from a branch's history (DeleteJob). Asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CCAmplifyJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(JobSummary))]
    public sealed class RemoveCCAmplifyJobCommand : AmplifyJobCmdlet
    {
        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about each deleted job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var jobId in JobId)
            {
                var input = new DeleteJobInput { AppId = AppId, BranchName = BranchName, JobId = jobId };
                if (!ShouldChange(input, input.ShouldProcessTarget(), Force, jobId)) continue;
                if (TryRun(token => Api.DeleteJobAsync(input, token), jobId, out var job) && PassThru) WriteObject(job);
            }
        }
    }
}
