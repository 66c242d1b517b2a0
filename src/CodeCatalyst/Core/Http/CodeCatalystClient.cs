using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Errors;

namespace CodeCatalyst.Core.Http
{
    /// <summary>Settings for one client: where to send, how to authenticate, how hard to try.</summary>
    internal sealed class ClientSettings
    {
        /// <summary>A client that sends a bearer token (CodeCatalyst).</summary>
        public ClientSettings(Uri endpoint, Func<CancellationToken, Task<BearerToken>> tokenSource)
        {
            Endpoint = endpoint;
            TokenSource = tokenSource;
        }

        /// <summary>A client whose requests another scheme authenticates, such as SigV4 (Amplify).</summary>
        public ClientSettings(Uri endpoint, Auth.Signing.IRequestAuthenticator authenticator)
        {
            Endpoint = endpoint;
            Authenticator = authenticator;
        }

        public Uri Endpoint { get; }

        /// <summary>Called once, at the first request, so -WhatIf and input errors never need a token; null with an authenticator.</summary>
        public Func<CancellationToken, Task<BearerToken>>? TokenSource { get; }

        /// <summary>Authenticates every attempt anew, just before it is sent (a fresh signing time); null for bearer tokens.</summary>
        public Auth.Signing.IRequestAuthenticator? Authenticator { get; }

        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;

        /// <summary>Bound of one attempt, from sending the request to the last byte of the answer.</summary>
        public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

        /// <summary>A larger answer is refused unread rather than held in memory (the service's pages are a few KB).</summary>
        public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public string UserAgent { get; set; } = "CodeCatalyst-PowerShell";

        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>A decoded answer and the request id the service gave it, for errors about its content.</summary>
    internal readonly struct ServiceResult<T>
    {
        public ServiceResult(T value, string? requestId)
        {
            Value = value;
            RequestId = requestId;
        }

        public T Value { get; }
        public string? RequestId { get; }
    }

    /// <summary>
    /// The single place that talks HTTP to the service: authentication, retries, timeouts, error decoding and
    /// diagnostics. Operation wrappers (<see cref="CodeCatalystApi"/>) build requests; nothing else touches the wire.
    /// </summary>
    internal sealed class CodeCatalystClient
    {
        private const string AuthorizationHeader = "Authorization";
        private const string SecurityTokenHeader = "X-Amz-Security-Token";
        private const string Redacted = ServiceText.RedactedMarker;

        /// <summary>Service text is cut to this many characters so one error cannot flood a log.</summary>
        internal const int MaxServiceMessageLength = 1024;

        /// <summary>botocore's SSO token provider refreshes when less than this is left; a long wait asks again then.</summary>
        private static readonly TimeSpan TokenRefreshWindow = TimeSpan.FromMinutes(15);

        private readonly ClientSettings _settings;
        private readonly HttpClient _httpClient;
        private readonly IClientDiagnostics _diagnostics;
        private readonly RetryPolicy _retryPolicy;
        private readonly string _basePath;
        private readonly SemaphoreSlim _tokenGate = new SemaphoreSlim(1, 1);
        private readonly List<string> _tokenValues = new List<string>();
        private volatile BearerToken? _token;

        public CodeCatalystClient(ClientSettings settings, HttpClient httpClient, IClientDiagnostics diagnostics)
        {
            _settings = settings;
            _httpClient = httpClient;
            _diagnostics = diagnostics;
            _retryPolicy = new RetryPolicy(settings.MaxAttempts, settings.RetryBaseDelay);
            // Keep any base path of a custom endpoint (a proxy under /codecatalyst/, say).
            _basePath = settings.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        public Uri Endpoint => _settings.Endpoint;

        /// <summary>The attempt limit and back-off of this client, for requests sent beside it (the Amplify zip upload).</summary>
        internal RetryPolicy RetryPolicy => _retryPolicy;

        /// <summary>Where the token came from, once one has been resolved.</summary>
        public string? TokenSource => _token?.Source;

        public async Task<TResponse> SendAsync<TResponse>(ServiceRequest request, JsonTypeInfo<TResponse> responseType,
            CancellationToken cancellationToken) =>
            (await SendForResultAsync(request, responseType, cancellationToken).ConfigureAwait(false)).Value;

        /// <summary>Sends and decodes; an answer that is not one JSON object of the type is an InvalidResult error.</summary>
        public async Task<ServiceResult<TResponse>> SendForResultAsync<TResponse>(ServiceRequest request,
            JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        {
            var (body, requestId) = await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false);
            TResponse? result;
            try
            {
                result = body.Length == 0 ? default : JsonSerializer.Deserialize(body, responseType);
            }
            catch (JsonException exception)
            {
                throw new CodeCatalystInvalidResultException("InvalidResult", request.OperationName, requestId,
                    "the body is not valid JSON of the expected shape (" + RedactServiceText(exception.Message) + ")");
            }

            if (result == null)
            {
                throw new CodeCatalystInvalidResultException("InvalidResult", request.OperationName, requestId,
                    "the body is empty or null");
            }

            return new ServiceResult<TResponse>(result, requestId);
        }

        /// <summary>
        /// Sends a request whose answer has no modeled type (Invoke-CCRestMethod) and parses it as JSON, with the
        /// same retries, limits and errors as a modeled one. The value is null for an empty body; the caller
        /// disposes the document.
        /// </summary>
        public async Task<ServiceResult<JsonDocument?>> SendForJsonDocumentAsync(ServiceRequest request, CancellationToken cancellationToken)
        {
            var (body, requestId) = await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsBlank(body)) return new ServiceResult<JsonDocument?>(null, requestId);
            try
            {
                return new ServiceResult<JsonDocument?>(JsonDocument.Parse(body), requestId);
            }
            catch (JsonException exception)
            {
                throw new CodeCatalystInvalidResultException("InvalidResult", request.OperationName, requestId,
                    "the body is not valid JSON (" + RedactServiceText(exception.Message) + ")");
            }
        }

        private static bool IsBlank(byte[] body)
        {
            foreach (var character in body)
            {
                if (character != (byte)' ' && character != (byte)'\t' && character != (byte)'\r' && character != (byte)'\n') return false;
            }

            return true;
        }

        /// <summary>
        /// The token for the next request. It is resolved at the first request and again whenever it is close to
        /// its expiry (SSO tokens), so a wait of hours does not keep sending a token that has run out.
        /// </summary>
        public async Task<BearerToken> ResolveTokenAsync(CancellationToken cancellationToken)
        {
            var current = _token;
            if (current != null && !IsNearExpiry(current)) return current;

            await _tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = _token;
                if (current != null && !IsNearExpiry(current)) return current;
                var tokenSource = _settings.TokenSource ?? throw new InvalidOperationException("This client authenticates without a bearer token.");
                var resolved = await tokenSource(cancellationToken).ConfigureAwait(false);
                RememberSecret(resolved.Value);

                if (_diagnostics.IsVerboseEnabled &&
                    (current == null || !string.Equals(current.Value, resolved.Value, StringComparison.Ordinal)))
                {
                    _diagnostics.Verbose(current == null ? $"Using the {resolved}." : $"The token was near its expiry; now using the {resolved}.");
                }

                _token = resolved;
                return resolved;
            }
            finally
            {
                _tokenGate.Release();
            }
        }

        /// <summary>A secret this client sends, kept so that server text echoing it is redacted.</summary>
        private void RememberSecret(string value)
        {
            lock (_tokenValues)
            {
                // ServiceText.Redact also blanks the URL-encoded form a proxy may quote back.
                if (!_tokenValues.Contains(value)) _tokenValues.Add(value);
            }
        }

        private bool IsNearExpiry(BearerToken token) =>
            token.ExpiresAt.HasValue && token.ExpiresAt.Value - _settings.Clock() < TokenRefreshWindow;

        /// <summary>
        /// Text from the server or the network is not ours: a proxy may echo the Authorization header back. Every
        /// token this client has sent is blanked out before the text reaches an exception or a stream.
        /// </summary>
        internal string RedactServiceText(string text)
        {
            lock (_tokenValues)
            {
                return ServiceText.Redact(text, _tokenValues);
            }
        }

        /// <summary>Redacted, then cut to a length a log can hold, saying how much was left out.</summary>
        internal string ServiceTextForDisplay(string text, int maxLength = MaxServiceMessageLength) =>
            ServiceText.Cap(RedactServiceText(text), maxLength);

        private async Task<(byte[] Body, string? RequestId)> SendForBodyAsync(ServiceRequest request, CancellationToken cancellationToken)
        {
            var maxAttempts = _retryPolicy.MaxAttempts;

            for (var attempt = 1; ; attempt++)
            {
                var token = _settings.Authenticator == null ? await ResolveTokenAsync(cancellationToken).ConfigureAwait(false) : null;
                var stopwatch = Stopwatch.StartNew();
                using (var message = BuildMessage(request, token))
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    if (_settings.Authenticator != null)
                    {
                        // Every attempt is signed anew: a retry after a wait carries a fresh time and current credentials.
                        await _settings.Authenticator.AuthenticateAsync(message, cancellationToken).ConfigureAwait(false);
                        if (message.Headers.TryGetValues(SecurityTokenHeader, out var sessionTokens))
                        {
                            foreach (var sessionToken in sessionTokens) RememberSecret(sessionToken);
                        }
                    }

                    timeout.CancelAfter(_settings.RequestTimeout);
                    WriteRequestDebug(message);

                    HttpResponseMessage? response = null;
                    byte[]? body;
                    try
                    {
                        // Headers first, then the body through a size limit: a huge or endless answer is never buffered whole.
                        response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                            .ConfigureAwait(false);
                        body = await BoundedContent.ReadAsync(response.Content, _settings.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        response?.Dispose();
                        throw;
                    }
                    catch (Exception exception) when (exception is OperationCanceledException || exception is HttpRequestException ||
                                                      exception is IOException)
                    {
                        response?.Dispose();
                        var timedOut = exception is OperationCanceledException;
                        var what = timedOut
                            ? $"no complete response within {_settings.RequestTimeout.TotalSeconds:0.#} s"
                            : "connection failed: " + ServiceTextForDisplay(Describe(exception));
                        _diagnostics.Verbose(
                            $"{request.Method} {request.PathAndQuery} -> {what} after {stopwatch.ElapsedMilliseconds} ms (attempt {attempt} of {maxAttempts})");
                        // A request that must not act twice is sent again only when it surely never reached the
                        // service (see OperationInfo.SentAtMostOnce); a timeout or a broken connection may come after.
                        var mayHaveActed = request.SentAtMostOnce && !ConnectionNeverMade(exception);
                        if (attempt >= maxAttempts || mayHaveActed)
                        {
                            throw new CodeCatalystTransportException(
                                $"{request.OperationName} could not reach {_settings.Endpoint.GetLeftPart(UriPartial.Authority)} " +
                                $"after {attempt} attempt(s): {what}. " +
                                (mayHaveActed
                                    ? "It was not sent again: the request may have reached the service and taken effect, and a second " +
                                      "attempt could do it twice. Check whether it did before trying again."
                                    : "Check the endpoint (-EndpointUrl), your network and proxy, then try again."),
                                timedOut, attempt, exception);
                        }

                        await WaitBeforeRetryAsync(attempt + 1, null, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        if (_diagnostics.IsVerboseEnabled) // the line costs a formatted string and a redaction pass per call
                        {
                            _diagnostics.Verbose(
                                $"{request.Method} {request.PathAndQuery} -> {status} {ServiceTextForDisplay(response.ReasonPhrase ?? "", 100)} in {stopwatch.ElapsedMilliseconds} ms (attempt {attempt} of {maxAttempts})");
                        }
                        WriteResponseDebug(response);

                        if (response.IsSuccessStatusCode)
                        {
                            var requestId = RequestIdOf(response);
                            if (body == null)
                            {
                                throw new CodeCatalystInvalidResultException("ResponseTooLarge", request.OperationName, requestId,
                                    $"the body is larger than {_settings.MaxResponseBytes / (1024 * 1024)} MB, far more than any answer of the service");
                            }

                            return (body, requestId);
                        }

                        // An oversized error body is not read: the status code alone still says what happened.
                        var error = DecodeError(request, response, body ?? new byte[0], attempt);
                        var throttled = status == 429 || error is CodeCatalystThrottlingException;
                        // A request that must not act twice is sent again only when the service said it throttled
                        // it (it did not act); a 5xx answer may come after the change was made.
                        var retryable = throttled || (RetryPolicy.IsRetryableStatus(response.StatusCode) && !request.SentAtMostOnce);
                        if (!retryable || attempt >= maxAttempts) throw error;

                        await WaitBeforeRetryAsync(attempt + 1, response.Headers.RetryAfter, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        private async Task WaitBeforeRetryAsync(int nextAttempt, RetryConditionHeaderValue? retryAfter, CancellationToken cancellationToken)
        {
            var delay = _retryPolicy.DelayBefore(nextAttempt, retryAfter);
            _diagnostics.Verbose($"Retrying in {delay.TotalMilliseconds:0} ms (attempt {nextAttempt} of {_retryPolicy.MaxAttempts}).");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private HttpRequestMessage BuildMessage(ServiceRequest request, BearerToken? token)
        {
            var uri = new Uri(_basePath + request.PathAndQuery);
            var message = new HttpRequestMessage(request.Method, uri);
            if (token != null) message.Headers.TryAddWithoutValidation(AuthorizationHeader, "Bearer " + token.Value);
            message.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json"); // the same header, without parsing it per call
            if (request.JsonBody != null)
            {
                message.Content = new ByteArrayContent(request.JsonBody);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            return message;
        }

        private string? RequestIdOf(HttpResponseMessage response)
        {
            var requestId = ServiceErrorDecoder.RequestIdFromHeaders(response.Headers);
            return requestId == null ? null : ServiceTextForDisplay(requestId, ServiceText.MaxRequestIdLength);
        }

        private CodeCatalystServiceException DecodeError(ServiceRequest request, HttpResponseMessage response,
            byte[] body, int attempts)
        {
            var decoded = ServiceErrorDecoder.Decode(response, body);
            // The error type becomes the error id: redacted and short like any other server text.
            var errorType = decoded.Code;
            if (errorType != null)
            {
                errorType = RedactServiceText(errorType);
                if (errorType.Length > ServiceText.MaxCodeLength) errorType = errorType.Substring(0, ServiceText.MaxCodeLength);
            }

            var message = decoded.Message == null
                ? $"the service answered HTTP {decoded.StatusCode} {ServiceTextForDisplay(decoded.ReasonPhrase ?? "", 100)} without a message"
                : ServiceTextForDisplay(decoded.Message);
            var requestId = decoded.RequestId == null ? null : ServiceTextForDisplay(decoded.RequestId, ServiceText.MaxRequestIdLength);

            return ServiceExceptionFactory.Create(errorType, message, decoded.StatusCode, requestId, request.OperationName, attempts);
        }

        private void WriteRequestDebug(HttpRequestMessage message)
        {
            if (!_diagnostics.IsDebugEnabled) return; // nobody listens: skip building the text
            var text = new StringBuilder();
            text.Append("HTTP request: ").Append(message.Method).Append(' ').Append(message.RequestUri);
            foreach (var header in message.Headers)
            {
                var value = string.Equals(header.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
                    ? SchemeOf(string.Join(", ", header.Value)) + " " + Redacted
                    : string.Equals(header.Key, SecurityTokenHeader, StringComparison.OrdinalIgnoreCase)
                        ? Redacted
                        : string.Join(", ", header.Value);
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(value);
            }

            if (message.Content != null)
            {
                foreach (var header in message.Content.Headers)
                {
                    text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(string.Join(", ", header.Value));
                }
            }

            _diagnostics.Debug(text.ToString());
        }

        /// <summary>The scheme of an Authorization value (Bearer, AWS4-HMAC-SHA256): shown, while the rest is not.</summary>
        private static string SchemeOf(string authorization)
        {
            var space = authorization.IndexOf(' ');
            return space > 0 ? authorization.Substring(0, space) : "(scheme)";
        }

        private void WriteResponseDebug(HttpResponseMessage response)
        {
            if (!_diagnostics.IsDebugEnabled) return;
            var text = new StringBuilder();
            text.Append("HTTP response: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(string.Join(", ", header.Value));
            }

            // Header names and values are the server's: a proxy may echo the token back in one.
            _diagnostics.Debug(ServiceTextForDisplay(text.ToString(), 16 * MaxServiceMessageLength));
        }

        /// <summary>
        /// True when the failure happened before a connection was made (refused, unknown host, no route), so the
        /// request cannot have reached the service. Any other failure may have come after the request was sent.
        /// </summary>
        internal static bool ConnectionNeverMade(Exception exception)
        {
            for (var current = exception; current != null; current = current.InnerException)
            {
                if (current is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
            }

            return false;
        }

        private static string Describe(Exception exception)
        {
            var innermost = exception;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            return innermost == exception ? exception.Message : exception.Message + " " + innermost.Message;
        }
    }
}
