using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>Get-CCProject: lists a space's projects (ListProjects) or gets projects by name (GetProject).</summary>
    [Cmdlet(VerbsCommon.Get, "CCProject", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Project))]
    public sealed class GetCCProjectCommand : CodeCatalystListCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space. A space object binds through its SpaceName alias.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>
        /// Project names. A pattern is sent to the service as a name filter on its text before the first wildcard
        /// (BEGINS_WITH, matched by the service as written), and the rest is matched here without case.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>The service's own filters (ProjectListFilter objects, or hashtables with key, values, comparisonOperator).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public ProjectListFilter[]? Filter { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            var names = new NameFilter(Name);
            foreach (var name in names.ExactNames)
            {
                if (TryRun(token => Api.GetProjectAsync(new GetProjectInput { SpaceName = space, Name = name }, token), name, out var project))
                {
                    WriteObject(project);
                }
            }

            if (Name != null && !names.HasPatterns) return;
            var filters = new List<ProjectListFilter>(Filter ?? new ProjectListFilter[0]);
            var prefix = names.CommonPrefix();
            if (prefix.Length > 0)
            {
                filters.Add(new ProjectListFilter { Key = "name", Values = new List<string> { prefix }, ComparisonOperator = "BEGINS_WITH" });
            }

            try
            {
                WritePages((next, size, token) => Api.ListProjectsAsync(new ListProjectsInput
                    {
                        SpaceName = space,
                        NextToken = next,
                        MaxResults = WireOperations.ListProjects.ClampPageSize(size),
                        Filters = filters.Count > 0 ? filters : null,
                    }, token),
                    names.HasPatterns ? project => names.Matches(project.Name) : (System.Func<Project, bool>?)null);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, space);
            }
        }
    }
}
