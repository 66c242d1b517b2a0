using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>
    /// Get-CCSourceRepository: lists a project's source repositories (ListSourceRepositories) or gets repositories by
    /// name (GetSourceRepository).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CCSourceRepository", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(SourceRepository))]
    public sealed class GetCCSourceRepositoryCommand : CodeCatalystListCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project. A project object binds through its ProjectName alias.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>
        /// Repository names. Not bound from piped objects, so a piped project (which has a Name) lists its repositories
        /// instead of looking for one named like the project. Patterns list the project's repositories and keep the
        /// matching ones: ListSourceRepositories has no filter.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceRepositoryNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var names = new NameFilter(Name);
            foreach (var name in names.ExactNames)
            {
                var input = new GetSourceRepositoryInput { SpaceName = space, ProjectName = project, Name = name };
                if (TryRun(token => Api.GetSourceRepositoryAsync(input, token), name, out var repository)) WriteObject(repository);
            }

            if (Name != null && !names.HasPatterns) return;
            try
            {
                WritePages((next, size, token) => Api.ListSourceRepositoriesAsync(new ListSourceRepositoriesInput
                    {
                        SpaceName = space,
                        ProjectName = project,
                        NextToken = next,
                        MaxResults = WireOperations.ListSourceRepositories.ClampPageSize(size),
                    }, token),
                    names.HasPatterns ? repository => names.Matches(repository.Name) : (System.Func<SourceRepository, bool>?)null);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, project);
            }
        }
    }
}
