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
        internal SessionDefaults? Defaults => SessionDefaultsStore.Current;

        /// <summary>The operations, bound to this invocation's endpoint, token sources and diagnostics.</summary>
        internal CodeCatalystApi Api => _api ??= CreateApi(EndpointUrl, Token, ProfileName, Defaults, null,
            RequestTimeoutSec > 0 ? RequestTimeoutSec : (int?)null);

        /// <summary>The explicit value, else the Connect-CCAccount default (explicit parameters always win).</summary>
        internal string? SpaceOrDefault(string? spaceName) => string.IsNullOrEmpty(spaceName) ? Defaults?.SpaceName : spaceName;

        internal string? ProjectOrDefault(string? projectName) =>
            string.IsNullOrEmpty(projectName) ? Defaults?.ProjectName : projectName;

    }
}
