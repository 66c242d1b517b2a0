using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Errors;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>The parts of an SSO OIDC CreateToken response that the cache keeps.</summary>
    internal sealed class SsoOidcTokenResponse
    {
        public SsoOidcTokenResponse(string accessToken, long expiresInSeconds, string? refreshToken, string? tokenType)
        {
            AccessToken = accessToken;
            ExpiresInSeconds = expiresInSeconds;
            RefreshToken = refreshToken;
            TokenType = tokenType;
        }

        public string AccessToken { get; }

        public long ExpiresInSeconds { get; }

        /// <summary>Null when the service did not rotate the refresh token (botocore then drops it from the cache).</summary>
        public string? RefreshToken { get; }

        public string? TokenType { get; }

        public override string ToString() => $"SsoOidcTokenResponse(expiresIn={ExpiresInSeconds}, tokenType={TokenType}, refreshTokenReturned={RefreshToken != null})";
    }

    /// <summary>A CreateToken call that failed: an error response, a transport failure or an unreadable reply. Message is secret-free.</summary>
    internal sealed class SsoOidcException : Exception
    {
        public SsoOidcException(string message, int? statusCode = null, string? errorCode = null, Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            ErrorCode = errorCode;
        }

        /// <summary>HTTP status of an error response; null when no response arrived.</summary>
        public int? StatusCode { get; }

        /// <summary>The service error type (x-amzn-ErrorType, e.g. InvalidGrantException) when one was given.</summary>
        public string? ErrorCode { get; }

        /// <summary>True for an error response from the service, which botocore surfaces as a ClientError.</summary>
        public bool IsServiceError => StatusCode.HasValue;

        /// <summary>No answer arrived: a timeout or a failed connection, worth another attempt.</summary>
        public bool IsTransportFailure { get; set; }
    }

    /// <summary>Where the SSO OIDC refresh goes, resolved like botocore resolves the "sso-oidc" client's endpoint.</summary>
    internal static class SsoOidcEndpoint
    {
        /// <summary>
        /// Order (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true):
        /// AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL, the profile's services section "sso_oidc.endpoint_url", the
        /// profile's endpoint_url; else https://oidc.{region}.{partition dns suffix}.
        /// </summary>
        public static Uri Resolve(string region, AwsConfigSection? profile, AwsConfigFile config, IAuthEnvironment environment, out string source) =>
            AwsServiceEndpoint.Resolve("sso_oidc", "oidc", region, profile, config, environment, message => new SsoTokenException(SsoTokenErrorKind.InvalidConfiguration, message), out source);

        /// <summary>The CreateToken URL: the endpoint's path (without one trailing '/') plus "/token", query kept, as botocore joins it.</summary>
        public static Uri TokenUri(Uri endpoint) => AwsServiceEndpoint.Append(endpoint, "/token");
    }

    /// <summary>
    /// Minimal SSO OIDC client: only CreateToken with the refresh_token grant, unsigned, JSON in and out. The request
    /// matches botocore's on the wire (same body field order, content type and SDK headers apart from User-Agent).
    /// </summary>
    internal sealed class SsoOidcClient
    {
        /// <summary>botocore's default connect and read timeouts are 60 s each.</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(60);

        /// <summary>The AWS SDKs' standard retry mode.</summary>
        public const int DefaultMaxAttempts = 3;

        /// <summary>A CreateToken answer is a few hundred bytes; anything near this is not one.</summary>
        private const long MaxResponseBytes = 1024 * 1024;

        /// <summary>The longest part of the service's message an error quotes, so one refusal cannot flood a log.</summary>
        private const int MaxServiceMessageLength = 300;

        private readonly HttpClient _httpClient;
        private readonly string? _userAgent;
        private readonly TimeSpan _attemptTimeout;
        private readonly int _maxAttempts;
        private readonly RetryPolicy _retryPolicy;

        /// <param name="httpClient">Shared; owned by the caller.</param>
        /// <param name="userAgent">User-Agent for the request.</param>
        /// <param name="attemptTimeout">Bound of one attempt, answer included: the shared HttpClient has no timeout of its own.</param>
        /// <param name="maxAttempts">Attempts, the first included, for timeouts, failed connections, 429 and 5xx.</param>
        public SsoOidcClient(HttpClient httpClient, string? userAgent = null, TimeSpan? attemptTimeout = null, int maxAttempts = DefaultMaxAttempts)
        {
            _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            _userAgent = userAgent;
            _attemptTimeout = attemptTimeout ?? DefaultAttemptTimeout;
            _maxAttempts = Math.Max(1, maxAttempts);
            _retryPolicy = new RetryPolicy(_maxAttempts, TimeSpan.FromSeconds(1));
        }

        /// <summary>POST {endpoint}/token with grantType=refresh_token. Throws <see cref="SsoOidcException"/> on any failure except cancellation.</summary>
        public async Task<SsoOidcTokenResponse> CreateTokenAsync(Uri endpoint, string clientId, string clientSecret, string refreshToken, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await CreateTokenOnceAsync(endpoint, clientId, clientSecret, refreshToken, attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (SsoOidcException ex) when (attempt < _maxAttempts && IsRetryable(ex))
                {
                    await Task.Delay(_retryPolicy.DelayBefore(attempt + 1, null), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static bool IsRetryable(SsoOidcException ex) =>
            !ex.StatusCode.HasValue ? ex.IsTransportFailure : ex.StatusCode.Value == 429 || ex.StatusCode.Value >= 500;

        private async Task<SsoOidcTokenResponse> CreateTokenOnceAsync(Uri endpoint, string clientId, string clientSecret, string refreshToken, int attempt, CancellationToken cancellationToken)
        {
            string[] secrets = { clientSecret, refreshToken };
            using (var request = new HttpRequestMessage(HttpMethod.Post, SsoOidcEndpoint.TokenUri(endpoint)))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_attemptTimeout);
                var content = new ByteArrayContent(BuildRequestBody(clientId, clientSecret, refreshToken));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Content = content;
                if (!string.IsNullOrEmpty(_userAgent))
                {
                    request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                }

                request.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", Guid.NewGuid().ToString());
                request.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=" + attempt.ToString(CultureInfo.InvariantCulture));

                HttpResponseMessage? response = null;
                byte[]? body;
                try
                {
                    response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    body = response.Content == null ? new byte[0] : await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw;
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException || ex is IOException)
                {
                    response?.Dispose();
                    // The per-attempt timeout (or HttpClient.Timeout) surfaces as a cancellation that the caller did not ask for.
                    string what = ex is OperationCanceledException
                        ? $"timed out after {_attemptTimeout.TotalSeconds:0.#} s"
                        : "could not be sent (" + ServiceText.Redact(ex.Message, secrets) + ")";
                    throw new SsoOidcException($"The SSO OIDC CreateToken request to {endpoint.GetLeftPart(UriPartial.Authority)} {what} (attempt {attempt} of {_maxAttempts}).", innerException: null)
                    {
                        IsTransportFailure = true,
                    };
                }

                using (response)
                {
                    int status = (int)response.StatusCode;
                    if (body == null)
                    {
                        throw new SsoOidcException($"The SSO OIDC CreateToken response (HTTP {status}) was larger than {MaxResponseBytes / 1024} KB; it is not a CreateToken answer.", status >= 200 && status < 300 ? (int?)null : status);
                    }

                    if (status < 200 || status >= 300)
                    {
                        throw ServiceError(response, body, secrets);
                    }

                    return ParseSuccess(body);
                }
            }
        }

        internal static byte[] BuildRequestBody(string clientId, string clientSecret, string refreshToken)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("grantType", "refresh_token");
                    writer.WriteString("clientId", clientId);
                    writer.WriteString("clientSecret", clientSecret);
                    writer.WriteString("refreshToken", refreshToken);
                    writer.WriteEndObject();
                }

                return buffer.ToArray();
            }
        }

        private static SsoOidcTokenResponse ParseSuccess(byte[] body)
        {
            try
            {
                using (JsonDocument document = JsonDocument.Parse(body))
                {
                    JsonElement root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        throw new SsoOidcException("The SSO OIDC CreateToken response was not a JSON object.");
                    }

                    string? accessToken = root.TryGetProperty("accessToken", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                    if (string.IsNullOrEmpty(accessToken))
                    {
                        throw new SsoOidcException("The SSO OIDC CreateToken response had no accessToken.");
                    }

                    if (!root.TryGetProperty("expiresIn", out JsonElement e) || e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long expiresIn))
                    {
                        throw new SsoOidcException("The SSO OIDC CreateToken response had no integer expiresIn.");
                    }

                    // A JSON null is treated as absent, like botocore's response parser.
                    string? refreshToken = root.TryGetProperty("refreshToken", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    string? tokenType = root.TryGetProperty("tokenType", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    return new SsoOidcTokenResponse(accessToken!, expiresIn, refreshToken, tokenType);
                }
            }
            catch (JsonException)
            {
                throw new SsoOidcException("The SSO OIDC CreateToken response was not valid JSON.");
            }
        }

        private static SsoOidcException ServiceError(HttpResponseMessage response, byte[] body, string[] secrets)
        {
            DecodedServiceError error = ServiceErrorDecoder.Decode(response, body);
            var message = new StringBuilder();
            message.Append("The SSO OIDC CreateToken request failed with HTTP ").Append(error.StatusCode.ToString(CultureInfo.InvariantCulture));
            string? code = error.Code == null ? null : ServiceText.ForDisplay(error.Code, secrets, ServiceText.MaxCodeLength);
            string? oauthError = error.OAuthError == null ? null : ServiceText.ForDisplay(error.OAuthError, secrets, ServiceText.MaxCodeLength);
            string detail = string.Join(": ", new[] { code, oauthError }.Where(part => part != null));
            if (detail.Length > 0)
            {
                message.Append(" (").Append(detail).Append(')');
            }

            if (error.Message != null)
            {
                message.Append(": ").Append(ServiceText.ForDisplay(error.Message, secrets, MaxServiceMessageLength));
            }

            if (error.RequestId != null)
            {
                message.Append(" (request id ").Append(ServiceText.ForDisplay(error.RequestId, secrets, ServiceText.MaxRequestIdLength)).Append(')');
            }

            message.Append('.');
            return new SsoOidcException(message.ToString(), error.StatusCode, code);
        }
    }
}
