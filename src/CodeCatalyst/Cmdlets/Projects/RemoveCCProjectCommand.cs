using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Projects
{
    /// <summary>Remove-CCProject: deletes a project and everything in it (DeleteProject). Asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "CCProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Project))]
    public sealed class RemoveCCProjectCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about the deleted project.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            var input = new DeleteProjectInput { SpaceName = space, Name = Name };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Name)) return;
            if (TryRun(token => Api.DeleteProjectAsync(input, token), Name, out var project) && PassThru) WriteObject(project);
        }
    }
}
