using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Workflows
{
    /// <summary>Wait-CCWorkflowRun: polls GetWorkflowRun until each run finishes, then outputs it.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "CCWorkflowRun")]
    [OutputType(typeof(WorkflowRun))]
    public sealed class WaitCCWorkflowRunCommand : CodeCatalystServiceCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        /// <summary>Give up waiting after this many seconds (0: no limit). The run itself is not touched.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 10;

        /// <summary>Treat SUPERSEDED and NOT_RUN as errors rather than warnings.</summary>
        [Parameter]
        public SwitchParameter ErrorOnSuperseded { get; set; }

        protected override void ProcessRecord()
        {
            var waiter = new WorkflowRunWaiter(this, new WaitOptions
            {
                TimeoutSec = TimeoutSec,
                PollIntervalSec = PollIntervalSec,
                ErrorOnSuperseded = ErrorOnSuperseded,
            });
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            foreach (var id in Id)
            {
                try
                {
                    waiter.Wait(space, project, id);
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, id);
                }
            }
        }
    }
}
