using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>Stop-CCDevEnvironment: stops a running dev environment (StopDevEnvironment), optionally waiting until it is STOPPED.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "CCDevEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class StopCCDevEnvironmentCommand : DevEnvironmentStateChangeCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!TryResolveTarget(out var space, out var project)) return;
            var input = new StopDevEnvironmentInput { SpaceName = space, ProjectName = project, Id = Id };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Id)) return;
            if (!TryRun(token => Api.StopDevEnvironmentAsync(input, token), Id, out var stopped)) return;
            WriteVerbose($"Dev environment {Id} is {stopped.Status}.");
            WriteAfterChange(space, project, DevEnvironmentStatus.Stopped);
        }
    }
}
