using System;
using System.Management.Automation;
using System.Security;
using CodeCatalyst.Core;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that call the service: the connection parameters every one of them takes, and the
    /// client built from them on first use (so -WhatIf and bad input never need a token or a network).
    /// </summary>
    public abstract class CodeCatalystServiceCmdlet : CodeCatalystCmdlet
    {
        private CodeCatalystApi? _api;

        /// <summary>The service endpoint; overrides Connect-CCAccount and the AWS_ENDPOINT_URL* variables.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? EndpointUrl { get; set; }

        /// <summary>A CodeCatalyst bearer token (personal access token); wins over every other source.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>An AWS config profile with an sso_session whose cached SSO token is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>
        /// Seconds one HTTP attempt may take, answer included (SSO token refresh too); default the Connect-CCAccount
        /// value, else 60. A failed attempt is retried up to the attempt limit.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; }

        /// <summary>The Connect-CCAccount defaults this call may fall back on.</summary>
        internal SessionDefaults? Defaults => SessionDefaultsStore.Get(SessionState);

        /// <summary>The operations, bound to this invocation's endpoint, token sources and diagnostics.</summary>
        internal CodeCatalystApi Api => _api ??= CreateApi(EndpointUrl, Token, ProfileName, Defaults, null,
            RequestTimeoutSec > 0 ? RequestTimeoutSec : (int?)null);

        /// <summary>
        /// The space and project for this record: the values given (as parameters or by a piped object's
        /// properties), else the Connect-CCAccount defaults. A value that was given but is empty or $null (an unset
        /// variable, say) is written as an InvalidArgument error and false is returned: it never falls back on the
        /// default, just as PowerShell's own parameter validation would not.
        /// </summary>
        internal bool TryResolveSpaceAndProject(string? spaceName, string? projectName, out string? space, out string? project)
        {
            space = project = null;
            try
            {
                var defaults = Defaults; // a session-variable lookup: once per record
                space = GivenOrDefault("SpaceName", spaceName, defaults?.SpaceName);
                project = GivenOrDefault("ProjectName", projectName, defaults?.ProjectName);
                return true;
            }
            catch (CodeCatalystInputException exception)
            {
                WriteFailure(exception, null);
                return false;
            }
        }

        /// <summary>
        /// The same, for cmdlets that also take a project object (-Project): it names both the space and the project,
        /// unless -SpaceName or -ProjectName was given.
        /// </summary>
        internal bool TryResolveSpaceAndProject(string? spaceName, string? projectName, Models.Project? fromProject,
            out string? space, out string? project)
        {
            if (!TryResolveSpaceAndProject(spaceName, projectName, out space, out project)) return false;
            if (fromProject == null) return true;
            if (!MyInvocation.BoundParameters.ContainsKey("SpaceName")) space = fromProject.SpaceName;
            if (!MyInvocation.BoundParameters.ContainsKey("ProjectName")) project = fromProject.Name;
            return true;
        }

        /// <summary>
        /// The same, for a record that is a piped resource object (-InputObject): the space and project it names win,
        /// and the Connect-CCAccount defaults fill only what it leaves out.
        /// </summary>
        internal bool TryResolveSpaceAndProject(string? spaceName, string? projectName, string? spaceFromObject, string? projectFromObject,
            out string? space, out string? project)
        {
            if (!TryResolveSpaceAndProject(spaceName, projectName, out space, out project)) return false;
            if (!string.IsNullOrEmpty(spaceFromObject)) space = spaceFromObject;
            if (!string.IsNullOrEmpty(projectFromObject)) project = projectFromObject;
            return true;
        }

        /// <summary>The space alone, as the overload above resolves it.</summary>
        internal bool TryResolveSpace(string? spaceName, string? spaceFromObject, out string? space)
        {
            if (!TryResolveSpace(spaceName, out space)) return false;
            if (!string.IsNullOrEmpty(spaceFromObject)) space = spaceFromObject;
            return true;
        }

        /// <summary>The space for this record, as <see cref="TryResolveSpaceAndProject(string?, string?, out string?, out string?)"/> resolves it.</summary>
        internal bool TryResolveSpace(string? spaceName, out string? space)
        {
            space = null;
            try
            {
                space = GivenOrDefault("SpaceName", spaceName, Defaults?.SpaceName);
                return true;
            }
            catch (CodeCatalystInputException exception)
            {
                WriteFailure(exception, null);
                return false;
            }
        }

        private string? GivenOrDefault(string parameterName, string? value, string? defaultValue)
        {
            // BoundParameters holds what the command line and the current pipeline record bound, nothing else.
            if (!MyInvocation.BoundParameters.ContainsKey(parameterName)) return defaultValue;
            if (!string.IsNullOrEmpty(value)) return value;
            throw new CodeCatalystInputException(parameterName,
                $"-{parameterName} was given an empty value ({(value == null ? "$null" : "''")}), for example from a variable that is not set. " +
                $"Give a name, or leave -{parameterName} out to use the Connect-CCAccount default.");
        }

    }
}
