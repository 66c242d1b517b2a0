using System.Management.Automation;
using CodeCatalyst.Core;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Workflows
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
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Only runs of this workflow. A workflow object binds through its WorkflowId alias.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
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

        /// <summary>
        /// How many runs are read at once when several are asked for (by -Id or from the pipeline). Results still
        /// come out in input order; 1 reads them one after another.
        /// </summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        private OrderedConcurrentCalls<WorkflowRun>? _reads;

        /// <summary>A project object whose runs are listed; taken by type so a piped project is never read as a run id.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Project? Project { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, Project, out var space, out var project)) return;
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
                    var pages = new PageReadAhead<WorkflowRunSummary>(
                        (next, size, token) => Api.ListWorkflowRunsAsync(new ListWorkflowRunsInput
                        {
                            SpaceName = space,
                            ProjectName = project,
                            WorkflowId = WorkflowId,
                            NextToken = next,
                            MaxResults = WireOperations.ListWorkflowRuns.ClampPageSize(size),
                        }, token));
                    WritePages(pages.FetchAsync);
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, WorkflowId ?? project);
                }

                return;
            }

            // One id and no pipeline input: nothing can overlap with it, so the pipeline thread waits for the read
            // itself. The ordered queue's bookkeeping and its wait in EndProcessing cost a fifth of such a call.
            if (_reads == null && ids.Length == 1 && !MyInvocation.ExpectingInput)
            {
                var id = ids[0];
                try
                {
                    WriteObject(Run(token => Api.GetWorkflowRunAsync(new GetWorkflowRunInput { SpaceName = space, ProjectName = project, Id = id }, token)));
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, id);
                }

                return;
            }

            // Reads overlap across ids and across piped objects; the token is resolved once before they do.
            _reads ??= new OrderedConcurrentCalls<WorkflowRun>(this, ThrottleLimit, run => WriteObject(run),
                () => Api.Client.TokenSource != null);
            foreach (var id in ids)
            {
                _reads.Add(id, token => Api.GetWorkflowRunAsync(new GetWorkflowRunInput { SpaceName = space, ProjectName = project, Id = id }, token));
            }
        }

        protected override void EndProcessing() => _reads?.Drain();
    }
}
