using System;
using System.Management.Automation;
using System.Security;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Http;

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

        /// <summary>The Connect-CCAccount defaults this call may fall back on.</summary>
        internal virtual SessionDefaults? Defaults => SessionDefaultsStore.Current;

        /// <summary>Attempts per request when a cmdlet sets them itself (Connect-CCAccount -MaxAttempts).</summary>
        internal virtual int? MaxAttemptsOverride => null;

        /// <summary>The operations, bound to this invocation's endpoint, token sources and diagnostics.</summary>
        internal CodeCatalystApi Api => _api ??= CreateApi();

        /// <summary>The explicit value, else the Connect-CCAccount default (explicit parameters always win).</summary>
        internal string? SpaceOrDefault(string? spaceName) => string.IsNullOrEmpty(spaceName) ? Defaults?.SpaceName : spaceName;

        internal string? ProjectOrDefault(string? projectName) =>
            string.IsNullOrEmpty(projectName) ? Defaults?.ProjectName : projectName;

        private CodeCatalystApi CreateApi()
        {
            var defaults = Defaults;
            Uri endpoint;
            try
            {
                endpoint = EndpointResolver.Resolve(EndpointUrl, defaults?.Endpoint, Environment.GetEnvironmentVariable);
            }
            catch (CodeCatalystConfigurationException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(exception, EndpointUrl));
                throw; // not reached: ThrowTerminatingError always throws
            }

            var sources = new TokenSources
            {
                ParameterToken = Token,
                ParameterProfileName = ProfileName,
                SessionToken = defaults?.Token,
                SessionProfileName = defaults?.ProfileName,
            };
            var httpClient = HttpClientProvider.CreateClient();
            var diagnostics = Diagnostics;
            var sso = new SsoProfileTokenSource(httpClient, diagnostics, ModuleInfo.UserAgent(typeof(PSObject).Assembly.GetName().Version));
            var settings = new ClientSettings(endpoint,
                token => TokenResolver.ResolveAsync(sources, Environment.GetEnvironmentVariable, sso, token))
            {
                MaxAttempts = MaxAttemptsOverride ?? defaults?.MaxAttempts ?? MaxAttemptsFromEnvironment(),
                UserAgent = ModuleInfo.UserAgent(typeof(PSObject).Assembly.GetName().Version),
            };
            return new CodeCatalystApi(new CodeCatalystClient(settings, httpClient, diagnostics));
        }

        /// <summary>AWS_MAX_ATTEMPTS, as the AWS SDKs read it; ignored unless it is a sensible number.</summary>
        internal static int MaxAttemptsFromEnvironment()
        {
            var value = Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS");
            return int.TryParse(value, out var attempts) && attempts >= 1 && attempts <= 10 ? attempts : RetryPolicy.DefaultMaxAttempts;
        }
    }
}
