using System;
using System.Management.Automation;
using CodeCatalyst.Core;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Workflow
{
    /// <summary>Start-CCWorkflowRun: starts a run of each workflow (StartWorkflowRun), optionally waiting for it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "CCWorkflowRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WorkflowRunStartResult), typeof(WorkflowRun))]
    public sealed class StartCCWorkflowRunCommand : CodeCatalystServiceCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ProjectName { get; set; }

        /// <summary>Workflow ids. A workflow from Get-CCWorkflow binds through its WorkflowId alias; a run through its WorkflowId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] WorkflowId { get; set; } = new string[0];

        /// <summary>
        /// The idempotency token. Without it each workflow gets a fresh one per invocation, sent unchanged on every
        /// retry, so a retried request never starts a second run.
        /// </summary>
        [Parameter]
        [ValidateLength(1, 64)]
        [ValidatePattern(InputConstraint.AnchoredNamePattern)]
        public string? ClientToken { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 10;

        [Parameter]
        public SwitchParameter ErrorOnSuperseded { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            foreach (var workflowId in WorkflowId)
            {
                if (!ShouldProcess($"workflow {workflowId} in {space ?? "(no space)"}/{project ?? "(no project)"}", "Start workflow run"))
                {
                    continue;
                }

                var clientToken = ClientToken ?? Guid.NewGuid().ToString("N");
                try
                {
                    var started = Run(token => Api.StartWorkflowRunAsync(space, project, workflowId, clientToken, token));
                    WriteVerbose($"Started run {started.Id} of workflow {started.WorkflowId} (client token {clientToken}).");
                    if (!Wait)
                    {
                        WriteObject(started);
                        continue;
                    }

                    new WorkflowRunWaiter(this, new WaitOptions
                    {
                        TimeoutSec = TimeoutSec,
                        PollIntervalSec = PollIntervalSec,
                        ErrorOnSuperseded = ErrorOnSuperseded,
                    }).Wait(started.SpaceName, started.ProjectName, started.Id);
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, workflowId);
                }
            }
        }
    }
}
