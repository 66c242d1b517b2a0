using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Remove-CCSpace: deletes a space and everything in it (DeleteSpace). Asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "CCSpace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Space))]
    public sealed class RemoveCCSpaceCommand : CodeCatalystChangeCmdlet
    {
        private const string NameSet = "Name";
        private const string InputObjectSet = "InputObject";

        /// <summary>The space's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>
        /// A space object (Get-CCSpace's output). Taken by type, not by a Name property: any piped object has a Name,
        /// and a project's would name the wrong space.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Space? InputObject { get; set; }

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about the deleted space.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) Name = InputObject.Name ?? "";
            var input = new DeleteSpaceInput { Name = Name };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Name)) return;
            if (TryRun(token => Api.DeleteSpaceAsync(input, token), Name, out var space) && PassThru) WriteObject(space);
        }
    }
}
