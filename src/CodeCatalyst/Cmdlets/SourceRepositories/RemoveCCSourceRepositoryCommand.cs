using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.SourceRepositories
{
    /// <summary>
    /// Remove-CCSourceRepository: deletes a source repository with its branches and history (DeleteSourceRepository).
    /// Asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CCSourceRepository", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(SourceRepository))]
    public sealed class RemoveCCSourceRepositoryCommand : CodeCatalystChangeCmdlet
    {
        private const string NameSet = "Name";
        private const string InputObjectSet = "InputObject";

        [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The repository's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [Alias("SourceRepositoryName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceRepositoryNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>
        /// A repository object (Get-CCSourceRepository's output), which names its space and project too. Taken by
        /// type, not by a Name property: a piped branch has a Name, and it would name the wrong repository.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SourceRepository? InputObject { get; set; }

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes what the service reports about the deleted repository.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) Name = InputObject.Name;
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, InputObject?.SpaceName, InputObject?.ProjectName, out var space, out var project)) return;
            var input = new DeleteSourceRepositoryInput { SpaceName = space, ProjectName = project, Name = Name };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Name)) return;
            if (TryRun(token => Api.DeleteSourceRepositoryAsync(input, token), Name, out var repository) && PassThru) WriteObject(repository);
        }
    }
}
