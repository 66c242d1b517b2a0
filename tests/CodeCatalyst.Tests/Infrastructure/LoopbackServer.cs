using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// What every test server on loopback shares: a free port, an accept loop that serves each connection on its
    /// own, and a stop that ends every connection still open. Subclasses decide how to answer.
    /// </summary>
    public abstract class LoopbackServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        /// <summary>Cancelled when the server is disposed; every read, write and wait of a connection uses it.</summary>
        protected CancellationToken Stopping => _stop.Token;

        /// <summary>Called by the subclass once its own fields are set, so no connection sees it half-built.</summary>
        protected void Start()
        {
            _listener.Start();
            _ = AcceptLoopAsync();
        }

        /// <summary>Serves one connection; the base class disposes it afterwards.</summary>
        protected abstract Task ServeAsync(NetworkStream stream);

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

                _ = ServeAndCloseAsync(client);
            }
        }

        private async Task ServeAndCloseAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    await ServeAsync(client.GetStream());
                }
                catch
                {
                    // The client went away or the server is stopping.
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            GC.SuppressFinalize(this);
        }
    }
}
