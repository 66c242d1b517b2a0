using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>Credentials the caller already holds (-AccessKey/-SecretKey/-SessionToken, -Credential, Connect-CCAccount), with where they came from.</summary>
    internal sealed class ExplicitAwsCredentials
    {
        public ExplicitAwsCredentials(AwsCredentials credentials, string source)
        {
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Source = source;
        }

        public AwsCredentials Credentials { get; }

        /// <summary>E.g. "-AccessKey/-SecretKey" or "Connect-CCAccount".</summary>
        public string Source { get; }

        public override string ToString() => Source + ": " + Credentials;
    }

    /// <summary>What the chain is given; everything but <see cref="HttpClient"/> is optional.</summary>
    internal sealed class AwsCredentialChainOptions
    {
        /// <summary>Used for STS, SSO, container and IMDS calls; owned by the caller. Each call has its own time bound.</summary>
        public HttpClient HttpClient { get; set; } = null!;

        /// <summary>Explicit credentials in precedence order; the first entry wins over every other source.</summary>
        public IList<ExplicitAwsCredentials> Explicit { get; } = new List<ExplicitAwsCredentials>();

        /// <summary>-ProfileName. As in botocore, an explicit profile skips the environment's keys (AWS_PROFILE does not).</summary>
        public string? ProfileName { get; set; }

        /// <summary>The region STS is called in (regional endpoint); the global endpoint when null. See <see cref="AwsRegionResolver"/>.</summary>
        public string? Region { get; set; }

        public IAuthEnvironment? Environment { get; set; }

        /// <summary>The shared files as the caller's command reads them (read once for it); read from <see cref="Environment"/> when null.</summary>
        public AwsSharedFiles? SharedFiles { get; set; }

        public Func<DateTimeOffset>? Clock { get; set; }

        /// <summary>Receives secret-free progress lines (for -Verbose).</summary>
        public Action<string>? Diagnostics { get; set; }

        public TimeSpan? ProcessTimeout { get; set; }

        public int ProcessMaxOutputBytes { get; set; } = CredentialProcess.DefaultMaxOutputBytes;

        public TimeSpan? StsTimeout { get; set; }

        /// <summary>Host[:port] the container's relative URI is fetched from; 169.254.170.2 (tests point it at loopback).</summary>
        public string? ContainerRelativeHost { get; set; }

        /// <summary>Pause between container attempts; one second as botocore.</summary>
        public TimeSpan? ContainerRetryDelay { get; set; }
    }

    /// <summary>
    /// Resolves AWS credentials the way botocore's create_credential_resolver does, first source that yields wins:
    /// <list type="number">
    /// <item>explicit credentials the caller passes (cmdlet parameters, then Connect-CCAccount's);</item>
    /// <item>environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SECURITY_TOKEN or AWS_SESSION_TOKEN,
    /// AWS_CREDENTIAL_EXPIRATION (skipped when -ProfileName is given, as botocore skips it for an explicit profile);</item>
    /// <item>the profile (-ProfileName, else AWS_DEFAULT_PROFILE, AWS_PROFILE, 'default'), in botocore's order:
    /// role_arn with source_profile or credential_source (STS AssumeRole), web_identity_token_file + role_arn (also
    /// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, STS AssumeRoleWithWebIdentity), SSO (sso_account_id/sso_role_name),
    /// static keys in the credentials file, credential_process, static keys in the config file;</item>
    /// <item>container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI);</item>
    /// <item>EC2 instance metadata (IMDSv2).</item>
    /// </list>
    /// The resolved source owns refresh of temporary credentials (15 min advisory, 10 min mandatory). Not supported:
    /// mfa_serial (no prompt), botocore's "login" provider, the legacy boto/EC2 credential files.
    /// </summary>
    internal sealed class AwsCredentialChain
    {
        private static readonly string[] CredentialSources = { "Environment", "Ec2InstanceMetadata", "EcsContainer" };

        private readonly AwsCredentialChainOptions _options;
        private readonly IAuthEnvironment _environment;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _resolveGate = new SemaphoreSlim(1, 1);
        private IAwsCredentialSource? _resolved;

        public AwsCredentialChain(AwsCredentialChainOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.HttpClient == null)
            {
                throw new ArgumentException("An HttpClient is required.", nameof(options));
            }

            _environment = options.Environment ?? ProcessAuthEnvironment.Instance;
            _clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Where the credentials come from, once resolved; null before.</summary>
        public string? SourceDescription => Volatile.Read(ref _resolved)?.Description;

        /// <summary>Credentials valid now; the first call resolves the source, later calls let it refresh.</summary>
        public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            IAwsCredentialSource source = await ResolveAsync(cancellationToken).ConfigureAwait(false);
            return await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The first source that yields credentials; resolved once per chain.</summary>
        public async Task<IAwsCredentialSource> ResolveAsync(CancellationToken cancellationToken)
        {
            IAwsCredentialSource? resolved = Volatile.Read(ref _resolved);
            if (resolved != null)
            {
                return resolved;
            }

            await _resolveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                resolved = _resolved ?? await ResolveCoreAsync(cancellationToken).ConfigureAwait(false);
                Trace($"Using AWS credentials from {resolved.Description}.");
                Volatile.Write(ref _resolved, resolved);
                return resolved;
            }
            finally
            {
                _resolveGate.Release();
            }
        }

        private async Task<IAwsCredentialSource> ResolveCoreAsync(CancellationToken cancellationToken)
        {
            foreach (ExplicitAwsCredentials given in _options.Explicit)
            {
                if (given != null)
                {
                    return new StaticCredentialSource(given.Credentials, given.Source);
                }
            }

            var context = new Resolution(this);
            if (context.ProfileWasNamed && !context.Config.Profiles.ContainsKey(context.ProfileName))
            {
                throw new AwsCredentialException(
                    AwsCredentialErrorKind.ProfileNotFound,
                    $"The AWS profile '{context.ProfileName}' (from {context.ProfileOrigin}) is not defined in {DescribeFiles()}. Create it with 'aws configure --profile {context.ProfileName}' or name another profile.",
                    profileName: context.ProfileName);
            }

            bool disableEnvironment = !string.IsNullOrEmpty(_options.ProfileName);
            if (!disableEnvironment)
            {
                IAwsCredentialSource? environment = FromEnvironment();
                if (environment != null)
                {
                    return environment;
                }
            }
            else
            {
                Trace($"-ProfileName '{_options.ProfileName}' was given: environment keys are skipped, as botocore does for an explicit profile.");
            }

            AwsConfigSection? profile = context.Profile(context.ProfileName);
            if (profile != null && HasAssumeRole(profile))
            {
                return context.AssumeRole(context.ProfileName, new List<string> { context.ProfileName });
            }

            IAwsCredentialSource? fromProfile = await context.ProfileProvidersAsync(context.ProfileName, disableEnvironment, cancellationToken).ConfigureAwait(false);
            if (fromProfile != null)
            {
                return fromProfile;
            }

            IAwsCredentialSource? container = await FromContainerAsync(cancellationToken).ConfigureAwait(false);
            if (container != null)
            {
                return container;
            }

            IAwsCredentialSource? instance = await FromInstanceMetadataAsync(profile, cancellationToken).ConfigureAwait(false);
            if (instance != null)
            {
                return instance;
            }

            throw new AwsCredentialException(
                AwsCredentialErrorKind.NoCredentials,
                $"Unable to locate AWS credentials. Looked in: {(disableEnvironment ? string.Empty : "environment variables (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), ")}profile '{context.ProfileName}' of {DescribeFiles()}, container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI not set), EC2 instance metadata. Pass -AccessKey/-SecretKey or -Credential, run 'aws configure' or 'aws sso login', or name a profile with -ProfileName.",
                profileName: context.ProfileName);
        }

        private string DescribeFiles() =>
            $"{AwsConfigFile.ResolveConfigFilePath(_environment)} or {AwsConfigFile.ResolveCredentialsFilePath(_environment)}";

        internal static bool HasStaticKeys(AwsConfigSection profile) => profile.ContainsKey("aws_access_key_id") || profile.ContainsKey("aws_secret_access_key");

        internal static bool HasAssumeRole(AwsConfigSection profile) => profile.ContainsKey("role_arn") && !profile.ContainsKey("web_identity_token_file");

        /// <summary>botocore's EnvProvider: AWS_ACCESS_KEY_ID (non-empty) turns it on; null when it is unset or empty.</summary>
        private IAwsCredentialSource? FromEnvironment()
        {
            string? accessKeyId = _environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            if (string.IsNullOrEmpty(accessKeyId))
            {
                return null;
            }

            const string Description = "environment variables (AWS_ACCESS_KEY_ID)";
            AwsCredentials credentials = ReadEnvironment(requireExpiry: false);
            if (!credentials.Expiration.HasValue)
            {
                return new StaticCredentialSource(credentials, Description);
            }

            // With AWS_CREDENTIAL_EXPIRATION the variables are read again when the expiry nears (someone may update them).
            return new RefreshingCredentialSource(_ => Task.FromResult(ReadEnvironment(requireExpiry: true)), Description, _clock, credentials, _options.Diagnostics);
        }

        private AwsCredentials ReadEnvironment(bool requireExpiry)
        {
            string? accessKeyId = _environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            string? secretAccessKey = _environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"AWS_ACCESS_KEY_ID is set but {(string.IsNullOrEmpty(accessKeyId) ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")} is empty or unset. Set both, or unset AWS_ACCESS_KEY_ID to use a profile.", "environment");
            }

            string? token = _environment.GetEnvironmentVariable("AWS_SECURITY_TOKEN");
            if (string.IsNullOrEmpty(token))
            {
                token = _environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
            }

            string? expirationText = _environment.GetEnvironmentVariable("AWS_CREDENTIAL_EXPIRATION");
            DateTimeOffset? expiration = null;
            if (!string.IsNullOrEmpty(expirationText))
            {
                if (!CredentialJson.TryParseTime(expirationText, out DateTimeOffset parsed))
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time.", "environment");
                }

                expiration = parsed;
            }
            else if (requireExpiry)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, "AWS_CREDENTIAL_EXPIRATION was unset while the environment's credentials were being refreshed.", "environment");
            }

            return CredentialJson.Create(accessKeyId!, secretAccessKey!, token, expiration, "environment variables");
        }

        private async Task<IAwsCredentialSource?> FromContainerAsync(CancellationToken cancellationToken)
        {
            ContainerCredentialFetcher? fetcher = ContainerCredentialFetcher.FromEnvironment(_options.HttpClient, _environment, _options.ContainerRelativeHost);
            if (fetcher == null)
            {
                return null;
            }

            if (_options.ContainerRetryDelay.HasValue)
            {
                fetcher.RetryDelay = _options.ContainerRetryDelay.Value;
            }

            AwsCredentials first = await fetcher.FetchAsync(cancellationToken).ConfigureAwait(false);
            return new RefreshingCredentialSource(fetcher.FetchAsync, fetcher.Description, _clock, first, _options.Diagnostics);
        }

        private async Task<IAwsCredentialSource?> FromInstanceMetadataAsync(AwsConfigSection? profile, CancellationToken cancellationToken)
        {
            InstanceMetadataCredentialFetcher? fetcher = InstanceMetadataCredentialFetcher.Create(_options.HttpClient, _environment, profile, _options.Diagnostics);
            if (fetcher == null)
            {
                return null;
            }

            AwsCredentials? first = await fetcher.FetchAsync(cancellationToken).ConfigureAwait(false);
            if (first == null)
            {
                return null;
            }

            return new RefreshingCredentialSource(
                async token => await fetcher.FetchAsync(token).ConfigureAwait(false)
                    ?? throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, "EC2 instance metadata no longer gives credentials for this instance.", InstanceMetadataCredentialFetcher.Description),
                InstanceMetadataCredentialFetcher.Description,
                _clock,
                first,
                _options.Diagnostics);
        }

        private void Trace(string message) => _options.Diagnostics?.Invoke(message);

        /// <summary>One resolution: the files read once, and the profile-based providers (shared with source_profile).</summary>
        private sealed class Resolution
        {
            private readonly AwsCredentialChain _chain;
            private readonly AwsConfigFile? _configOnly;
            private readonly AwsConfigFile? _credentialsOnly;

            public Resolution(AwsCredentialChain chain)
            {
                _chain = chain;
                IAuthEnvironment environment = chain._environment;
                string? named = chain._options.ProfileName;
                ProfileName = SsoTokenProvider.ResolveProfileName(named, environment);
                ProfileOrigin = !string.IsNullOrEmpty(named) ? "-ProfileName"
                    // An empty variable is an unset one (PowerShell's $env:X = '' or SetEnvironmentVariable(x, $null) leaves one).
                    : !string.IsNullOrEmpty(environment.GetEnvironmentVariable("AWS_DEFAULT_PROFILE")) ? "AWS_DEFAULT_PROFILE"
                    : !string.IsNullOrEmpty(environment.GetEnvironmentVariable("AWS_PROFILE")) ? "AWS_PROFILE"
                    : "the default";
                ProfileWasNamed = ProfileOrigin != "the default";
                try
                {
                    AwsSharedFiles files = chain._options.SharedFiles ?? new AwsSharedFiles(environment);
                    Config = files.Both;
                    _configOnly = files.ConfigOnly;
                    _credentialsOnly = files.CredentialsOnly;
                }
                catch (SsoTokenException ex)
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, ex.Message + " Fix the file, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere.", "shared config", ProfileName, ex);
                }
            }

            public string ProfileName { get; }

            public string ProfileOrigin { get; }

            public bool ProfileWasNamed { get; }

            public AwsConfigFile Config { get; }

            /// <summary>The session's profile: nested clients (STS, SSO) take their endpoint settings from it.</summary>
            private AwsConfigSection? SessionProfile => Profile(ProfileName);

            public AwsConfigSection? Profile(string name) => Config.Profiles.TryGetValue(name, out AwsConfigSection? section) ? section : null;

            /// <summary>botocore's ProfileProviderBuilder.providers: web identity, SSO, credentials file, process, config file.</summary>
            public async Task<IAwsCredentialSource?> ProfileProvidersAsync(string profileName, bool disableEnvironment, CancellationToken cancellationToken)
            {
                AwsConfigSection? profile = Profile(profileName);
                IAwsCredentialSource? source = WebIdentity(profileName, profile, disableEnvironment);
                if (source != null)
                {
                    return source;
                }

                if (profile == null)
                {
                    return null;
                }

                source = Sso(profileName, profile);
                if (source != null)
                {
                    return source;
                }

                source = StaticKeys(_credentialsOnly, profileName, "the credentials file");
                if (source != null)
                {
                    return source;
                }

                string? process = profile.GetString("credential_process");
                if (process != null)
                {
                    var runner = new CredentialProcess(process, profileName, _chain._options.ProcessTimeout, _chain._options.ProcessMaxOutputBytes);
                    AwsCredentials first = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
                    string description = $"profile '{profileName}' (credential_process)";
                    return first.Expiration.HasValue
                        ? new RefreshingCredentialSource(runner.RunAsync, description, _chain._clock, first, _chain._options.Diagnostics)
                        : new StaticCredentialSource(first, description);
                }

                return StaticKeys(_configOnly, profileName, "the config file");
            }

            private IAwsCredentialSource? StaticKeys(AwsConfigFile? file, string profileName, string which)
            {
                if (file == null || !file.Profiles.TryGetValue(profileName, out AwsConfigSection? section) || !section.ContainsKey("aws_access_key_id"))
                {
                    return null;
                }

                string path = (which == "the config file" ? file.ConfigFilePath : file.CredentialsFilePath) ?? which;
                string? accessKeyId = section.GetString("aws_access_key_id");
                string? secretAccessKey = section.GetString("aws_secret_access_key");
                if (accessKeyId == null || secretAccessKey == null)
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"Profile '{profileName}' in {path} has aws_access_key_id but no aws_secret_access_key. Add it, or remove the partial keys.", "shared config", profileName);
                }

                string? token = section.ContainsKey("aws_security_token") ? section.GetString("aws_security_token") : section.GetString("aws_session_token");
                string description = $"profile '{profileName}' ({path})";
                return new StaticCredentialSource(CredentialJson.Create(accessKeyId, secretAccessKey, token, null, description), description);
            }

            private string? WebIdentitySetting(AwsConfigSection? profile, string key, string variable, bool disableEnvironment)
            {
                string? value = disableEnvironment ? null : _chain._environment.GetEnvironmentVariable(variable);
                return value ?? profile?.GetString(key);
            }

            private IAwsCredentialSource? WebIdentity(string profileName, AwsConfigSection? profile, bool disableEnvironment)
            {
                string? tokenFile = WebIdentitySetting(profile, "web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE", disableEnvironment);
                if (string.IsNullOrEmpty(tokenFile))
                {
                    return null;
                }

                string? roleArn = WebIdentitySetting(profile, "role_arn", "AWS_ROLE_ARN", disableEnvironment);
                if (string.IsNullOrEmpty(roleArn))
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"Profile '{profileName}' or the environment is configured to assume a role with web identity (web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE) but has no role ARN. Set role_arn in the profile or AWS_ROLE_ARN.", "web identity", profileName);
                }

                string sessionName = WebIdentitySetting(profile, "role_session_name", "AWS_ROLE_SESSION_NAME", disableEnvironment) ?? GeneratedSessionName();
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("RoleArn", roleArn!),
                    new KeyValuePair<string, string>("RoleSessionName", sessionName),
                };
                StsClient sts = CreateSts();
                string description = $"web identity token file {tokenFile} (role {roleArn})";
                return new RefreshingCredentialSource(
                    async cancellationToken =>
                    {
                        string token = ReadWebIdentityToken(tokenFile!, profileName);
                        StsCredentials result = await sts.AssumeRoleWithWebIdentityAsync(parameters, token, roleArn!, "profile '" + profileName + "'", cancellationToken).ConfigureAwait(false);
                        return result.Credentials;
                    },
                    description,
                    _chain._clock,
                    diagnostics: _chain._options.Diagnostics);
            }

            private static string ReadWebIdentityToken(string path, string profileName)
            {
                try
                {
                    var info = new FileInfo(path);
                    if (info.Exists && info.Length > 64 * 1024)
                    {
                        throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The web identity token file {path} is larger than 64 KiB, so it is not a token.", "web identity", profileName);
                    }

                    return File.ReadAllText(path);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The web identity token file {path} cannot be read ({ex.GetType().Name}). Check web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE.", "web identity", profileName, ex);
                }
            }

            private IAwsCredentialSource? Sso(string profileName, AwsConfigSection profile)
            {
                if (!profile.ContainsKey("sso_role_name") && !profile.ContainsKey("sso_account_id"))
                {
                    return null;
                }

                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (string key in profile.Keys)
                {
                    values[key] = profile.GetString(key);
                }

                string? sessionName = profile.GetString("sso_session");
                if (profile.ContainsKey("sso_session"))
                {
                    if (sessionName == null || !Config.SsoSessions.TryGetValue(sessionName, out AwsConfigSection? session))
                    {
                        throw Invalid(profileName, $"The sso-session '{sessionName}' named by profile '{profileName}' does not exist. Add an [sso-session {sessionName}] section to {Config.ConfigFilePath ?? "the AWS config file"} or run 'aws configure sso'.");
                    }

                    foreach (string key in session.Keys)
                    {
                        string? value = session.GetString(key);
                        if (values.TryGetValue(key, out string? existing) && existing != value)
                        {
                            throw Invalid(profileName, $"The value for {key} is inconsistent between profile '{profileName}' ({existing}) and sso-session '{sessionName}' ({value}).");
                        }

                        values[key] = value;
                    }
                }

                var missing = new List<string>();
                foreach (string key in sessionName != null ? new[] { "sso_role_name", "sso_account_id", "sso_start_url", "sso_region", "sso_session" } : new[] { "sso_role_name", "sso_account_id", "sso_start_url", "sso_region" })
                {
                    if (!values.TryGetValue(key, out string? value) || value == null)
                    {
                        missing.Add(key);
                    }
                }

                if (missing.Count > 0)
                {
                    throw Invalid(profileName, $"The profile '{profileName}' is configured to use SSO but is missing required configuration: {string.Join(", ", missing)}.");
                }

                string region = values["sso_region"]!;
                Func<string, Exception> error = message => new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, message, "SSO", profileName);
                Uri endpoint = AwsServiceEndpoint.Resolve("sso", "portal.sso", region, SessionProfile, Config, _chain._environment, error, out _);
                var tokenProvider = new SsoTokenProvider(_chain._options.HttpClient, _chain._environment, _chain._clock, _chain._options.Diagnostics);
                var fetcher = new SsoRoleCredentialFetcher(_chain._options.HttpClient, tokenProvider, _chain._environment, _chain._clock, profileName, sessionName, values["sso_start_url"]!, region, values["sso_account_id"]!, values["sso_role_name"]!, endpoint);
                return new RefreshingCredentialSource(fetcher.FetchAsync, fetcher.Description, _chain._clock, diagnostics: _chain._options.Diagnostics);
            }

            /// <summary>botocore's AssumeRoleProvider for a profile with role_arn (and no web_identity_token_file).</summary>
            public IAwsCredentialSource AssumeRole(string profileName, List<string> visited)
            {
                AwsConfigSection profile = Profile(profileName)!;
                string roleArn = profile.GetString("role_arn") ?? string.Empty;
                string? sourceProfile = profile.GetString("source_profile");
                string? credentialSource = profile.GetString("credential_source");
                if (sourceProfile != null && credentialSource != null)
                {
                    throw Invalid(profileName, $"The profile '{profileName}' contains both source_profile and credential_source; keep one.");
                }

                if (sourceProfile == null && credentialSource == null)
                {
                    throw Invalid(profileName, $"The profile '{profileName}' has role_arn but neither source_profile nor credential_source, so there are no credentials to assume the role with.");
                }

                if (profile.ContainsKey("mfa_serial"))
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.Unsupported, $"The profile '{profileName}' requires an MFA code (mfa_serial), which this module cannot prompt for. Get temporary credentials first (for example 'aws sts assume-role ... --serial-number ... --token-code ...') and pass them, or use a profile without mfa_serial.", "assume role", profileName);
                }

                IAwsCredentialSource source;
                string via;
                if (credentialSource != null)
                {
                    if (Array.IndexOf(CredentialSources, credentialSource) < 0)
                    {
                        throw Invalid(profileName, $"The credential_source '{credentialSource}' in profile '{profileName}' is not valid; use Environment, Ec2InstanceMetadata or EcsContainer.");
                    }

                    source = new DeferredSource(credentialSource + " (credential_source of profile '" + profileName + "')", ct => FromCredentialSourceAsync(credentialSource, profileName, ct));
                    via = "credential_source " + credentialSource;
                }
                else
                {
                    if (!Config.Profiles.TryGetValue(sourceProfile!, out AwsConfigSection? sourceSection))
                    {
                        throw Invalid(profileName, $"The source_profile '{sourceProfile}' referenced in the profile '{profileName}' does not exist.");
                    }

                    if (visited.Contains(sourceProfile!) && (sourceProfile != profileName || !HasStaticKeys(sourceSection)))
                    {
                        throw Invalid(profileName, $"Infinite loop in profile configuration: source_profile '{sourceProfile}' was already visited ({string.Join(" -> ", visited)}).");
                    }

                    visited.Add(sourceProfile!);
                    if (HasStaticKeys(sourceSection) || !HasAssumeRole(sourceSection))
                    {
                        string name = sourceProfile!;
                        source = new DeferredSource("source_profile '" + name + "'", async ct =>
                            await ProfileProvidersAsync(name, disableEnvironment: true, ct).ConfigureAwait(false)
                            ?? throw Invalid(profileName, $"The source profile '{name}' (of profile '{profileName}') must have credentials."));
                    }
                    else
                    {
                        source = AssumeRole(sourceProfile!, visited);
                    }

                    via = "source_profile " + sourceProfile;
                }

                var parameters = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("RoleArn", roleArn),
                    new KeyValuePair<string, string>("RoleSessionName", profile.GetString("role_session_name") ?? GeneratedSessionName()),
                };
                if (int.TryParse(profile.GetString("duration_seconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int duration))
                {
                    parameters.Add(new KeyValuePair<string, string>("DurationSeconds", duration.ToString(CultureInfo.InvariantCulture)));
                }

                string? externalId = profile.GetString("external_id");
                if (externalId != null)
                {
                    parameters.Add(new KeyValuePair<string, string>("ExternalId", externalId));
                }

                StsClient sts = CreateSts();
                string description = $"profile '{profileName}' (assume role {roleArn} with {via})";
                return new RefreshingCredentialSource(
                    async cancellationToken =>
                    {
                        AwsCredentials sourceCredentials = await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                        StsCredentials result = await sts.AssumeRoleAsync(sourceCredentials, parameters, roleArn, "profile '" + profileName + "'", cancellationToken).ConfigureAwait(false);
                        return result.Credentials;
                    },
                    description,
                    _chain._clock,
                    diagnostics: _chain._options.Diagnostics);
            }

            private async Task<IAwsCredentialSource> FromCredentialSourceAsync(string credentialSource, string profileName, CancellationToken cancellationToken)
            {
                IAwsCredentialSource? source = credentialSource switch
                {
                    "Environment" => _chain.FromEnvironment(),
                    "EcsContainer" => await _chain.FromContainerAsync(cancellationToken).ConfigureAwait(false),
                    _ => await _chain.FromInstanceMetadataAsync(SessionProfile, cancellationToken).ConfigureAwait(false),
                };
                return source ?? throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"No credentials found in credential_source '{credentialSource}' referenced in profile '{profileName}'.", credentialSource, profileName);
            }

            private StsClient CreateSts() =>
                StsClient.Create(_chain._options.HttpClient, _chain._options.Region, SessionProfile, Config, _chain._environment, _chain._clock, _chain._options.StsTimeout);

            private string GeneratedSessionName() =>
                "codecatalyst-powershell-" + _chain._clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

            private static AwsCredentialException Invalid(string profileName, string message) =>
                new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, message, "shared config", profileName);
        }

        /// <summary>A source found on first use (a role's source credentials are only looked up when the role is assumed).</summary>
        private sealed class DeferredSource : IAwsCredentialSource
        {
            private readonly Func<CancellationToken, Task<IAwsCredentialSource>> _resolve;
            private IAwsCredentialSource? _source;

            public DeferredSource(string description, Func<CancellationToken, Task<IAwsCredentialSource>> resolve)
            {
                Description = description;
                _resolve = resolve;
            }

            public string Description { get; }

            public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
            {
                IAwsCredentialSource source = _source ??= await _resolve(cancellationToken).ConfigureAwait(false);
                return await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
