using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>Remove-CCProject: deletes a project and everything in it (DeleteProject). Asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "CCProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Project))]
    public sealed class RemoveCCProjectCommand : CodeCatalystChangeCmdlet
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

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about the deleted project.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) Name = InputObject.Name ?? "";
            if (!TryResolveSpace(SpaceName, InputObject?.SpaceName, out var space)) return;
            var input = new DeleteProjectInput { SpaceName = space, Name = Name };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Name)) return;
            if (TryRun(token => Api.DeleteProjectAsync(input, token), Name, out var project) && PassThru) WriteObject(project);
        }
    }
}
