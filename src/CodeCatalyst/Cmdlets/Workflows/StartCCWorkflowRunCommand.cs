using System;
using System.Management.Automation;
using CodeCatalyst.Core;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Workflows
{
    /// <summary>Start-CCWorkflowRun: starts a run of each workflow (StartWorkflowRun), optionally waiting for it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "CCWorkflowRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WorkflowRunStartResult), typeof(WorkflowRun))]
    public sealed class StartCCWorkflowRunCommand : CodeCatalystServiceCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Workflow ids. A workflow from Get-CCWorkflow binds through its WorkflowId alias; a run through its WorkflowId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string[] WorkflowId { get; set; } = new string[0];

        /// <summary>
        /// The idempotency token. Without it each workflow gets a fresh one per invocation, sent unchanged on every
        /// retry, so a retried request never starts a second run.
        /// </summary>
        [Parameter]
        [ValidateLength(1, 64)]
        [ValidatePattern(StringRule.AnchoredNamePattern)]
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

        // With an explicit -ClientToken the one workflow is started at the end, once it is certain there is only one:
        // the same token on a second workflow would be refused (409) after the first had already started.
        // (Plain fields, not a ValueTuple: Windows PowerShell may run on a .NET Framework without System.ValueTuple.)
        private string? _pendingWorkflowId;
        private string? _pendingSpace;
        private string? _pendingProject;

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            foreach (var workflowId in WorkflowId)
            {
                if (ClientToken == null)
                {
                    Start(space, project, workflowId, Guid.NewGuid().ToString("N"));
                    continue;
                }

                if (_pendingWorkflowId != null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new CodeCatalystInputException("ClientToken",
                            "-ClientToken was given with more than one workflow; nothing was started. An idempotency token " +
                            "belongs to one run: start each workflow with its own -ClientToken, or leave -ClientToken out and " +
                            "each workflow gets a fresh token that every retry reuses."),
                        "ClientTokenWithManyWorkflows", ErrorCategory.InvalidArgument, ClientToken));
                }

                _pendingWorkflowId = workflowId;
                _pendingSpace = space;
                _pendingProject = project;
            }
        }

        protected override void EndProcessing()
        {
            if (_pendingWorkflowId != null) Start(_pendingSpace, _pendingProject, _pendingWorkflowId, ClientToken!);
        }

        private void Start(string? space, string? project, string workflowId, string clientToken)
        {
            if (!ShouldProcess($"workflow {workflowId} in {space ?? "(no space)"}/{project ?? "(no project)"}", "Start workflow run"))
            {
                return;
            }

            try
            {
                var started = Run(token => Api.StartWorkflowRunAsync(new StartWorkflowRunInput
                {
                    SpaceName = space,
                    ProjectName = project,
                    WorkflowId = workflowId,
                    ClientToken = clientToken,
                }, token));
                WriteVerbose($"Started run {started.Id} of workflow {started.WorkflowId} (client token {clientToken}).");
                if (!Wait)
                {
                    WriteObject(started);
                    return;
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
