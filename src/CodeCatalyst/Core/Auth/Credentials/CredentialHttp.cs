using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>One bounded HTTP exchange of the credential chain: a time limit for the whole attempt and a size limit for the answer.</summary>
    internal static class CredentialHttp
    {
        /// <summary>Credential answers are a few kilobytes; anything near this is not one.</summary>
        public const long MaxResponseBytes = 256 * 1024;

        internal sealed class Reply
        {
            public Reply(int status, byte[] body, HttpResponseMessage response)
            {
                Status = status;
                Body = body;
                Headers = response;
            }

            public int Status { get; }

            public byte[] Body { get; }

            /// <summary>The response, disposed; only its headers are still readable.</summary>
            public HttpResponseMessage Headers { get; }

            public string Text => System.Text.Encoding.UTF8.GetString(Body);
        }

        /// <summary>Thrown when no usable answer arrived: timeout, connection failure, or an answer over the size limit.</summary>
        internal sealed class TransportException : Exception
        {
            public TransportException(string message, bool timedOut, Exception? inner = null)
                : base(message, inner)
            {
                TimedOut = timedOut;
            }

            public bool TimedOut { get; }
        }

        /// <summary>Sends <paramref name="request"/> (disposed here) and reads its answer within <paramref name="timeout"/>.</summary>
        public static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (request)
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(timeout);
                string what = request.Method.Method + " " + request.RequestUri!.GetLeftPart(UriPartial.Path);
                try
                {
                    using (HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false))
                    {
                        byte[]? body = await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, limit.Token).ConfigureAwait(false);
                        if (body == null)
                        {
                            throw new TransportException($"The answer to {what} is larger than {MaxResponseBytes / 1024} KiB, so it is not a credentials response.", timedOut: false);
                        }

                        return new Reply((int)response.StatusCode, body, response);
                    }
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransportException($"{what} did not answer within {timeout.TotalSeconds:0.#} s.", timedOut: true, ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new TransportException($"{what} failed: {ex.Message}", timedOut: false, ex);
                }
            }
        }
    }
}
