using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Cmdlets.Amplify;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Auth.Credentials;
using CodeCatalyst.Core.Http;
using CodeCatalyst.Wire;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Account
{
    /// <summary>
    /// Connect-CCAccount: stores a token or profile, an endpoint, and a default space and project for the rest of
    /// this PowerShell session, after checking the token with VerifySession; and, for the Amplify cmdlets, an AWS
    /// access key and Region.
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

        /// <summary>An AWS access key id for the Amplify cmdlets, given with -SecretKey.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key that goes with -AccessKey.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? SecretKey { get; set; }

        /// <summary>The session token of temporary AWS credentials given with -AccessKey and -SecretKey (or -Credential).</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? SessionToken { get; set; }

        /// <summary>An AWS access key as a PSCredential (access key id as the user name), for the Amplify cmdlets.</summary>
        [Parameter]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The AWS Region the Amplify cmdlets use when they are given none.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>Store the settings without calling VerifySession.</summary>
        [Parameter]
        public SwitchParameter SkipVerification { get; set; }

        protected override void ProcessRecord()
        {
            int? maxAttempts = MaxAttempts > 0 ? MaxAttempts : (int?)null;
            int? requestTimeoutSec = RequestTimeoutSec > 0 ? RequestTimeoutSec : (int?)null;

            // Bad AWS input is refused before anything is sent or stored.
            AwsKeyParameters? awsKeys;
            try
            {
                awsKeys = AwsKeyParameters.Read(AccessKey, SecretKey, SessionToken, Credential);
                if (Region != null && !AwsServiceEndpoint.IsValidRegion(Region))
                {
                    throw new CodeCatalystConfigurationException("InvalidRegion",
                        $"'{Region}' is not an AWS Region name. Give one such as us-east-1.");
                }
            }
            catch (CodeCatalystConfigurationException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(exception, Region));
                return;
            }

            // A new connection starts clean: nothing falls back on what an earlier Connect-CCAccount stored.
            var api = CreateApi(EndpointUrl, Token, ProfileName, null, maxAttempts, requestTimeoutSec);
            var endpoint = api.Client.Endpoint;
            if (!ShouldProcess(endpoint.ToString(), "Store CodeCatalyst connection defaults for this session")) return;

            string? awsIdentity = null;
            if (awsKeys != null && !SkipVerification)
            {
                try
                {
                    awsIdentity = Run(cancellation => CheckAwsKeyAsync(awsKeys, requestTimeoutSec, cancellation));
                }
                catch (CodeCatalystConfigurationException exception)
                {
                    // Nothing is stored when the key is refused: the session keeps what it had.
                    WriteFailure(exception, awsKeys.MaskedAccessKey);
                    return;
                }
            }

            // An AWS key given alone (no -Token, no -ProfileName) is an Amplify-only connection: there is no
            // CodeCatalyst credential to check, and a missing one must not make it fail.
            var checkCodeCatalyst = !SkipVerification && (awsKeys == null || ParameterSetName != DefaultSet);
            string? identity = null;
            string tokenSource;
            try
            {
                if (!checkCodeCatalyst)
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

            // The stored key outlives the caller's SecureStrings, which the caller may dispose.
            var storedKeys = awsKeys?.Copy();
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
                Region = Region,
                AwsKeys = storedKeys,
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
                Region = Region,
                AwsCredentialSource = storedKeys == null ? null : $"{storedKeys.ParameterName} ({storedKeys.MaskedAccessKey})",
                AwsIdentity = awsIdentity,
            });
        }

        /// <summary>
        /// Asks STS GetCallerIdentity whom the key belongs to, at the STS endpoint the AWS CLI would use for this
        /// Region (AWS_ENDPOINT_URL_STS and the profile's endpoint settings honoured; the global endpoint without one).
        /// </summary>
        private async Task<string> CheckAwsKeyAsync(AwsKeyParameters keys, int? requestTimeoutSec, CancellationToken cancellation)
        {
            var environment = ProcessAuthEnvironment.Instance;
            try
            {
                // The Region and the STS endpoint both come from the shared files: read once.
                var files = new AwsSharedFiles(environment);
                var region = AwsRegionResolver.Resolve(Region, null, environment, out _, files);
                var config = files.Both;
                config.Profiles.TryGetValue(SsoTokenProvider.ResolveProfileName(null, environment), out var profile);
                var timeout = requestTimeoutSec.HasValue ? TimeSpan.FromSeconds(requestTimeoutSec.Value) : (TimeSpan?)null;
                var sts = StsClient.Create(HttpClientProvider.CreateClient(), region, profile, config, environment, null, timeout);
                Diagnostics.Verbose($"Checking the AWS access key {keys.MaskedAccessKey} with STS GetCallerIdentity at {sts.Endpoint.GetLeftPart(UriPartial.Authority)}.");
                return await sts.GetCallerIdentityAsync(keys.ToCredentials(), cancellation).ConfigureAwait(false);
            }
            catch (AwsCredentialException exception)
            {
                throw AmplifyCmdlet.CredentialFailure(exception);
            }
            catch (SsoTokenException exception)
            {
                throw AmplifyCmdlet.SharedFilesFailure(exception);
            }
        }
    }
}
