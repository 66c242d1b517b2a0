using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Json;

namespace CodeCatalyst.Core.Http
{
    /// <summary>Settings for one client: where to send, how to authenticate, how hard to try.</summary>
    internal sealed class ClientSettings
    {
        public ClientSettings(Uri endpoint, Func<CancellationToken, Task<BearerToken>> tokenSource)
        {
            Endpoint = endpoint;
            TokenSource = tokenSource;
        }

        public Uri Endpoint { get; }

        /// <summary>Called once, at the first request, so -WhatIf and input errors never need a token.</summary>
        public Func<CancellationToken, Task<BearerToken>> TokenSource { get; }

        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public string UserAgent { get; set; } = "CodeCatalyst-PowerShell";
    }

    /// <summary>
    /// The single place that talks HTTP to the service: authentication, retries, timeouts, error decoding and
    /// diagnostics. Operation wrappers (<see cref="CodeCatalystApi"/>) build requests; nothing else touches the wire.
    /// </summary>
    internal sealed class CodeCatalystClient
    {
        private const string AuthorizationHeader = "Authorization";

        private readonly ClientSettings _settings;
        private readonly HttpClient _httpClient;
        private readonly IClientDiagnostics _diagnostics;
        private readonly RetryPolicy _retryPolicy;
        private BearerToken? _token;

        public CodeCatalystClient(ClientSettings settings, HttpClient httpClient, IClientDiagnostics diagnostics)
        {
            _settings = settings;
            _httpClient = httpClient;
            _diagnostics = diagnostics;
            _retryPolicy = new RetryPolicy(settings.MaxAttempts, settings.RetryBaseDelay);
        }

        public Uri Endpoint => _settings.Endpoint;

        /// <summary>Where the token came from, once one has been resolved.</summary>
        public string? TokenSource => _token?.Source;

        public async Task<TResponse> SendAsync<TResponse>(ServiceRequest request, JsonTypeInfo<TResponse> responseType,
            CancellationToken cancellationToken)
        {
            var body = await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = body.Length == 0 ? default : JsonSerializer.Deserialize(body, responseType);
                if (result == null) throw new JsonException("The response body was empty.");
                return result;
            }
            catch (JsonException exception)
            {
                throw new CodeCatalystException(
                    $"{request.OperationName} returned a response this module could not read: {exception.Message}", exception);
            }
        }

        public async Task<BearerToken> ResolveTokenAsync(CancellationToken cancellationToken)
        {
            if (_token == null)
            {
                _token = await _settings.TokenSource(cancellationToken).ConfigureAwait(false);
                _diagnostics.Verbose($"Using the {_token}.");
            }

            return _token;
        }

        private async Task<byte[]> SendForBodyAsync(ServiceRequest request, CancellationToken cancellationToken)
        {
            var token = await ResolveTokenAsync(cancellationToken).ConfigureAwait(false);
            var maxAttempts = _retryPolicy.MaxAttempts;

            for (var attempt = 1; ; attempt++)
            {
                var stopwatch = Stopwatch.StartNew();
                using (var message = BuildMessage(request, token))
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(_settings.RequestTimeout);
                    WriteRequestDebug(message);

                    HttpResponseMessage response;
                    byte[] body;
                    try
                    {
                        response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token)
                            .ConfigureAwait(false);
                        body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception exception) when (exception is OperationCanceledException || exception is HttpRequestException)
                    {
                        var timedOut = exception is OperationCanceledException;
                        var what = timedOut
                            ? $"no response within {_settings.RequestTimeout.TotalSeconds:0.#} s"
                            : "connection failed: " + Describe(exception);
                        _diagnostics.Verbose(
                            $"{request.Method} {request.PathAndQuery} -> {what} after {stopwatch.ElapsedMilliseconds} ms (attempt {attempt} of {maxAttempts})");
                        if (attempt >= maxAttempts)
                        {
                            throw new CodeCatalystTransportException(
                                $"{request.OperationName} could not reach {_settings.Endpoint.GetLeftPart(UriPartial.Authority)} " +
                                $"after {attempt} attempt(s): {what}. Check the endpoint (-EndpointUrl), your network and proxy, then try again.",
                                timedOut, attempt, exception);
                        }

                        await WaitBeforeRetryAsync(attempt + 1, null, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        _diagnostics.Verbose(
                            $"{request.Method} {request.PathAndQuery} -> {status} {response.ReasonPhrase} in {stopwatch.ElapsedMilliseconds} ms (attempt {attempt} of {maxAttempts})");
                        WriteResponseDebug(response);

                        if (response.IsSuccessStatusCode) return body;

                        var error = DecodeError(request, response, body, attempt);
                        var retryable = RetryPolicy.IsRetryableStatus(response.StatusCode) ||
                                        error is CodeCatalystThrottlingException;
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

        private HttpRequestMessage BuildMessage(ServiceRequest request, BearerToken token)
        {
            // Keep any base path of a custom endpoint (a proxy under /codecatalyst/, say).
            var basePath = _settings.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var uri = new Uri(basePath + request.PathAndQuery);
            var message = new HttpRequestMessage(request.Method, uri);
            message.Headers.TryAddWithoutValidation(AuthorizationHeader, "Bearer " + token.Value);
            message.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (request.JsonBody != null)
            {
                message.Content = new ByteArrayContent(request.JsonBody);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            return message;
        }

        private static CodeCatalystServiceException DecodeError(ServiceRequest request, HttpResponseMessage response,
            byte[] body, int attempts)
        {
            ServiceErrorBody? errorBody = null;
            if (body.Length > 0)
            {
                try
                {
                    errorBody = JsonSerializer.Deserialize(body, CodeCatalystJsonContext.Default.ServiceErrorBody);
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's HTML page, say): the status code still tells what happened.
                }
            }

            var errorType = ServiceExceptionFactory.NormalizeErrorType(HeaderValue(response, "x-amzn-ErrorType"))
                            ?? ServiceExceptionFactory.NormalizeErrorType(errorBody?.Type);
            var message = errorBody?.AnyMessage;
            if (string.IsNullOrWhiteSpace(message))
            {
                message = $"the service answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} without a message";
            }

            var requestId = HeaderValue(response, "x-amzn-RequestId") ?? HeaderValue(response, "x-amz-request-id");
            return ServiceExceptionFactory.Create(errorType, message!, (int)response.StatusCode, requestId,
                request.OperationName, attempts);
        }

        private static string? HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private void WriteRequestDebug(HttpRequestMessage message)
        {
            if (!_diagnostics.IsDebugEnabled) return; // nobody listens: skip building the text
            var text = new StringBuilder();
            text.Append("HTTP request: ").Append(message.Method).Append(' ').Append(message.RequestUri);
            foreach (var header in message.Headers)
            {
                var value = string.Equals(header.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
                    ? "Bearer <redacted>"
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

        private void WriteResponseDebug(HttpResponseMessage response)
        {
            if (!_diagnostics.IsDebugEnabled) return;
            var text = new StringBuilder();
            text.Append("HTTP response: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(string.Join(", ", header.Value));
            }

            _diagnostics.Debug(text.ToString());
        }

        private static string Describe(Exception exception)
        {
            var innermost = exception;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            return innermost == exception ? exception.Message : exception.Message + " " + innermost.Message;
        }
    }
}
