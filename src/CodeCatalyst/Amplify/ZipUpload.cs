using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Amplify
{
    /// <summary>
    /// The PUT of a deployment zip to the zipUploadUrl CreateDeployment gives: an S3 pre-signed URL in AWS, which
    /// carries its own signature, so the request is sent as it is (no SigV4 with the Amplify credentials, no
    /// Authorization header). The URL grants the upload, so it is a secret: no message, error or exception of this
    /// class contains it or any part of its query.
    /// </summary>
    internal sealed class ZipUpload
    {
        private const int BufferSize = 81920;
        private const int MaxErrorBodyChars = 16 * 1024;

        private readonly Func<Stream> _openFile;
        private readonly string _fileName;
        private long _bytesSent;
        private int _attempt;

        /// <param name="openFile">Opens the zip for reading, at its start; called once per attempt, and the stream disposed after it.</param>
        /// <param name="length">The zip's length when it was checked; an attempt that finds another length fails.</param>
        /// <param name="fileName">The zip's name, the only part of its path messages show.</param>
        public ZipUpload(Func<Stream> openFile, long length, string fileName)
        {
            _openFile = openFile;
            _fileName = fileName;
            Length = length;
        }

        public long Length { get; }

        /// <summary>Bytes of the current attempt handed to the connection so far; read from any thread.</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        /// <summary>The attempt under way (1 for the first); read from any thread.</summary>
        public int Attempt => Volatile.Read(ref _attempt);

        /// <summary>
        /// Sends the file, each attempt bounded by <paramref name="attemptTimeout"/> (connection, body and answer). The
        /// PUT to a pre-signed URL is idempotent, so a transient failure (a 5xx or 429 answer, S3's RequestTimeout, a
        /// broken connection, an attempt that timed out) is sent again, the whole file from its start, up to the
        /// client's attempt limit and with its back-off; any other refusal is final at once. Ctrl+C (the token) ends
        /// it at once, waits included, and surfaces as cancellation; every other failure is a
        /// <see cref="CodeCatalystAmplifyUploadException"/> saying how many attempts were made.
        /// </summary>
        public async Task<int> SendAsync(HttpClient client, Uri url, TimeSpan attemptTimeout, RetryPolicy retryPolicy,
            IClientDiagnostics diagnostics, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                Volatile.Write(ref _attempt, attempt);
                Interlocked.Exchange(ref _bytesSent, 0);
                var outcome = await SendOnceAsync(client, url, attemptTimeout, cancellationToken).ConfigureAwait(false);
                var failure = outcome.Failure;
                if (failure == null) return outcome.StatusCode;

                if (!outcome.Transient || attempt >= retryPolicy.MaxAttempts)
                {
                    if (attempt == 1) throw failure;
                    var said = outcome.Transient ? $"It failed on all {attempt} attempts." : $"That was attempt {attempt}; the ones before failed too.";
                    throw new CodeCatalystAmplifyUploadException($"{failure.Message} {said}", failure.ErrorId, failure.Category,
                        failure.StatusCode, attempts: attempt);
                }

                var delay = retryPolicy.DelayBefore(attempt + 1, outcome.RetryAfter);
                diagnostics.Verbose($"{failure.Message} Sending the whole file again in {delay.TotalMilliseconds:0} ms " +
                                    $"(attempt {attempt + 1} of {retryPolicy.MaxAttempts}).");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>What one attempt came to: a status on success, else the failure and whether it is worth another attempt.</summary>
        private sealed class AttemptOutcome
        {
            public int StatusCode { get; set; }
            public CodeCatalystAmplifyUploadException? Failure { get; set; }
            public bool Transient { get; set; }
            public RetryConditionHeaderValue? RetryAfter { get; set; }
        }

        /// <summary>
        /// S3 error codes botocore's standard retry mode counts as transient although they come with 400: the server
        /// gave up waiting for the body.
        /// </summary>
        private static bool IsTransientCode(string? code) =>
            code == "RequestTimeout" || code == "RequestTimeoutException" || code == "PriorRequestNotComplete";

        private async Task<AttemptOutcome> SendOnceAsync(HttpClient client, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Stream file;
            try
            {
                file = _openFile();
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                return new AttemptOutcome
                {
                    Failure = new CodeCatalystAmplifyUploadException($"{_fileName} could not be opened again to send it: {exception.Message}",
                        "ZipFileUnreadable", exception is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError),
                };
            }

            using (file)
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var request = new HttpRequestMessage(HttpMethod.Put, url))
            {
                if (file.Length != Length)
                {
                    return new AttemptOutcome
                    {
                        Failure = new CodeCatalystAmplifyUploadException(
                            $"{_fileName} changed while it was being uploaded ({file.Length} bytes, {Length} when it was checked).",
                            "ZipFileChanged", ErrorCategory.InvalidData),
                    };
                }

                deadline.CancelAfter(timeout);
                var content = new ProgressContent(file, this);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
                content.Headers.ContentLength = Length;
                request.Content = content;
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new AttemptOutcome { Failure = TimedOut(timeout), Transient = true };
                }
                catch (Exception exception) when (exception is HttpRequestException || exception is IOException)
                {
                    return new AttemptOutcome
                    {
                        Failure = new CodeCatalystAmplifyUploadException(
                            $"The upload of {_fileName} could not be sent: {Redact(Innermost(exception).Message, url)}.",
                            "ZipUploadConnectionFailed", ErrorCategory.ConnectionError),
                        Transient = true,
                    };
                }

                using (response)
                {
                    if (response.IsSuccessStatusCode) return new AttemptOutcome { StatusCode = (int)response.StatusCode };
                    string body;
                    try
                    {
                        body = await ReadSomeAsync(response, deadline.Token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is IOException || exception is HttpRequestException ||
                                                      exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        body = "";
                    }

                    var status = (int)response.StatusCode;
                    ErrorOf(body, out var code, out var message);
                    var said = code == null ? "" : $": {code}" + (message == null ? "" : $" ({Redact(message, url)})");
                    return new AttemptOutcome
                    {
                        Failure = new CodeCatalystAmplifyUploadException(
                            $"The upload of {_fileName} was refused with HTTP {status}{said}.",
                            "ZipUploadRefused", ServiceErrorCategories.FromStatus(status, "ZipUpload"), status),
                        Transient = RetryPolicy.IsRetryableStatus(response.StatusCode) || IsTransientCode(code),
                        RetryAfter = response.Headers.RetryAfter,
                    };
                }
            }
        }

        private CodeCatalystAmplifyUploadException TimedOut(TimeSpan timeout) =>
            new CodeCatalystAmplifyUploadException(
                $"The upload of {_fileName} did not end within {timeout.TotalSeconds:0} s ({BytesSent} of {Length} bytes sent).",
                "ZipUploadTimedOut", ErrorCategory.OperationTimeout);

        /// <summary>
        /// The code and message of an S3 error (XML) or of the emulator's (JSON). S3's SignatureDoesNotMatch also
        /// carries the string it signed, which holds the URL's query: only Code and Message are ever read.
        /// </summary>
        /// (Out parameters, not a ValueTuple: Windows PowerShell may run on a .NET Framework without System.ValueTuple.)
        internal static void ErrorOf(string body, out string? code, out string? message)
        {
            string? Find(string pattern)
            {
                var match = Regex.Match(body, pattern, RegexOptions.Singleline);
                return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value.Trim()) : null;
            }

            code = Find("<Code>([^<]{1,200})</Code>") ?? Find("\"code\"\\s*:\\s*\"([^\"]{1,200})\"");
            message = Find("<Message>([^<]{1,1000})</Message>") ?? Find("\"message\"\\s*:\\s*\"([^\"]{1,1000})\"");
        }

        /// <summary>Text with the URL, its query and each of its query values replaced.</summary>
        internal static string Redact(string text, Uri url)
        {
            var result = text.Replace(url.OriginalString, "<upload URL>").Replace(url.AbsoluteUri, "<upload URL>");
            var query = url.Query;
            if (query.Length > 1)
            {
                result = result.Replace(query, "?<redacted>").Replace(query.Substring(1), "<redacted>");
                foreach (var pair in query.Substring(1).Split('&'))
                {
                    var equals = pair.IndexOf('=');
                    var value = equals < 0 ? "" : pair.Substring(equals + 1);
                    if (value.Length < 4) continue;
                    result = result.Replace(value, "<redacted>");
                    var decoded = Uri.UnescapeDataString(value);
                    if (decoded.Length >= 4) result = result.Replace(decoded, "<redacted>");
                }
            }

            return result;
        }

        private static Exception Innermost(Exception exception)
        {
            while (exception.InnerException != null) exception = exception.InnerException;
            return exception;
        }

        private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (cancellationToken.Register(() => stream.Dispose()))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                var buffer = new char[MaxErrorBodyChars];
                var read = await reader.ReadBlockAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                return new string(buffer, 0, read);
            }
        }

        /// <summary>The file as the request body, counting what was written.</summary>
        private sealed class ProgressContent : HttpContent
        {
            private readonly Stream _file;
            private readonly ZipUpload _upload;

            public ProgressContent(Stream file, ZipUpload upload)
            {
                _file = file;
                _upload = upload;
            }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                // A resend within the attempt (a redirect, or the handler's own retry on a reused connection) starts
                // from the beginning too.
                if (_file.CanSeek) _file.Position = 0;
                Interlocked.Exchange(ref _upload._bytesSent, 0);
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await _file.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                    Interlocked.Add(ref _upload._bytesSent, read);
                }
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _upload.Length;
                return true;
            }
        }
    }
}
