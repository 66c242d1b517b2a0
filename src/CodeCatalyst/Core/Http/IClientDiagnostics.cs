using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CodeCatalyst.Core.Http
{
    /// <summary>Where the core reports what it is doing. Called from any thread.</summary>
    internal interface IClientDiagnostics
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }

    internal enum DiagnosticKind
    {
        Verbose,
        Debug,
        Warning,
    }

    /// <summary>
    /// Collects diagnostics raised on pool threads so the cmdlet can write them on the pipeline thread, the only
    /// thread PowerShell lets write to its streams. <see cref="Signal"/> wakes the pipeline thread as messages arrive.
    /// </summary>
    internal sealed class QueuedClientDiagnostics : IClientDiagnostics
    {
        private readonly ConcurrentQueue<(DiagnosticKind Kind, string Message)> _messages =
            new ConcurrentQueue<(DiagnosticKind, string)>();

        public AutoResetEvent Signal { get; } = new AutoResetEvent(false);

        public void Verbose(string message) => Enqueue(DiagnosticKind.Verbose, message);
        public void Debug(string message) => Enqueue(DiagnosticKind.Debug, message);
        public void Warning(string message) => Enqueue(DiagnosticKind.Warning, message);

        public bool TryDequeue(out (DiagnosticKind Kind, string Message) message) => _messages.TryDequeue(out message);

        private void Enqueue(DiagnosticKind kind, string message)
        {
            _messages.Enqueue((kind, message));
            try
            {
                Signal.Set();
            }
            catch (ObjectDisposedException)
            {
                // The cmdlet has finished (e.g. after Ctrl+C) while a cancelled request was still unwinding.
            }
        }
    }
}
