using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;
using CodeCatalyst.Core.Errors;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// SSO role credentials, as botocore's SSOCredentialFetcher: a bearer token from the SSO cache (through
    /// <see cref="SsoTokenProvider"/> for an sso_session profile, which refreshes it; read as-is for a legacy
    /// sso_start_url profile), then GET {portal}/federation/credentials?role_name=&amp;account_id= with the token in
    /// x-amz-sso_bearer_token. The portal is https://portal.sso.{sso_region}.amazonaws.com unless AWS_ENDPOINT_URL_SSO,
    /// AWS_ENDPOINT_URL or the profile configure another.
    /// </summary>
    internal sealed class SsoRoleCredentialFetcher
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>The longest part of the portal's message an error quotes, so one refusal cannot flood a log.</summary>
        private const int MaxServiceMessageLength = 500;

        private readonly HttpClient _httpClient;
        private readonly SsoTokenProvider _tokenProvider;
        private readonly IAuthEnvironment _environment;
        private readonly Func<DateTimeOffset> _clock;

        public SsoRoleCredentialFetcher(HttpClient httpClient, SsoTokenProvider tokenProvider, IAuthEnvironment environment, Func<DateTimeOffset> clock, string profileName, string? sessionName, string startUrl, string region, string accountId, string roleName, Uri endpoint)
        {
            _httpClient = httpClient;
            _tokenProvider = tokenProvider;
            _environment = environment;
            _clock = clock;
            ProfileName = profileName;
            SessionName = sessionName;
            StartUrl = startUrl;
            Region = region;
            AccountId = accountId;
            RoleName = roleName;
            Endpoint = endpoint;
        }

        public string ProfileName { get; }

        public string? SessionName { get; }

        public string StartUrl { get; }

        public string Region { get; }

        public string AccountId { get; }

        public string RoleName { get; }

        public Uri Endpoint { get; }

        public string Description => $"SSO profile '{ProfileName}' (role {RoleName} in account {AccountId})";

        public async Task<AwsCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            string token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var uri = new UriBuilder(AwsServiceEndpoint.Append(Endpoint, "/federation/credentials"))
            {
                Query = "role_name=" + Uri.EscapeDataString(RoleName) + "&account_id=" + Uri.EscapeDataString(AccountId),
            }.Uri;
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("x-amz-sso_bearer_token", token);

            CredentialHttp.Reply reply;
            try
            {
                reply = await CredentialHttp.SendAsync(_httpClient, request, Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialHttp.TransportException ex)
            {
                throw Fail(AwsCredentialErrorKind.SourceFailed, $"SSO GetRoleCredentials for {Description} failed: {ex.Message}", ex);
            }

            if (reply.Status != 200)
            {
                string answer = ServiceAnswer(reply, token);
                throw Fail(AwsCredentialErrorKind.SourceFailed, reply.Status == 401 || reply.Status == 403
                    ? $"The SSO session of profile '{ProfileName}' is no longer valid or may not use role {RoleName} in account {AccountId} ({answer}). Run '{SsoTokenException.LoginHint(ProfileName)}' to sign in again."
                    : $"SSO GetRoleCredentials for {Description} answered {answer}.");
            }

            using (JsonDocument? document = CredentialJson.TryParse(reply.Body))
            {
                JsonElement credentials = default;
                bool found = document != null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("roleCredentials", out credentials);
                string? accessKeyId = found ? CredentialJson.GetString(credentials, "accessKeyId") : null;
                string? secretAccessKey = found ? CredentialJson.GetString(credentials, "secretAccessKey") : null;
                string? sessionToken = found ? CredentialJson.GetString(credentials, "sessionToken") : null;
                long expirationMs = 0;
                bool hasExpiration = found && credentials.TryGetProperty("expiration", out JsonElement expiration) && expiration.ValueKind == JsonValueKind.Number && expiration.TryGetInt64(out expirationMs);
                if (accessKeyId == null || secretAccessKey == null || sessionToken == null || !hasExpiration)
                {
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"SSO GetRoleCredentials for {Description} answered without complete roleCredentials.");
                }

                // botocore keeps whole seconds (it formats the time as %Y-%m-%dT%H:%M:%SZ).
                DateTimeOffset expires = DateTimeOffset.FromUnixTimeSeconds(expirationMs / 1000);
                return CredentialJson.Create(accessKeyId, secretAccessKey, sessionToken, expires, Description);
            }
        }

        private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (SessionName != null)
                {
                    SsoTokenResult? result = await _tokenProvider.GetTokenAsync(ProfileName, cancellationToken).ConfigureAwait(false);
                    if (result == null)
                    {
                        throw Fail(AwsCredentialErrorKind.InvalidConfiguration, $"Profile '{ProfileName}' names sso_session '{SessionName}' but no SSO token could be resolved for it.");
                    }

                    return result.AccessToken;
                }

                // Legacy profile: the token is cached under sha1(start URL) and is not refreshed (botocore's SSOTokenLoader).
                var cache = SsoTokenCache.ForEnvironment(_environment);
                CachedSsoToken? token = cache.Read(StartUrl);
                if (token == null || token.AccessToken.Length == 0)
                {
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"No cached SSO token was found for profile '{ProfileName}' (sso_start_url {StartUrl}; expected {cache.GetCachePath(StartUrl)}). Run '{SsoTokenException.LoginHint(ProfileName)}' to sign in.");
                }

                if (!SsoTokenCache.TryParseTimestamp(token.ExpiresAtText, out DateTimeOffset expiresAt) || expiresAt <= _clock())
                {
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"The cached SSO token for profile '{ProfileName}' has expired. Run '{SsoTokenException.LoginHint(ProfileName)}' to sign in again.");
                }

                return token.AccessToken;
            }
            catch (SsoTokenException ex)
            {
                throw Fail(ex.Kind == SsoTokenErrorKind.InvalidConfiguration ? AwsCredentialErrorKind.InvalidConfiguration : AwsCredentialErrorKind.SourceFailed, ex.Message, ex);
            }
        }

        /// <summary>
        /// "HTTP 401 UnauthorizedException: the service's message, request id ...": what the portal said, with the
        /// bearer token it was sent redacted (a proxy may quote it back) and its text cut to a loggable length.
        /// </summary>
        private static string ServiceAnswer(CredentialHttp.Reply reply, string token)
        {
            DecodedServiceError error = ServiceErrorDecoder.Decode(reply.Status, null, reply.Headers.Headers, reply.Body);
            string?[] secrets = { token };
            var answer = new StringBuilder("HTTP ").Append(reply.Status.ToString(CultureInfo.InvariantCulture));
            if (error.Code != null)
            {
                answer.Append(' ').Append(ServiceText.ForDisplay(error.Code, secrets, ServiceText.MaxCodeLength));
            }

            if (error.Message != null)
            {
                answer.Append(": ").Append(ServiceText.ForDisplay(error.Message, secrets, MaxServiceMessageLength));
            }

            if (error.RequestId != null)
            {
                answer.Append(", request id ").Append(ServiceText.ForDisplay(error.RequestId, secrets, ServiceText.MaxRequestIdLength));
            }

            return answer.ToString();
        }

        private AwsCredentialException Fail(AwsCredentialErrorKind kind, string message, Exception? inner = null) =>
            new AwsCredentialException(kind, message, "SSO", ProfileName, inner);
    }
}
