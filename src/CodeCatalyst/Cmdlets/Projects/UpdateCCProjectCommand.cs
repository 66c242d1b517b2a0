using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>Update-CCProject: changes a project's description (UpdateProject).</summary>
    [Cmdlet(VerbsData.Update, "CCProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Project))]
    public sealed class UpdateCCProjectCommand : CodeCatalystChangeCmdlet
    {
        private const string NameSet = "Name";
        private const string InputObjectSet = "InputObject";

        [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [Alias("ProjectName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>
        /// A project object (Get-CCProject's output), which names its space too. Taken by type, not by a Name
        /// property: any piped object has a Name, and a workflow's would name the wrong project.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Project? InputObject { get; set; }

        /// <summary>The new description (the model's pattern allows no empty one).</summary>
        [Parameter(Mandatory = true)]
        public string Description { get; set; } = "";

        /// <summary>Writes the updated project.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) Name = InputObject.Name ?? "";
            if (!TryResolveSpace(SpaceName, InputObject?.SpaceName, out var space)) return;
            var input = new UpdateProjectInput { SpaceName = space, Name = Name, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.UpdateProjectAsync(input, token), Name, out var project) && PassThru) WriteObject(project);
        }
    }
}
