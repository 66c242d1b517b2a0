using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>Get-CCSourceRepositoryCloneUrl: the URL git clones a source repository from (GetSourceRepositoryCloneUrls).</summary>
    [Cmdlet(VerbsCommon.Get, "CCSourceRepositoryCloneUrl")]
    [OutputType(typeof(SourceRepositoryCloneUrl))]
    public sealed class GetCCSourceRepositoryCloneUrlCommand : CodeCatalystServiceCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The repository; a repository object binds through its SourceRepositoryName alias, a branch by its property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceRepositoryNameCompleter))]
        public string SourceRepositoryName { get; set; } = "";

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var input = new GetSourceRepositoryCloneUrlsInput { SpaceName = space, ProjectName = project, SourceRepositoryName = SourceRepositoryName };
            if (TryRun(token => Api.GetSourceRepositoryCloneUrlsAsync(input, token), SourceRepositoryName, out var urls)) WriteObject(urls);
        }
    }
}
