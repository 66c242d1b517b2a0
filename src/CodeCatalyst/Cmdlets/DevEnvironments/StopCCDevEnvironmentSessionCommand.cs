using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>Stop-CCDevEnvironmentSession: ends a session on a dev environment (StopDevEnvironmentSession).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "CCDevEnvironmentSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class StopCCDevEnvironmentSessionCommand : CodeCatalystChangeCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The dev environment's id (Start-CCDevEnvironmentSession's output binds by its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>The session's id.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SessionId { get; set; } = "";

        /// <summary>
        /// A session from Get-CCDevEnvironmentSession. Taken by type because its Id is the session's, not the dev
        /// environment's, so binding it by property name would mix the two up. (Its set is the default one: PowerShell
        /// tries the default set first for a piped object, and would otherwise bind the session's Id as -Id.)
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DevEnvironmentSession? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            string? space, project;
            string environmentId, sessionId;
            if (ParameterSetName == InputObjectSet)
            {
                space = InputObject!.SpaceName;
                project = InputObject.ProjectName;
                environmentId = InputObject.DevEnvironmentId;
                sessionId = InputObject.Id;
            }
            else
            {
                if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out space, out project)) return;
                environmentId = Id;
                sessionId = SessionId;
            }

            var input = new StopDevEnvironmentSessionInput { SpaceName = space, ProjectName = project, Id = environmentId, SessionId = sessionId };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, sessionId)) return;
            TryRun(token => Api.StopDevEnvironmentSessionAsync(input, token), sessionId, out _);
        }
    }
}
