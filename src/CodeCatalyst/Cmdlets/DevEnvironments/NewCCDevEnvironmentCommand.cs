using System;
using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// New-CCDevEnvironment: creates a dev environment in a project (CreateDevEnvironment) and writes it as the
    /// service then reports it (PENDING at first; Wait-CCDevEnvironment waits until it is RUNNING).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CCDevEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = StorageSizeSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class NewCCDevEnvironmentCommand : CodeCatalystChangeCmdlet
    {
        private const string StorageSizeSet = "StorageSize";
        private const string StorageSet = "Storage";

        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project. A project object binds through its ProjectName alias.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Source repositories to clone (RepositoryInput objects, names, or hashtables with repositoryName and branchName).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public RepositoryInput[]? Repository { get; set; }

        /// <summary>
        /// The idempotency token. Without it each dev environment gets a fresh one, sent unchanged on every retry, so a
        /// retried request never creates a second dev environment.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientToken { get; set; }

        /// <summary>A friendly name for the dev environment.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Alias { get; set; }

        /// <summary>The IDE (IdeConfiguration objects, names such as VSCode, or hashtables with name and runtime).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public IdeConfiguration[]? Ide { get; set; }

        /// <summary>The instance type; default dev.standard1.small, the smallest.</summary>
        [Parameter]
        [ValidateSet("dev.standard1.small", "dev.standard1.medium", "dev.standard1.large", "dev.standard1.xlarge")]
        public string InstanceType { get; set; } = "dev.standard1.small";

        /// <summary>Minutes without activity before the service stops it (0: never); the service's default when left out.</summary>
        [Parameter]
        public int InactivityTimeoutMinutes { get; set; }

        /// <summary>The persistent storage (a PersistentStorageConfiguration, or a hashtable with sizeInGiB).</summary>
        [Parameter(Mandatory = true, ParameterSetName = StorageSet)]
        [ValidateNotNull]
        public PersistentStorageConfiguration? PersistentStorage { get; set; }

        /// <summary>The persistent storage size in GiB (16, 32 or 64); default 16, the smallest.</summary>
        [Parameter(ParameterSetName = StorageSizeSet)]
        public int PersistentStorageSizeInGiB { get; set; } = 16;

        /// <summary>The Amazon VPC connection the dev environment uses, if any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? VpcConnectionName { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var input = new CreateDevEnvironmentInput
            {
                SpaceName = space,
                ProjectName = project,
                Repositories = Repository == null ? null : new List<RepositoryInput>(Repository),
                // One token per dev environment asked for, made here once: every retry of this request sends it.
                ClientToken = ClientToken ?? Guid.NewGuid().ToString("N"),
                Alias = Alias,
                Ides = Ide == null ? null : new List<IdeConfiguration>(Ide),
                InstanceType = AsModelSpells(InstanceType, nameof(InstanceType)),
                InactivityTimeoutMinutes = MyInvocation.BoundParameters.ContainsKey(nameof(InactivityTimeoutMinutes)) ? InactivityTimeoutMinutes : (int?)null,
                PersistentStorage = PersistentStorage ?? new PersistentStorageConfiguration { SizeInGiB = PersistentStorageSizeInGiB },
                VpcConnectionName = VpcConnectionName,
            };
            var target = (object?)Alias ?? project;
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, target)) return;
            if (!TryRun(token => Api.CreateDevEnvironmentAsync(input, token), target, out var created)) return;
            WriteVerbose($"Created dev environment {created.Id} in {created.SpaceName}/{created.ProjectName} (client token {input.ClientToken}).");
            if (TryRun(token => Api.GetDevEnvironmentAsync(new GetDevEnvironmentInput
                    {
                        SpaceName = created.SpaceName, ProjectName = created.ProjectName, Id = created.Id,
                    }, token), created.Id, out var environment))
            {
                WriteObject(environment);
            }
        }
    }
}
