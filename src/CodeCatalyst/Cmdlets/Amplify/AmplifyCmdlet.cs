using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Amplify;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Auth.Credentials;
using CodeCatalyst.Core.Auth.Signing;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Base of the AWS Amplify cmdlets: the Region, endpoint and credentials every one of them takes, and the SigV4
    /// client built from them on first use (so bad input and -WhatIf never need credentials or a network).
    /// </summary>
    public abstract class AmplifyCmdlet : CodeCatalystCmdlet
    {
        private AmplifyApi? _api;

        /// <summary>
        /// The AWS Region (us-east-1...); default the Connect-CCAccount -Region, AWS_REGION, AWS_DEFAULT_REGION, then the
        /// profile's region.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>The Amplify endpoint; overrides AWS_ENDPOINT_URL_AMPLIFY, AWS_ENDPOINT_URL and the profile's.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? EndpointUrl { get; set; }

        /// <summary>A profile of the shared AWS config and credentials files; default AWS_PROFILE, then 'default'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>An AWS access key id, given with -SecretKey; wins over every other source, Connect-CCAccount's included.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key that goes with -AccessKey.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? SecretKey { get; set; }

        /// <summary>The session token of temporary credentials given with -AccessKey and -SecretKey (or -Credential).</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? SessionToken { get; set; }

        /// <summary>An access key as a PSCredential: the access key id as the user name, the secret key as the password.</summary>
        [Parameter]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// Seconds one HTTP attempt may take, answer included; default the Connect-CCAccount value, else 60. A failed
        /// attempt is retried up to the attempt limit.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; }

        /// <summary>The Amplify operations, bound to this invocation's Region, endpoint and credentials.</summary>
        internal AmplifyApi Api => _api ??= CreateAmplifyApi();

        private AmplifyApi CreateAmplifyApi()
        {
            try
            {
                return BuildAmplifyApi();
            }
            catch (SsoTokenException exception)
            {
                // A shared config or credentials file that cannot be read or parsed, met while finding the endpoint.
                ThrowTerminatingError(ErrorRecordFactory.Create(SharedFilesFailure(exception), EndpointUrl));
                throw; // not reached
            }
            catch (CodeCatalystConfigurationException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(exception, EndpointUrl));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        private AmplifyApi BuildAmplifyApi()
        {
            var environment = ProcessAuthEnvironment.Instance;
            // The Region, the endpoint and the credential chain all read the shared files: once for this command.
            var files = new AwsSharedFiles(environment);
            // What Connect-CCAccount stored for AWS counts only when this call names no profile of its own: an explicit
            // -ProfileName is a choice, and a stored default never hides an explicit choice.
            var defaults = SessionDefaultsStore.Get(SessionState);
            var stored = ProfileName == null ? defaults : null;
            string? region;
            try
            {
                region = AwsRegionResolver.Resolve(Region ?? stored?.Region, ProfileName, environment, out _, files);
            }
            catch (AwsCredentialException exception) when (exception.InnerException is SsoTokenException)
            {
                // The shared config file cannot be read: the file is wrong, not the Region.
                throw SharedFilesFailure(exception);
            }
            catch (AwsCredentialException exception)
            {
                // A region that is no region name: said before any request.
                throw new CodeCatalystConfigurationException("InvalidRegion", exception.Message, exception);
            }

            if (region == null)
            {
                throw new CodeCatalystConfigurationException("NoRegion",
                    "No AWS Region is set for Amplify. Give -Region (such as us-east-1), store one with Connect-CCAccount -Region, set AWS_REGION, or add a region to the AWS profile.");
            }

            var endpoint = EndpointUrl ?? ConfiguredEndpoint(region, environment, files);
            var httpClient = HttpClientProvider.CreateClient();
            var options = new AwsCredentialChainOptions
            {
                HttpClient = httpClient,
                ProfileName = ProfileName,
                Region = region,
                Environment = environment,
                SharedFiles = files,
                Diagnostics = Diagnostics.Verbose,
            };
            var explicitKeys = AwsKeyParameters.Read(AccessKey, SecretKey, SessionToken, Credential);
            if (explicitKeys != null) options.Explicit.Add(new ExplicitAwsCredentials(explicitKeys.ToCredentials(), explicitKeys.ParameterName));
            if (stored?.AwsKeys != null) options.Explicit.Add(new ExplicitAwsCredentials(stored.AwsKeys.ToCredentials(), "Connect-CCAccount " + stored.AwsKeys.ParameterName));
            var chain = new AwsCredentialChain(options);
            var authenticator = new SigV4RequestAuthenticator(cancellation => CredentialsAsync(chain, cancellation), region, "amplify");
            // The attempt count and per-request timeout Connect-CCAccount stored hold for every service's cmdlets.
            var timeoutSec = RequestTimeoutSec > 0 ? RequestTimeoutSec : defaults?.RequestTimeoutSec;
            var settings = new ClientSettings(endpoint, authenticator)
            {
                MaxAttempts = defaults?.MaxAttempts ?? MaxAttemptsFromEnvironment(),
                RequestTimeout = timeoutSec.HasValue ? TimeSpan.FromSeconds(timeoutSec.Value) : ClientSettings.DefaultRequestTimeout,
                UserAgent = ModuleInfo.UserAgent(typeof(PSObject).Assembly.GetName().Version),
            };
            WriteVerbose($"Amplify: {endpoint.GetLeftPart(UriPartial.Authority)}, Region {region}.");
            return new AmplifyApi(new CodeCatalystClient(settings, httpClient, Diagnostics));
        }

        /// <summary>AWS_ENDPOINT_URL_AMPLIFY, AWS_ENDPOINT_URL, the profile's, else https://amplify.{region}.amazonaws.com.</summary>
        private Uri ConfiguredEndpoint(string region, IAuthEnvironment environment, AwsSharedFiles files)
        {
            var config = files.Both;
            var profileName = SsoTokenProvider.ResolveProfileName(ProfileName, environment);
            config.Profiles.TryGetValue(profileName, out var profile);
            return AwsServiceEndpoint.Resolve("amplify", "amplify", region, profile, config, environment,
                message => new CodeCatalystConfigurationException("InvalidEndpoint", message), out _);
        }

        /// <summary>Credentials for one attempt; a chain that cannot give any is this item's error, with its category.</summary>
        private static async Task<AwsCredentials> CredentialsAsync(AwsCredentialChain chain, CancellationToken cancellationToken)
        {
            try
            {
                return await chain.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCredentialException exception)
            {
                throw CredentialFailure(exception);
            }
        }

        /// <summary>A shared config or credentials file that cannot be read or parsed: the file is wrong (InvalidData).</summary>
        internal static CodeCatalystConfigurationException SharedFilesFailure(Exception exception) =>
            new CodeCatalystConfigurationException("InvalidAwsConfig", ErrorCategory.InvalidData, exception.Message, exception);

        /// <summary>A credential source's failure as this module's error, its category from what kind of failure it is.</summary>
        internal static CodeCatalystConfigurationException CredentialFailure(AwsCredentialException exception)
        {
            var category = exception.Kind switch
            {
                AwsCredentialErrorKind.ProfileNotFound => ErrorCategory.ObjectNotFound,
                AwsCredentialErrorKind.InvalidConfiguration => ErrorCategory.InvalidData,
                AwsCredentialErrorKind.Unsupported => ErrorCategory.NotImplemented,
                _ => ErrorCategory.AuthenticationError,
            };
            return new CodeCatalystConfigurationException("AwsCredentials" + exception.Kind, category, exception.Message, exception);
        }
    }

    /// <summary>Base of the Amplify Get cmdlets that list: -First, -Skip and -IncludeTotalCount in their List set only.</summary>
    public abstract class AmplifyListCmdlet : AmplifyCmdlet
    {
        /// <summary>The parameter set that lists; derived cmdlets name theirs the same.</summary>
        protected const string ListSet = "List";

        /// <summary>Returns at most this many objects; no further page is requested once they are written.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leaves out this many objects from the start of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>Writes the number of objects after them: exact when every page was read, else unknown.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        internal override PagingRequest? Paging => new PagingRequest(First, Skip, IncludeTotalCount);
    }
}
