using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Workflow
{
    /// <summary>Get-CCWorkflowRun: lists runs (ListWorkflowRuns) or gets runs by id (GetWorkflowRun).</summary>
    [Cmdlet(VerbsCommon.Get, "CCWorkflowRun", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(WorkflowRunSummary), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(WorkflowRun), ParameterSetName = new[] { IdSet })]
    public sealed class GetCCWorkflowRunCommand : CodeCatalystServiceCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ProjectName { get; set; }

        /// <summary>Only runs of this workflow. A workflow object binds through its WorkflowId alias.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? WorkflowId { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true,
            ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var space = SpaceOrDefault(SpaceName);
            var project = ProjectOrDefault(ProjectName);

            if (ParameterSetName == ListSet)
            {
                try
                {
                    WritePages((next, size, token) => Api.ListWorkflowRunsAsync(space, project, WorkflowId, next, size, token));
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, WorkflowId ?? project);
                }

                return;
            }

            foreach (var id in Id)
            {
                try
                {
                    WriteObject(Run(token => Api.GetWorkflowRunAsync(space, project, id, token)));
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, id);
                }
            }
        }
    }
}
