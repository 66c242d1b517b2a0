using System;
using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>
    /// Get-CCSourceRepositoryBranch: lists a source repository's branches (ListSourceRepositoryBranches). The API has
    /// no call for one branch and no filter, so -Name, exact or a pattern, is matched against the listing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CCSourceRepositoryBranch", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(SourceRepositoryBranch))]
    public sealed class GetCCSourceRepositoryBranchCommand : CodeCatalystListCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The repository; a repository object binds through its SourceRepositoryName alias.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceRepositoryNameCompleter))]
        public string SourceRepositoryName { get; set; } = "";

        /// <summary>
        /// Branch names (such as main or feature/login), matched without case. Not bound from piped objects: a piped
        /// repository's Name is the repository's. An exact name that is not in the listing is an ObjectNotFound error.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var names = new NameFilter(Name);
            var notSeen = new HashSet<string>(names.ExactNames, StringComparer.OrdinalIgnoreCase);
            Func<SourceRepositoryBranch, bool>? keep = null;
            if (Name != null)
            {
                keep = branch =>
                {
                    var exact = branch.Name != null && names.ExactNames.Exists(name => string.Equals(name, branch.Name, StringComparison.OrdinalIgnoreCase));
                    if (exact) notSeen.Remove(branch.Name!);
                    return exact || names.Matches(branch.Name);
                };
            }

            try
            {
                WritePages((next, size, token) => Api.ListSourceRepositoryBranchesAsync(new ListSourceRepositoryBranchesInput
                    {
                        SpaceName = space,
                        ProjectName = project,
                        SourceRepositoryName = SourceRepositoryName,
                        NextToken = next,
                        MaxResults = WireOperations.ListSourceRepositoryBranches.ClampPageSize(size),
                    }, token),
                    keep);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, SourceRepositoryName);
                return;
            }

            // With -First the listing may stop before a name comes up, so absence is known only from a full listing.
            if (First != ulong.MaxValue) return;
            foreach (var name in names.ExactNames)
            {
                if (!notSeen.Contains(name)) continue;
                var error = new ErrorRecord(
                    new ItemNotFoundException($"The source repository '{SourceRepositoryName}' in {space}/{project} has no branch named '{name}'."),
                    "SourceRepositoryBranchNotFound", ErrorCategory.ObjectNotFound, name);
                error.ErrorDetails = new ErrorDetails(error.Exception.Message)
                {
                    RecommendedAction = "Check the branch name. Get-CCSourceRepositoryBranch without -Name lists the branches of the repository.",
                };
                WriteError(error);
            }
        }
    }
}
