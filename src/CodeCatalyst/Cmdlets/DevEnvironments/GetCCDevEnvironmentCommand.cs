using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Get-CCDevEnvironment: lists the dev environments of a project, or of a whole space (ListDevEnvironments), or
    /// gets dev environments by id (GetDevEnvironment).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CCDevEnvironment", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class GetCCDevEnvironmentCommand : CodeCatalystListCmdlet
    {
        private const string IdSet = "Id";

        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>
        /// The project; default the Connect-CCAccount project. When there is neither, the listing covers every
        /// project of the space; a get by id needs one.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Dev environment ids; a dev environment object binds by its Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true,
            ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>The service's own filters (Filter objects, or hashtables with key, values and comparisonOperator).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public Filter[]? Filter { get; set; }

        /// <summary>
        /// A project object (from Get-CCProject or New-CCProject) whose dev environments are listed. Taking it by type
        /// keeps PowerShell from turning a piped project into a dev environment id.
        /// </summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Project? Project { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, Project, out var space, out var project)) return;

            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    if (TryRun(token => Api.GetDevEnvironmentAsync(new GetDevEnvironmentInput { SpaceName = space, ProjectName = project, Id = id }, token),
                            id, out var environment))
                    {
                        WriteObject(environment);
                    }
                }

                return;
            }

            var filters = Filter == null ? null : new List<Filter>(Filter);
            try
            {
                WritePages(async (next, size, token) =>
                {
                    var page = await Api.ListDevEnvironmentsAsync(new ListDevEnvironmentsInput
                    {
                        SpaceName = space,
                        ProjectName = project,
                        Filters = filters,
                        NextToken = next,
                        MaxResults = WireOperations.ListDevEnvironments.ClampPageSize(size),
                    }, token).ConfigureAwait(false);
                    // The model makes projectName optional in a listing; a project's listing knows it anyway, and the
                    // next cmdlet down the pipeline needs it.
                    if (project != null)
                    {
                        foreach (var environment in page.Items) environment.ProjectName ??= project;
                    }

                    return page;
                });
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, (object?)project ?? space);
            }
        }
    }
}
