using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// A loopback server for GetWorkflowRun that answers each run id after a delay of the test's choosing (or with
    /// 404 ResourceNotFound, or never), and records how many requests were in flight at once, the order it answered
    /// them in, and how many the client abandoned.
    /// </summary>
    public sealed class DelayingRunStub : LoopbackServer
    {
        private static readonly Regex RunPath = new(@"^GET /v1/spaces/([^/]+)/projects/([^/]+)/workflowRuns/([^ /?]+) ", RegexOptions.CultureInvariant);

        private readonly Func<string, TimeSpan?> _delayFor;
        private readonly Func<string, bool> _isMissing;
        private int _inFlight;
        private int _maxInFlight;
        private int _abandoned;

        /// <param name="delayFor">How long to wait before answering a run id; null never answers.</param>
        /// <param name="isMissing">Ids answered with 404 ResourceNotFoundException (after their delay).</param>
        public DelayingRunStub(Func<string, TimeSpan?> delayFor, Func<string, bool>? isMissing = null)
        {
            _delayFor = delayFor;
            _isMissing = isMissing ?? (_ => false);
            Start();
        }

        /// <summary>The most requests the server held at the same moment.</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public int InFlight => Volatile.Read(ref _inFlight);

        /// <summary>Requests whose connection the client closed before the answer (Ctrl+C).</summary>
        public int Abandoned => Volatile.Read(ref _abandoned);

        public ConcurrentQueue<string> Received { get; } = new();

        public ConcurrentQueue<string> AnsweredInOrder { get; } = new();

        protected override async Task ServeAsync(NetworkStream stream)
        {
            var buffer = new byte[16384];
            var head = new StringBuilder();
            try
            {
                while (!head.ToString().Contains("\r\n\r\n"))
                {
                    var read = await stream.ReadAsync(buffer, Stopping);
                    if (read == 0) return;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
            }
            catch
            {
                return;
            }

            var match = RunPath.Match(head.ToString());
            var id = match.Success ? Uri.UnescapeDataString(match.Groups[3].Value) : "";
            Received.Enqueue(id);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            var counted = true;
            try
            {
                var delay = _delayFor(id);
                // Reading while waiting notices a client that gives up (its read returns 0).
                var closed = stream.ReadAsync(buffer, Stopping).AsTask();
                var wait = delay.HasValue ? Task.Delay(delay.Value, Stopping) : Task.Delay(Timeout.Infinite, Stopping);
                if (await Task.WhenAny(closed, wait) == closed)
                {
                    Interlocked.Increment(ref _abandoned);
                    return;
                }

                await wait;
                var missing = _isMissing(id);
                var body = missing
                    ? $"{{\"message\":\"Workflow run {id} was not found.\"}}"
                    : $"{{\"spaceName\":\"{match.Groups[1].Value}\",\"projectName\":\"{match.Groups[2].Value}\",\"id\":\"{id}\"," +
                      "\"workflowId\":\"9c7a4e52-3b1f-4d8e-a0c6-5f2e7d1b8a93\",\"status\":\"SUCCEEDED\",\"statusReasons\":[]," +
                      "\"startTime\":\"2026-01-15T09:30:00.000Z\",\"lastUpdatedTime\":\"2026-01-15T09:34:12.345Z\"}";
                var bytes = Encoding.UTF8.GetBytes(body);
                var status = missing ? "404 Not Found\r\nx-amzn-ErrorType: ResourceNotFoundException" : "200 OK";
                var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nx-amzn-RequestId: stub-{id}\r\n" +
                               $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                AnsweredInOrder.Enqueue(id);
                // No longer in flight once answered: the client may start its next request as soon as it reads this.
                Interlocked.Decrement(ref _inFlight);
                counted = false;
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), Stopping);
                await stream.WriteAsync(bytes, Stopping);
            }
            catch
            {
                // The client went away or the stub is stopping.
            }
            finally
            {
                if (counted) Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
