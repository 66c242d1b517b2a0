using System;
using System.Collections.Concurrent;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// The simplest scripted stub: each request's head is recorded and answered 200 with a JSON body, or never
    /// answered at all. For what the emulator must not do: hang, or send members and values the model does not
    /// know yet.
    /// </summary>
    public sealed class RawHttpStub : IDisposable
    {
        private readonly ScriptedHttpStub _stub;

        /// <param name="respond">Given the request head, the JSON body to answer 200 with; null to never answer.</param>
        public RawHttpStub(Func<string, string?> respond)
        {
            _stub = new ScriptedHttpStub(request =>
            {
                RequestHeads.Enqueue(request.Head);
                var body = respond(request.Head);
                return body == null ? StubResponse.Never() : StubResponse.Json(body, 200, ("x-amzn-RequestId", "stub-request"));
            });
        }

        public Uri BaseAddress => _stub.BaseAddress;

        public ConcurrentQueue<string> RequestHeads { get; } = new();

        public void Dispose() => _stub.Dispose();
    }
}
