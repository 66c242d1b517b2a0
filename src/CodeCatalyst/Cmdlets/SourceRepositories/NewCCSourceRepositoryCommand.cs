using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>New-CCSourceRepository: creates an empty source repository in a project (CreateSourceRepository).</summary>
    [Cmdlet(VerbsCommon.New, "CCSourceRepository", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SourceRepository))]
    public sealed class NewCCSourceRepositoryCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; a piped project binds through its ProjectName alias.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The new repository's name. Not bound from piped objects: a piped project's Name is the project's.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter]
        public string? Description { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var input = new CreateSourceRepositoryInput { SpaceName = space, ProjectName = project, Name = Name, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.CreateSourceRepositoryAsync(input, token), Name, out var repository)) WriteObject(repository);
        }
    }
}
