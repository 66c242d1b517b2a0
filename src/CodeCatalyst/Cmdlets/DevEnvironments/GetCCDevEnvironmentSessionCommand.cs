using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>Get-CCDevEnvironmentSession: lists the open sessions of a dev environment (ListDevEnvironmentSessions).</summary>
    [Cmdlet(VerbsCommon.Get, "CCDevEnvironmentSession", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DevEnvironmentSession))]
    public sealed class GetCCDevEnvironmentSessionCommand : CodeCatalystListCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The dev environment's id; a dev environment object binds through its DevEnvironmentId alias.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string DevEnvironmentId { get; set; } = "";

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            try
            {
                WritePages((next, size, token) => Api.ListDevEnvironmentSessionsAsync(new ListDevEnvironmentSessionsInput
                {
                    SpaceName = space,
                    ProjectName = project,
                    DevEnvironmentId = DevEnvironmentId,
                    NextToken = next,
                    MaxResults = WireOperations.ListDevEnvironmentSessions.ClampPageSize(size),
                }, token));
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, DevEnvironmentId);
            }
        }
    }
}
