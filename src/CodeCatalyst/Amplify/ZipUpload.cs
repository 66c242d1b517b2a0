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

        private readonly Stream _file;
        private readonly string _fileName;
        private long _bytesSent;

        /// <param name="file">The zip, open for reading and positioned at its start; the caller disposes it.</param>
        public ZipUpload(Stream file, string fileName)
        {
            _file = file;
            _fileName = fileName;
            Length = file.Length;
        }

        public long Length { get; }

        /// <summary>Bytes handed to the connection so far; read from any thread.</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        /// <summary>
        /// Sends the file; the whole upload (connection, body and answer) must end within <paramref name="timeout"/>.
        /// Ctrl+C (the token) ends it at once and surfaces as cancellation; every other failure is a
        /// <see cref="CodeCatalystAmplifyUploadException"/>.
        /// </summary>
        public async Task<int> SendAsync(HttpClient client, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var request = new HttpRequestMessage(HttpMethod.Put, url))
            {
                deadline.CancelAfter(timeout);
                var content = new ProgressContent(_file, this);
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
                    throw TimedOut(timeout);
                }
                catch (HttpRequestException exception)
                {
                    throw new CodeCatalystAmplifyUploadException(
                        $"The upload of {_fileName} could not be sent: {Redact(Innermost(exception).Message, url)}.",
                        "ZipUploadConnectionFailed", ErrorCategory.ConnectionError);
                }

                using (response)
                {
                    if (response.IsSuccessStatusCode) return (int)response.StatusCode;
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
                    throw new CodeCatalystAmplifyUploadException(
                        $"The upload of {_fileName} was refused with HTTP {status}{said}.",
                        "ZipUploadRefused", ServiceErrorCategories.FromStatus(status, "ZipUpload"), status);
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
                // A resend (a redirect, or the handler's own retry on a reused connection) starts from the beginning.
                _file.Position = 0;
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
