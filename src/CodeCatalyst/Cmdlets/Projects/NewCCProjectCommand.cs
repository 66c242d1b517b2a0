using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>New-CCProject: creates a project in a space (CreateProject); the service derives its name from -DisplayName.</summary>
    [Cmdlet(VerbsCommon.New, "CCProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Project))]
    public sealed class NewCCProjectCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string DisplayName { get; set; } = "";

        [Parameter]
        public string? Description { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            var input = new CreateProjectInput { SpaceName = space, DisplayName = DisplayName, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, DisplayName)) return;
            if (TryRun(token => Api.CreateProjectAsync(input, token), DisplayName, out var project)) WriteObject(project);
        }
    }
}
