using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Core;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Start-CCDevEnvironmentSession: opens a session on a running dev environment (StartDevEnvironmentSession).
    /// Its stream URL and token are written as SecureStrings, or as plain strings with -AsPlainText.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CCDevEnvironmentSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = SessionTypeSet)]
    [OutputType(typeof(DevEnvironmentSessionAccess), typeof(DevEnvironmentSessionPlainTextAccess))]
    public sealed class StartCCDevEnvironmentSessionCommand : CodeCatalystChangeCmdlet
    {
        private const string SessionTypeSet = "SessionType";
        private const string SessionConfigurationSet = "SessionConfiguration";

        /// <summary>The space; default the Connect-CCAccount space.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The project; default the Connect-CCAccount project.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>The dev environment's id; a piped dev environment binds by its Id (its two parameter sets are the session's kinds).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DevEnvironmentIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>The kind of session: SSM (the default) or SSH.</summary>
        [Parameter(ParameterSetName = SessionTypeSet)]
        [ValidateSet("SSM", "SSH")]
        public string SessionType { get; set; } = "SSM";

        /// <summary>A command the session runs instead of a shell.</summary>
        [Parameter(ParameterSetName = SessionTypeSet)]
        [ValidateNotNullOrEmpty]
        public string? Command { get; set; }

        /// <summary>The arguments of -Command.</summary>
        [Parameter(ParameterSetName = SessionTypeSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Argument { get; set; }

        /// <summary>The whole configuration (a DevEnvironmentSessionConfiguration, or a hashtable with the API's member names).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionConfigurationSet)]
        [ValidateNotNull]
        public DevEnvironmentSessionConfiguration? SessionConfiguration { get; set; }

        /// <summary>Writes the stream URL and token as plain strings. Anything that shows the result then shows them.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpaceAndProject(SpaceName, ProjectName, out var space, out var project)) return;
            var input = new StartDevEnvironmentSessionInput
            {
                SpaceName = space,
                ProjectName = project,
                Id = Id,
                SessionConfiguration = SessionConfiguration ?? new DevEnvironmentSessionConfiguration
                {
                    SessionType = AsModelSpells(SessionType, nameof(SessionType))!,
                    ExecuteCommandSessionConfiguration = Command == null && Argument == null
                        ? null
                        : new ExecuteCommandSessionConfiguration { Command = Command ?? "", Arguments = Argument == null ? null : new List<string>(Argument) },
                },
            };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Id)) return;
            if (!TryRun(token => Api.StartDevEnvironmentSessionAsync(input, token), Id, out var started)) return;
            WriteVerbose($"Started session {started.SessionId} on dev environment {started.Id}.");
            var access = started.AccessDetails!;
            if (AsPlainText)
            {
                WriteObject(new DevEnvironmentSessionPlainTextAccess
                {
                    SpaceName = started.SpaceName,
                    ProjectName = started.ProjectName,
                    Id = started.Id,
                    SessionId = started.SessionId,
                    StreamUrl = access.StreamUrl,
                    TokenValue = access.TokenValue,
                });
                return;
            }

            WriteObject(new DevEnvironmentSessionAccess
            {
                SpaceName = started.SpaceName,
                ProjectName = started.ProjectName,
                Id = started.Id,
                SessionId = started.SessionId,
                StreamUrl = SecretText.ToSecureString(access.StreamUrl),
                TokenValue = SecretText.ToSecureString(access.TokenValue),
            });
        }
    }
}
