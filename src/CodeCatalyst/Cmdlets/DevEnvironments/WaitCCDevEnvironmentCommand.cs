using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Wait-CCDevEnvironment: polls GetDevEnvironment until each dev environment is RUNNING or STOPPED, then writes
    /// it; FAILED, DELETING and DELETED end the wait with an error, as does running out of time.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CCDevEnvironment")]
    [OutputType(typeof(DevEnvironment))]
    public sealed class WaitCCDevEnvironmentCommand : CodeCatalystServiceCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Dev environment ids; a dev environment object binds by its Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>Give up waiting after this many seconds (0: no limit), HTTP calls included. The dev environment is not touched.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 1800;

        /// <summary>Seconds between status checks.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var waiter = new DevEnvironmentWaiter(this, TimeoutSec, PollIntervalSec);
            foreach (var id in Id)
            {
                try
                {
                    waiter.Wait(space, project, id, DevEnvironmentWaiter.Settled);
                }
                catch (CodeCatalystException exception)
                {
                    WriteFailure(exception, id);
                }
            }
        }
    }
}
