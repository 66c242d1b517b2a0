using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Update-CCSpace: changes a space's description (UpdateSpace).</summary>
    [Cmdlet(VerbsData.Update, "CCSpace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Space))]
    public sealed class UpdateCCSpaceCommand : CodeCatalystChangeCmdlet
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

        /// <summary>The new description (the model's pattern allows no empty one).</summary>
        [Parameter(Mandatory = true)]
        public string Description { get; set; } = "";

        /// <summary>Writes the updated space.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) Name = InputObject.Name ?? "";
            var input = new UpdateSpaceInput { Name = Name, Description = Description };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (TryRun(token => Api.UpdateSpaceAsync(input, token), Name, out var space) && PassThru) WriteObject(space);
        }
    }
}
