using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Remove-CCSpace: deletes a space and everything in it (DeleteSpace). Asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "CCSpace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Space))]
    public sealed class RemoveCCSpaceCommand : CodeCatalystChangeCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about the deleted space.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var input = new DeleteSpaceInput { Name = Name };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Name)) return;
            if (TryRun(token => Api.DeleteSpaceAsync(input, token), Name, out var space) && PassThru) WriteObject(space);
        }
    }
}
