using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// A bare HTTP/1.1 server on loopback that records each request's head and answers with a fixed response,
    /// or never answers at all. For what the emulator must not do: hang, or send members and values the model
    /// does not know yet.
    /// </summary>
    public sealed class RawHttpStub : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<string, string?> _respond;

        /// <param name="respond">Given the request head, the JSON body to answer 200 with; null to never answer.</param>
        public RawHttpStub(Func<string, string?> respond)
        {
            _respond = respond;
            _listener.Start();
            _ = AcceptLoopAsync();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public ConcurrentQueue<string> RequestHeads { get; } = new();

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch
                {
                    return;
                }

                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[16384];
                var head = new StringBuilder();
                try
                {
                    while (!head.ToString().Contains("\r\n\r\n"))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0) return;
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var text = head.ToString();
                    RequestHeads.Enqueue(text);
                    var body = _respond(text);
                    if (body == null)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }

                    var bytes = Encoding.UTF8.GetBytes(body);
                    var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: stub-request\r\n" +
                                   $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
                    await stream.WriteAsync(bytes, _stop.Token);
                }
                catch
                {
                    // The client went away or the stub is stopping.
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
