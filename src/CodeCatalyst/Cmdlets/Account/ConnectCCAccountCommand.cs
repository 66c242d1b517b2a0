using System;
using System.Management.Automation;
using System.Security;
using CodeCatalyst.Core;
using CodeCatalyst.Wire;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Account
{
    /// <summary>
    /// Connect-CCAccount: stores a token or profile, an endpoint, and a default space and project for the rest of
    /// this PowerShell session, after checking the token with VerifySession.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CCAccount", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConnectionContext))]
    public sealed class ConnectCCAccountCommand : CodeCatalystCmdlet
    {
        private const string DefaultSet = "Default";
        private const string TokenSet = "Token";
        private const string ProfileSet = "Profile";

        /// <summary>A bearer token (personal access token) used by every later call in this session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>An AWS config profile with an sso_session, read (and refreshed) at each call.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? EndpointUrl { get; set; }

        [Parameter]
        [ValidateLength(3, 63)]
        [ValidatePattern(StringRule.AnchoredNamePattern)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        [Parameter]
        [ValidateLength(1, 63)]
        [ValidatePattern(StringRule.AnchoredNamePattern)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? ProjectName { get; set; }

        /// <summary>Attempts per request, the first included (the AWS SDKs' max_attempts).</summary>
        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; }

        /// <summary>Seconds one HTTP attempt may take, for this call and every later one in the session (default 60).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; }

        /// <summary>Store the settings without calling VerifySession.</summary>
        [Parameter]
        public SwitchParameter SkipVerification { get; set; }

        protected override void ProcessRecord()
        {
            int? maxAttempts = MaxAttempts > 0 ? MaxAttempts : (int?)null;
            int? requestTimeoutSec = RequestTimeoutSec > 0 ? RequestTimeoutSec : (int?)null;

            // A new connection starts clean: nothing falls back on what an earlier Connect-CCAccount stored.
            var api = CreateApi(EndpointUrl, Token, ProfileName, null, maxAttempts, requestTimeoutSec);
            var endpoint = api.Client.Endpoint;
            if (!ShouldProcess(endpoint.ToString(), "Store CodeCatalyst connection defaults for this session")) return;

            string? identity = null;
            string tokenSource;
            try
            {
                if (SkipVerification)
                {
                    // Still refuse, without a request, a -Token that could never be sent.
                    if (Token != null) Run(cancellation => api.Client.ResolveTokenAsync(cancellation));
                    tokenSource = Token != null ? "-Token parameter" : ProfileName != null ? $"SSO profile '{ProfileName}'" : "resolved at each call";
                }
                else
                {
                    identity = Run(cancellation => api.VerifySessionAsync(new VerifySessionInput(), cancellation)).Identity;
                    tokenSource = api.Client.TokenSource ?? "";
                }
            }
            catch (CodeCatalystException exception)
            {
                // Nothing is stored when the check fails: the session keeps what it had.
                WriteFailure(exception, endpoint);
                return;
            }

            var token = Token?.Copy();
            token?.MakeReadOnly();
            SessionDefaultsStore.Set(SessionState, new SessionDefaults
            {
                Endpoint = EndpointUrl != null ? endpoint : null,
                Token = token,
                ProfileName = ProfileName,
                SpaceName = SpaceName,
                ProjectName = ProjectName,
                MaxAttempts = maxAttempts,
                RequestTimeoutSec = requestTimeoutSec,
                Identity = identity,
                TokenSource = tokenSource,
            });

            WriteObject(new ConnectionContext
            {
                Endpoint = endpoint.ToString(),
                TokenSource = tokenSource,
                SpaceName = SpaceName,
                ProjectName = ProjectName,
                Identity = identity,
                MaxAttempts = maxAttempts ?? MaxAttemptsFromEnvironment(),
                RequestTimeoutSec = requestTimeoutSec ?? (int)Core.Http.ClientSettings.DefaultRequestTimeout.TotalSeconds,
            });
        }
    }
}
