using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Workflow
{
    /// <summary>Get-CCWorkflowRun: lists runs (ListWorkflowRuns) or gets runs by id (GetWorkflowRun).</summary>
    [Cmdlet(VerbsCommon.Get, "CCWorkflowRun", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(WorkflowRunSummary), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(WorkflowRun), ParameterSetName = new[] { IdSet, InputObjectSet })]
    public sealed class GetCCWorkflowRunCommand : CodeCatalystListCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

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

        /// <summary>
        /// A run object from any CodeCatalyst cmdlet, read again by its id. Binding by type keeps a piped run apart
        /// from a piped workflow, which lists that workflow's runs instead.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IWorkflowRunReference? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var ids = Id;
            if (ParameterSetName == InputObjectSet)
            {
                space = string.IsNullOrEmpty(SpaceName) ? InputObject!.SpaceName : SpaceName;
                project = string.IsNullOrEmpty(ProjectName) ? InputObject!.ProjectName : ProjectName;
                ids = new[] { InputObject!.Id };
            }

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

            foreach (var id in ids)
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
