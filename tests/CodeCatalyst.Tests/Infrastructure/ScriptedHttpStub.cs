using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>One request as the stub received it.</summary>
    public sealed class StubRequest
    {
        public StubRequest(string head)
        {
            Head = head;
            var requestLine = head.Split("\r\n")[0].Split(' ');
            Method = requestLine[0];
            Target = requestLine.Length > 1 ? requestLine[1] : "";
            foreach (var line in head.Split("\r\n").Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) Headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
        }

        public string Head { get; }
        public string Method { get; }

        /// <summary>Path and query, as sent.</summary>
        public string Target { get; }

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The request body as text; empty when there was none.</summary>
        public string Body { get; internal set; } = "";

        public string? Query(string name)
        {
            var question = Target.IndexOf('?');
            if (question < 0) return null;
            foreach (var pair in Target.Substring(question + 1).Split('&'))
            {
                var parts = pair.Split('=', 2);
                if (Uri.UnescapeDataString(parts[0]) == name) return parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            }

            return null;
        }
    }

    /// <summary>What the stub answers: a status, headers and a body, or a body written slowly, or nothing at all.</summary>
    public sealed class StubResponse
    {
        public int Status { get; init; } = 200;
        public string Reason { get; init; } = "OK";
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();
        public byte[] Body { get; init; } = Array.Empty<byte>();

        /// <summary>Writes the body itself (with Transfer-Encoding: chunked) instead of <see cref="Body"/>.</summary>
        public Func<Stream, CancellationToken, Task>? StreamBody { get; init; }

        /// <summary>Declare this Content-Length, send <see cref="Body"/>, then send nothing more.</summary>
        public long? DeclaredLength { get; init; }

        /// <summary>Accept the request and never answer.</summary>
        public bool Hang { get; init; }

        public static StubResponse Never() => new() { Hang = true };

        public static StubResponse Json(string json, int status = 200, params (string Name, string Value)[] headers) => new()
        {
            Status = status,
            Reason = status == 200 ? "OK" : "Error",
            Body = Encoding.UTF8.GetBytes(json),
            Headers = new[] { new KeyValuePair<string, string>("Content-Type", "application/json") }
                .Concat(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))).ToList(),
        };
    }

    /// <summary>
    /// A loopback HTTP/1.1 server whose every answer the test scripts: any status, headers and body, a body of any
    /// size streamed in chunks, or no answer at all. For the server behaviour the emulator must never show.
    /// </summary>
    public sealed class ScriptedHttpStub : LoopbackServer
    {
        private readonly Func<StubRequest, StubResponse> _respond;

        public ScriptedHttpStub(Func<StubRequest, StubResponse> respond)
        {
            _respond = respond;
            Start();
        }

        public ConcurrentQueue<StubRequest> Requests { get; } = new();

        protected override async Task ServeAsync(NetworkStream stream)
        {
            try
            {
                var received = new MemoryStream();
                var buffer = new byte[16384];
                int headEnd;
                while ((headEnd = IndexOfHeadEnd(received)) < 0)
                {
                    var read = await stream.ReadAsync(buffer, Stopping);
                    if (read == 0) return;
                    received.Write(buffer, 0, read);
                }

                var request = new StubRequest(Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd));
                // Read the request body too, so closing the connection afterwards cannot reset it under the client.
                var bodyLength = request.Headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0;
                var have = (int)received.Length - (headEnd + 4);
                while (have < bodyLength)
                {
                    var read = await stream.ReadAsync(buffer, Stopping);
                    if (read == 0) return;
                    received.Write(buffer, 0, read);
                    have += read;
                }

                request.Body = Encoding.UTF8.GetString(received.GetBuffer(), headEnd + 4, bodyLength);

                Requests.Enqueue(request);
                var response = _respond(request);
                if (response.Hang)
                {
                    await Task.Delay(Timeout.Infinite, Stopping);
                    return;
                }

                var head = new StringBuilder($"HTTP/1.1 {response.Status} {response.Reason}\r\n");
                foreach (var header in response.Headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
                head.Append(response.StreamBody != null ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {response.DeclaredLength ?? response.Body.Length}\r\n");
                head.Append("Connection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), Stopping);
                if (response.StreamBody != null)
                {
                    await response.StreamBody(new ChunkedStream(stream), Stopping);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"), Stopping);
                }
                else
                {
                    await stream.WriteAsync(response.Body, Stopping);
                    if (response.DeclaredLength > response.Body.Length) await Task.Delay(Timeout.Infinite, Stopping);
                }
            }
            catch
            {
                // The client went away (as it should, from an oversized or endless answer) or the stub is stopping.
            }
        }

        private static int IndexOfHeadEnd(MemoryStream received)
        {
            var bytes = received.GetBuffer();
            for (var i = 0; i + 3 < received.Length; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
            }

            return -1;
        }

        /// <summary>Frames each write as one HTTP chunk.</summary>
        private sealed class ChunkedStream : Stream
        {
            private readonly Stream _inner;

            public ChunkedStream(Stream inner) => _inner = inner;

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (buffer.Length == 0) return;
                await _inner.WriteAsync(Encoding.ASCII.GetBytes(buffer.Length.ToString("x") + "\r\n"), cancellationToken);
                await _inner.WriteAsync(buffer, cancellationToken);
                await _inner.WriteAsync(Encoding.ASCII.GetBytes("\r\n"), cancellationToken);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
            public override void Flush() => _inner.Flush();
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
