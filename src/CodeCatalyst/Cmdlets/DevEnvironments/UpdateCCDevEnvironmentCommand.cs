using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Update-CCDevEnvironment: changes a dev environment's alias, IDE, instance type or inactivity timeout
    /// (UpdateDevEnvironment). A new instance type or timeout restarts a running dev environment.
    /// </summary>
    [Cmdlet(VerbsData.Update, "CCDevEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class UpdateCCDevEnvironmentCommand : DevEnvironmentChangeCmdlet
    {
        /// <summary>The new alias; an empty string removes it.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? Alias { get; set; }

        /// <summary>The IDE (IdeConfiguration objects, names, or hashtables with name and runtime).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public IdeConfiguration[]? Ide { get; set; }

        /// <summary>The instance type, for example dev.standard1.medium.</summary>
        [Parameter]
        [ValidateSet("dev.standard1.small", "dev.standard1.medium", "dev.standard1.large", "dev.standard1.xlarge")]
        public string? InstanceType { get; set; }

        /// <summary>Minutes without activity before the service stops it (0: never).</summary>
        [Parameter]
        public int InactivityTimeoutMinutes { get; set; }

        /// <summary>An idempotency token: the same update sent again with it changes nothing more.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientToken { get; set; }

        /// <summary>Writes the dev environment as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveTarget(out var space, out var project)) return;
            var input = new UpdateDevEnvironmentInput
            {
                SpaceName = space,
                ProjectName = project,
                Id = Id,
                Alias = Alias,
                Ides = Ide == null ? null : new List<IdeConfiguration>(Ide),
                InstanceType = AsModelSpells(InstanceType, nameof(InstanceType)),
                InactivityTimeoutMinutes = IfGiven(nameof(InactivityTimeoutMinutes), InactivityTimeoutMinutes),
                ClientToken = ClientToken,
            };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Id)) return;
            if (TryRun(token => Api.UpdateDevEnvironmentAsync(input, token), Id, out _) && PassThru) WriteCurrent(space, project);
        }
    }
}
