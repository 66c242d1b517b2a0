using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Errors;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>A bearer token from the SSO cache, with where it came from. ToString never shows the token.</summary>
    internal sealed class SsoTokenResult
    {
        public SsoTokenResult(string accessToken, DateTimeOffset expiresAt, string profileName, string sessionName, bool refreshed)
        {
            AccessToken = accessToken;
            ExpiresAt = expiresAt;
            ProfileName = profileName;
            SessionName = sessionName;
            Refreshed = refreshed;
        }

        public string AccessToken { get; }

        public DateTimeOffset ExpiresAt { get; }

        public string ProfileName { get; }

        public string SessionName { get; }

        /// <summary>True when this call obtained the token from SSO OIDC (and wrote it back to the cache).</summary>
        public bool Refreshed { get; }

        /// <summary>Human-readable origin, e.g. "SSO profile 'dev' (sso-session 'my-sso')".</summary>
        public string Source => $"SSO profile '{ProfileName}' (sso-session '{SessionName}')";

        public override string ToString() => Source + ", expires " + SsoTokenCache.FormatTimestamp(ExpiresAt);
    }

    /// <summary>
    /// Resolves the bearer token for a profile that names an sso-session, the way botocore's SSOTokenProvider does:
    /// read ~/.aws/sso/cache/&lt;sha1(session)&gt;.json; when under 15 minutes remain and the entry carries a refresh
    /// token plus a still-valid client registration, refresh through SSO OIDC CreateToken and write the result back;
    /// if that fails, keep using the cached token while it is still valid.
    /// </summary>
    internal sealed class SsoTokenProvider
    {
        /// <summary>botocore refreshes when less than this remains.</summary>
        internal static readonly TimeSpan RefreshWindow = TimeSpan.FromMinutes(15);

        /// <summary>After a failed refresh, wait this long before trying again while the token is still usable (botocore's attempt timeout).</summary>
        internal static readonly TimeSpan RefreshRetryInterval = TimeSpan.FromSeconds(60);

        // Keyed by cache file so that every provider instance in the process refreshes a given session only once.
        private static readonly ConcurrentDictionary<string, SemaphoreSlim> RefreshGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, DateTimeOffset> NextRefreshAttempt = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        private readonly IAuthEnvironment _environment;
        private readonly Func<DateTimeOffset> _clock;
        private readonly Action<string>? _diagnostics;
        private readonly SsoOidcClient _oidcClient;
        private readonly SsoTokenCache? _cache;

        /// <param name="httpClient">Used only for the OIDC refresh; owned by the caller.</param>
        /// <param name="environment">Environment variables and home directory; the process's when null.</param>
        /// <param name="clock">Current time; <see cref="DateTimeOffset.UtcNow"/> when null.</param>
        /// <param name="diagnostics">Receives verbose, secret-free progress lines.</param>
        /// <param name="userAgent">User-Agent for the OIDC request.</param>
        /// <param name="cache">Token cache; ~/.aws/sso/cache of <paramref name="environment"/> when null.</param>
        /// <param name="requestTimeout">Bound of one OIDC attempt; <see cref="SsoOidcClient.DefaultAttemptTimeout"/> when null.</param>
        /// <param name="maxAttempts">OIDC attempts, the first included, for timeouts, failed connections and 5xx/429 (one unless the caller says).</param>
        public SsoTokenProvider(HttpClient httpClient, IAuthEnvironment? environment = null, Func<DateTimeOffset>? clock = null, Action<string>? diagnostics = null, string? userAgent = null, SsoTokenCache? cache = null,
            TimeSpan? requestTimeout = null, int maxAttempts = 1)
        {
            if (httpClient == null)
            {
                throw new ArgumentNullException(nameof(httpClient));
            }

            _environment = environment ?? ProcessAuthEnvironment.Instance;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _diagnostics = diagnostics;
            _oidcClient = new SsoOidcClient(httpClient, userAgent, requestTimeout, maxAttempts);
            _cache = cache;
        }

        /// <summary>
        /// The profile botocore would use: the explicit name, else AWS_DEFAULT_PROFILE, else AWS_PROFILE, else
        /// "default". botocore checks AWS_DEFAULT_PROFILE first, and a variable that is set but empty still stops
        /// the search (then "default" is used).
        /// </summary>
        public static string ResolveProfileName(string? explicitProfileName, IAuthEnvironment environment)
        {
            if (!string.IsNullOrEmpty(explicitProfileName))
            {
                return explicitProfileName!;
            }

            string? fromEnvironment = environment.GetEnvironmentVariable("AWS_DEFAULT_PROFILE") ?? environment.GetEnvironmentVariable("AWS_PROFILE");
            return string.IsNullOrEmpty(fromEnvironment) ? "default" : fromEnvironment!;
        }

        /// <summary>
        /// The SSO bearer token for the profile, or null when the profile does not exist or has no sso_session (so a
        /// caller's chain can try something else). Throws <see cref="SsoTokenException"/> when the profile is set up
        /// for SSO but no valid token can be produced.
        /// </summary>
        public async Task<SsoTokenResult?> GetTokenAsync(string? profileName, CancellationToken cancellationToken)
        {
            string profile = ResolveProfileName(profileName, _environment);
            AwsConfigFile config = AwsConfigFile.Load(_environment);

            if (!config.Profiles.TryGetValue(profile, out AwsConfigSection? profileSection))
            {
                Trace($"Profile '{profile}' is not defined in {Describe(config.ConfigFilePath, AwsConfigFile.ResolveConfigFilePath(_environment))}; no SSO token.");
                return null;
            }

            if (!profileSection.ContainsKey("sso_session"))
            {
                Trace($"Profile '{profile}' has no sso_session; no SSO token.");
                return null;
            }

            SsoSessionSettings session = ReadSession(profile, profileSection, config);
            SsoTokenCache cache = _cache ?? SsoTokenCache.ForEnvironment(_environment);
            string cachePath = cache.GetCachePath(session.Name);

            Trace($"Loading cached SSO token for sso-session '{session.Name}' from {cachePath}.");
            CachedSsoToken token = ReadToken(cache, profile, session.Name, cachePath);
            DateTimeOffset expiresAt = ParseExpiry(token, profile, session.Name);
            DateTimeOffset now = _clock();
            if (expiresAt - now >= RefreshWindow)
            {
                Trace($"Using cached SSO token for sso-session '{session.Name}', expires at {SsoTokenCache.FormatTimestamp(expiresAt)}.");
                return new SsoTokenResult(token.AccessToken, expiresAt, profile, session.Name, refreshed: false);
            }

            SemaphoreSlim gate = RefreshGates.GetOrAdd(cachePath, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Whoever held the gate before us may already have refreshed the file.
                token = ReadToken(cache, profile, session.Name, cachePath);
                expiresAt = ParseExpiry(token, profile, session.Name);
                now = _clock();
                if (expiresAt - now >= RefreshWindow)
                {
                    Trace($"Using SSO token for sso-session '{session.Name}' refreshed by a concurrent caller, expires at {SsoTokenCache.FormatTimestamp(expiresAt)}.");
                    return new SsoTokenResult(token.AccessToken, expiresAt, profile, session.Name, refreshed: false);
                }

                string? failure;
                if (expiresAt > now && NextRefreshAttempt.TryGetValue(cachePath, out DateTimeOffset notBefore) && now < notBefore)
                {
                    failure = "a refresh failed less than a minute ago";
                    Trace($"Not refreshing the SSO token for sso-session '{session.Name}' yet: {failure}.");
                }
                else
                {
                    Trace($"SSO token for sso-session '{session.Name}' expires at {SsoTokenCache.FormatTimestamp(expiresAt)} (within {RefreshWindow.TotalMinutes:0} minutes); refreshing.");
                    RefreshOutcome outcome = await TryRefreshAsync(token, session, profile, profileSection, config, cancellationToken).ConfigureAwait(false);
                    if (outcome.Token != null)
                    {
                        WriteToken(cache, session.Name, outcome.Token, profile, cachePath);
                        NextRefreshAttempt.TryRemove(cachePath, out _);
                        Trace($"Refreshed the SSO token for sso-session '{session.Name}'; it expires at {SsoTokenCache.FormatTimestamp(outcome.ExpiresAt)} and was saved to {cachePath}.");
                        return new SsoTokenResult(outcome.Token.AccessToken, outcome.ExpiresAt, profile, session.Name, refreshed: true);
                    }

                    failure = outcome.Failure;
                    if (outcome.Attempted)
                    {
                        NextRefreshAttempt[cachePath] = now + RefreshRetryInterval;
                    }
                }

                if (expiresAt <= now)
                {
                    throw new SsoTokenException(
                        SsoTokenErrorKind.TokenExpired,
                        $"The SSO token for profile '{profile}' (sso-session '{session.Name}') expired at {SsoTokenCache.FormatTimestamp(expiresAt)} and could not be refreshed: {failure}. Run '{SsoTokenException.LoginHint(profile)}' to sign in again.",
                        profile,
                        session.Name);
                }

                Trace($"Using the cached SSO token for sso-session '{session.Name}' until it expires at {SsoTokenCache.FormatTimestamp(expiresAt)} (refresh not possible: {failure}).");
                return new SsoTokenResult(token.AccessToken, expiresAt, profile, session.Name, refreshed: false);
            }
            finally
            {
                gate.Release();
            }
        }

        private sealed class SsoSessionSettings
        {
            public SsoSessionSettings(string name, string startUrl, string region)
            {
                Name = name;
                StartUrl = startUrl;
                Region = region;
            }

            public string Name { get; }

            public string StartUrl { get; }

            public string Region { get; }
        }

        private sealed class RefreshOutcome
        {
            public CachedSsoToken? Token { get; set; }

            public DateTimeOffset ExpiresAt { get; set; }

            public string? Failure { get; set; }

            /// <summary>True when the service was (or should have been) contacted, so a failure is worth rate-limiting.</summary>
            public bool Attempted { get; set; }
        }

        private SsoSessionSettings ReadSession(string profile, AwsConfigSection profileSection, AwsConfigFile config)
        {
            string configFile = Describe(config.ConfigFilePath, AwsConfigFile.ResolveConfigFilePath(_environment));
            string? sessionName = profileSection.GetString("sso_session");
            if (sessionName == null || !config.SsoSessions.TryGetValue(sessionName, out AwsConfigSection? sessionSection) || sessionSection.Count == 0)
            {
                throw new SsoTokenException(
                    SsoTokenErrorKind.InvalidConfiguration,
                    $"The profile '{profile}' is configured to use the SSO token provider but the '{sessionName}' sso_session configuration does not exist. Add an [sso-session {sessionName}] section with sso_start_url and sso_region to {configFile}, or run 'aws configure sso'.",
                    profile,
                    sessionName);
            }

            // Presence is what botocore checks; a nested block in place of a value is no more usable than a gap.
            var missing = new List<string>();
            string? startUrl = sessionSection.GetString("sso_start_url");
            string? region = sessionSection.GetString("sso_region");
            if (!sessionSection.ContainsKey("sso_start_url") || startUrl == null)
            {
                missing.Add("sso_start_url");
            }

            if (!sessionSection.ContainsKey("sso_region") || region == null)
            {
                missing.Add("sso_region");
            }

            if (missing.Count > 0)
            {
                throw new SsoTokenException(
                    SsoTokenErrorKind.InvalidConfiguration,
                    $"The profile '{profile}' is configured to use the SSO token provider but the [sso-session {sessionName}] section in {configFile} is missing: {string.Join(", ", missing)}.",
                    profile,
                    sessionName);
            }

            return new SsoSessionSettings(sessionName, startUrl!, region!);
        }

        private static CachedSsoToken ReadToken(SsoTokenCache cache, string profile, string sessionName, string cachePath)
        {
            CachedSsoToken? token;
            try
            {
                token = cache.Read(sessionName);
            }
            catch (SsoTokenException ex)
            {
                throw new SsoTokenException(ex.Kind, ex.Message + $" Run '{SsoTokenException.LoginHint(profile)}' to sign in again.", profile, sessionName, ex.InnerException);
            }

            if (token == null)
            {
                throw new SsoTokenException(
                    SsoTokenErrorKind.TokenMissing,
                    $"No cached SSO token was found for profile '{profile}' (sso-session '{sessionName}'; expected {cachePath}). Run '{SsoTokenException.LoginHint(profile)}' to sign in.",
                    profile,
                    sessionName);
            }

            return token;
        }

        private static DateTimeOffset ParseExpiry(CachedSsoToken token, string profile, string sessionName)
        {
            if (!SsoTokenCache.TryParseTimestamp(token.ExpiresAtText, out DateTimeOffset expiresAt))
            {
                throw new SsoTokenException(
                    SsoTokenErrorKind.TokenMissing,
                    $"The cached SSO token for sso-session '{sessionName}' has an unreadable expiresAt value ('{token.ExpiresAtText}'). Run '{SsoTokenException.LoginHint(profile)}' to sign in again.",
                    profile,
                    sessionName);
            }

            return expiresAt;
        }

        private async Task<RefreshOutcome> TryRefreshAsync(CachedSsoToken token, SsoSessionSettings session, string profile, AwsConfigSection profileSection, AwsConfigFile config, CancellationToken cancellationToken)
        {
            var missing = new List<string>();
            if (!token.HasRefreshToken || token.RefreshToken == null)
            {
                missing.Add("refreshToken");
            }

            if (!token.HasClientId || token.ClientId == null)
            {
                missing.Add("clientId");
            }

            if (!token.HasClientSecret || token.ClientSecret == null)
            {
                missing.Add("clientSecret");
            }

            if (!token.HasRegistrationExpiresAt || token.RegistrationExpiresAt == null)
            {
                missing.Add("registrationExpiresAt");
            }

            if (missing.Count > 0)
            {
                string reason = "the cached entry has no " + string.Join(", ", missing);
                Trace($"Unable to refresh the SSO token for sso-session '{session.Name}': {reason}.");
                return new RefreshOutcome { Failure = reason };
            }

            if (!SsoTokenCache.TryParseTimestamp(token.RegistrationExpiresAt!, out DateTimeOffset registrationExpiresAt))
            {
                throw new SsoTokenException(
                    SsoTokenErrorKind.TokenMissing,
                    $"The cached SSO token for sso-session '{session.Name}' has an unreadable registrationExpiresAt value. Run '{SsoTokenException.LoginHint(profile)}' to sign in again.",
                    profile,
                    session.Name);
            }

            if (registrationExpiresAt <= _clock())
            {
                string reason = "the SSO client registration expired at " + SsoTokenCache.FormatTimestamp(registrationExpiresAt);
                Trace($"Unable to refresh the SSO token for sso-session '{session.Name}': {reason}.");
                return new RefreshOutcome { Failure = reason };
            }

            Uri endpoint = SsoOidcEndpoint.Resolve(session.Region, profileSection, config, _environment, out string endpointSource);
            Trace($"Refreshing the SSO token for sso-session '{session.Name}' via {endpoint.GetLeftPart(UriPartial.Authority)} ({endpointSource}).");
            SsoOidcTokenResponse response;
            try
            {
                response = await _oidcClient.CreateTokenAsync(endpoint, token.ClientId!, token.ClientSecret!, token.RefreshToken!, cancellationToken).ConfigureAwait(false);
            }
            catch (SsoOidcException ex)
            {
                // The client already masks what it sent; the cached access token it never saw is masked here.
                string reason = ServiceText.Redact(ex.Message, new[] { token.AccessToken, token.ClientSecret, token.RefreshToken }).TrimEnd('.');
                Trace($"SSO token refresh for sso-session '{session.Name}' failed: {reason}.");
                return new RefreshOutcome { Failure = reason, Attempted = true };
            }

            // Measured after the call, as botocore does.
            DateTimeOffset expiresAt = _clock().AddSeconds(response.ExpiresInSeconds);
            var refreshed = new CachedSsoToken
            {
                StartUrl = session.StartUrl,
                Region = session.Region,
                AccessToken = response.AccessToken,
                ExpiresAtText = SsoTokenCache.FormatTimestamp(expiresAt),
                ClientId = token.ClientId,
                ClientSecret = token.ClientSecret,
                RegistrationExpiresAt = token.RegistrationExpiresAt,
                HasClientId = true,
                HasClientSecret = true,
                HasRegistrationExpiresAt = true,
                RefreshToken = response.RefreshToken,
                HasRefreshToken = response.RefreshToken != null,
            };
            return new RefreshOutcome { Token = refreshed, ExpiresAt = expiresAt, Attempted = true };
        }

        private static void WriteToken(SsoTokenCache cache, string sessionName, CachedSsoToken token, string profile, string cachePath)
        {
            try
            {
                cache.Write(sessionName, token);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // botocore fails the whole lookup here too; dropping a rotated refresh token silently would strand the user later.
                throw new SsoTokenException(
                    SsoTokenErrorKind.RefreshFailed,
                    $"The SSO token for profile '{profile}' (sso-session '{sessionName}') was refreshed but could not be saved to {cachePath} ({ex.GetType().Name}: {ex.Message}).",
                    profile,
                    sessionName,
                    ex);
            }
        }

        private static string Describe(string? readPath, string expectedPath) => readPath ?? expectedPath + " (not found)";

        private void Trace(string message) => _diagnostics?.Invoke(message);
    }
}
