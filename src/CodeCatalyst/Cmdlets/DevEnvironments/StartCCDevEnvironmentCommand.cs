using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>Start-CCDevEnvironment: starts a stopped dev environment (StartDevEnvironment), optionally waiting until it is RUNNING.</summary>
    [Cmdlet(VerbsLifecycle.Start, "CCDevEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class StartCCDevEnvironmentCommand : DevEnvironmentStateChangeCmdlet
    {
        /// <summary>Starts it with this IDE instead (IdeConfiguration objects, names, or hashtables with name and runtime).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public IdeConfiguration[]? Ide { get; set; }

        /// <summary>Starts it on this instance type instead, for example dev.standard1.medium.</summary>
        [Parameter]
        [ValidateSet("dev.standard1.small", "dev.standard1.medium", "dev.standard1.large", "dev.standard1.xlarge")]
        public string? InstanceType { get; set; }

        /// <summary>Minutes without activity before the service stops it (0: never).</summary>
        [Parameter]
        public int InactivityTimeoutMinutes { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveTarget(out var space, out var project)) return;
            var input = new StartDevEnvironmentInput
            {
                SpaceName = space,
                ProjectName = project,
                Id = Id,
                Ides = Ide == null ? null : new List<IdeConfiguration>(Ide),
                InstanceType = AsModelSpells(InstanceType, nameof(InstanceType)),
                InactivityTimeoutMinutes = IfGiven(nameof(InactivityTimeoutMinutes), InactivityTimeoutMinutes),
            };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Id)) return;
            if (!TryRun(token => Api.StartDevEnvironmentAsync(input, token), Id, out var started)) return;
            WriteVerbose($"Dev environment {Id} is {started.Status}.");
            WriteAfterChange(space, project, DevEnvironmentStatus.Running);
        }
    }
}
