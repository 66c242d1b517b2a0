using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Workflows
{
    /// <summary>Get-CCWorkflow: lists a project's workflows (ListWorkflows) or gets workflows by id (GetWorkflow).</summary>
    [Cmdlet(VerbsCommon.Get, "CCWorkflow", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(WorkflowSummary), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(Models.Workflow), ParameterSetName = new[] { IdSet })]
    public sealed class GetCCWorkflowCommand : CodeCatalystListCmdlet
    {
        private const string IdSet = "Id";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true,
            ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>
        /// A project object (from Get-CCProject or New-CCProject) whose workflows are listed. Taking it by type keeps
        /// PowerShell from turning a piped project into a workflow id.
        /// </summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Project? Project { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, Project, out var space, out var project)) return;

            if (ParameterSetName == ListSet)
            {
                try
                {
                    WritePages((next, size, token) => Api.ListWorkflowsAsync(new ListWorkflowsInput
                    {
                        SpaceName = space,
                        ProjectName = project,
                        NextToken = next,
                        MaxResults = WireOperations.ListWorkflows.ClampPageSize(size),
                    }, token));
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, project);
                }

                return;
            }

            foreach (var id in Id)
            {
                try
                {
                    WriteObject(Run(token => Api.GetWorkflowAsync(new GetWorkflowInput { SpaceName = space, ProjectName = project, Id = id }, token)));
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, id);
                }
            }
        }
    }
}
