using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// Reads a response body through a size limit, for every client of the module (the service's and SSO OIDC's):
    /// a huge or endless answer is refused instead of being held in memory, and a read that never completes ends
    /// with its cancellation token even where the stream ignores the token.
    /// </summary>
    internal static class BoundedContent
    {
        /// <summary>The body, or null when it is (or says it will be) larger than <paramref name="limit"/>.</summary>
        public static async Task<byte[]?> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
        {
            var declared = content.Headers.ContentLength;
            if (declared > limit) return null;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            // .NET Framework's response stream ignores the token; closing it is what ends a read that never completes.
            using (cancellationToken.Register(state => ((IDisposable)state!).Dispose(), stream))
            {
                try
                {
                    return declared.HasValue && declared.Value <= int.MaxValue
                        ? await ReadDeclaredLengthAsync(stream, (int)declared.Value, cancellationToken).ConfigureAwait(false)
                        : await ReadToEndWithinAsync(stream, limit, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException) && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        /// <summary>
        /// The services say how long their answers are: read straight into an array of that size, with no growing
        /// buffer and no copy (the usual case, and a per-call cost worth saving).
        /// </summary>
        private static async Task<byte[]> ReadDeclaredLengthAsync(Stream stream, int length, CancellationToken cancellationToken)
        {
            var body = length == 0 ? Array.Empty<byte>() : new byte[length];
            var filled = 0;
            while (filled < length)
            {
                var read = await stream.ReadAsync(body, filled, length - filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // HttpClient reports a connection closed early itself; this is for a stream that does not.
                    throw new IOException($"The connection closed after {filled} of the {length} bytes the response declared.");
                }

                filled += read;
            }

            return body;
        }

        /// <summary>No declared length (chunked): read in pieces, giving up as soon as the limit is passed.</summary>
        private static async Task<byte[]?> ReadToEndWithinAsync(Stream stream, long limit, CancellationToken cancellationToken)
        {
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[16384];
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (read == 0) return buffer.ToArray();
                    if (buffer.Length + read > limit) return null;
                    buffer.Write(chunk, 0, read);
                }
            }
        }
    }
}
