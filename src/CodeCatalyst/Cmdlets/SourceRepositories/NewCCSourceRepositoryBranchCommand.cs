using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>New-CCSourceRepositoryBranch: creates a branch in a source repository (CreateSourceRepositoryBranch).</summary>
    [Cmdlet(VerbsCommon.New, "CCSourceRepositoryBranch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SourceRepositoryBranch))]
    public sealed class NewCCSourceRepositoryBranchCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The repository; a repository object binds through its SourceRepositoryName alias, a branch by its property.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceRepositoryNameCompleter))]
        public string SourceRepositoryName { get; set; } = "";

        /// <summary>The new branch's name. Not bound from piped objects: a piped repository's or branch's Name is its own.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>
        /// The commit the branch starts at; by default the service's choice (the head of the default branch). A piped
        /// branch binds its HeadCommitId, so the new branch starts where that one is.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? HeadCommitId { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var input = new CreateSourceRepositoryBranchInput
            {
                SpaceName = space,
                ProjectName = project,
                SourceRepositoryName = SourceRepositoryName,
                Name = Name,
                HeadCommitId = HeadCommitId,
            };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.CreateSourceRepositoryBranchAsync(input, token), Name, out var branch)) WriteObject(branch);
        }
    }
}
