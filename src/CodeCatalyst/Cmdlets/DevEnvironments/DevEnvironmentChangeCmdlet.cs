using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Base of the cmdlets that change one dev environment: named by -Id (with -SpaceName and -ProjectName), or piped
    /// as a dev environment object (Get-CCDevEnvironment's output), taken by type.
    /// </summary>
    public abstract class DevEnvironmentChangeCmdlet : CodeCatalystChangeCmdlet
    {
        internal const string IdSet = "Id";
        internal const string InputObjectSet = "InputObject";

        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The dev environment's id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>
        /// A dev environment object, which names its space and project too. Taken by type, not by an Id property:
        /// a piped session or workflow has an Id too, and it would name the wrong dev environment.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DevEnvironment? InputObject { get; set; }

        /// <summary>The space and project of this record, from the piped object or the parameters and defaults; sets Id from a piped object.</summary>
        internal bool TryResolveTarget(out string? space, out string? project)
        {
            if (InputObject != null) Id = InputObject.Id;
            return TryResolveSpaceAndProject(SpaceName, ProjectName, InputObject?.SpaceName, InputObject?.ProjectName, out space, out project);
        }

        /// <summary>A number parameter's value when it was given, else null: 0 is a value the service takes.</summary>
        internal int? IfGiven(string parameterName, int value) =>
            MyInvocation.BoundParameters.ContainsKey(parameterName) ? value : (int?)null;

        /// <summary>
        /// The operation answered with a few members only: read the dev environment again and write it whole. A
        /// failed read is this item's error; the change itself went through.
        /// </summary>
        internal void WriteCurrent(string? space, string? project)
        {
            if (TryRun(token => Api.GetDevEnvironmentAsync(new GetDevEnvironmentInput { SpaceName = space, ProjectName = project, Id = Id }, token),
                    Id, out var environment))
            {
                WriteObject(environment);
            }
        }
    }

    /// <summary>Base of Start- and Stop-CCDevEnvironment: -Wait and how long and how often it polls.</summary>
    public abstract class DevEnvironmentStateChangeCmdlet : DevEnvironmentChangeCmdlet
    {
        /// <summary>Waits until the dev environment reaches the status the change leads to, then writes it.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up waiting after this many seconds (0: no limit), HTTP calls included.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 1800;

        /// <summary>With -Wait: seconds between status checks.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>Writes the dev environment after the change: once it is <paramref name="wanted"/> with -Wait, else as it is now.</summary>
        internal void WriteAfterChange(string? space, string? project, string wanted)
        {
            if (!Wait)
            {
                WriteCurrent(space, project);
                return;
            }

            try
            {
                new DevEnvironmentWaiter(this, TimeoutSec, PollIntervalSec).Wait(space, project, Id, new[] { wanted });
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, Id);
            }
        }
    }
}
