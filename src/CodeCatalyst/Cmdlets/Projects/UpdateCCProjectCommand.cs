using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>Update-CCProject: changes a project's description (UpdateProject).</summary>
    [Cmdlet(VerbsData.Update, "CCProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Project))]
    public sealed class UpdateCCProjectCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; a project object binds by its Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>The new description (the model's pattern allows no empty one).</summary>
        [Parameter(Mandatory = true)]
        public string Description { get; set; } = "";

        /// <summary>Writes the updated project.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            var input = new UpdateProjectInput { SpaceName = space, Name = Name, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.UpdateProjectAsync(input, token), Name, out var project) && PassThru) WriteObject(project);
        }
    }
}
