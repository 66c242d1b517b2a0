using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Update-CCSpace: changes a space's description (UpdateSpace).</summary>
    [Cmdlet(VerbsData.Update, "CCSpace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Space))]
    public sealed class UpdateCCSpaceCommand : CodeCatalystChangeCmdlet
    {
        /// <summary>The space; a space object binds by its Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>The new description (the model's pattern allows no empty one).</summary>
        [Parameter(Mandatory = true)]
        public string Description { get; set; } = "";

        /// <summary>Writes the updated space.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var input = new UpdateSpaceInput { Name = Name, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.UpdateSpaceAsync(input, token), Name, out var space) && PassThru) WriteObject(space);
        }
    }
}
