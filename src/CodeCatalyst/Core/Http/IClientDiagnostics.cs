using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CodeCatalyst.Core.Http
{
    /// <summary>Where the core reports what it is doing. Called from any thread.</summary>
    internal interface IClientDiagnostics
    {
        /// <summary>Whether debug messages are written anywhere; building them (headers and all) is skipped otherwise.</summary>
        bool IsDebugEnabled { get; }

        /// <summary>Whether verbose messages are written anywhere; per-request lines are not built otherwise.</summary>
        bool IsVerboseEnabled { get; }

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
    /// thread PowerShell lets write to its streams. <see cref="Wake"/> wakes the pipeline thread as messages arrive.
    /// Messages of a stream nobody listens to (the preference is SilentlyContinue) are dropped here: queueing them
    /// would only wake the pipeline thread for PowerShell to discard them.
    /// </summary>
    internal sealed class QueuedClientDiagnostics : IClientDiagnostics
    {
        // Made by the first message: most calls queue none, and an empty queue is a kilobyte per call.
        private ConcurrentQueue<(DiagnosticKind Kind, string Message)>? _messages;

        public QueuedClientDiagnostics(ManualResetEventSlim wake, bool verboseEnabled = true, bool debugEnabled = true)
        {
            Wake = wake;
            IsVerboseEnabled = verboseEnabled;
            IsDebugEnabled = debugEnabled;
        }

        /// <summary>Set whenever a message is queued; shared with the work the pipeline thread waits for.</summary>
        public ManualResetEventSlim Wake { get; }

        public bool IsDebugEnabled { get; }

        public bool IsVerboseEnabled { get; }

        public void Verbose(string message)
        {
            if (IsVerboseEnabled) Enqueue(DiagnosticKind.Verbose, message);
        }

        public void Debug(string message)
        {
            if (IsDebugEnabled) Enqueue(DiagnosticKind.Debug, message);
        }

        public void Warning(string message) => Enqueue(DiagnosticKind.Warning, message);

        public bool TryDequeue(out (DiagnosticKind Kind, string Message) message)
        {
            var messages = Volatile.Read(ref _messages);
            if (messages != null) return messages.TryDequeue(out message);
            message = default;
            return false;
        }

        private void Enqueue(DiagnosticKind kind, string message)
        {
            var messages = Volatile.Read(ref _messages);
            if (messages == null)
            {
                Interlocked.CompareExchange(ref _messages, new ConcurrentQueue<(DiagnosticKind, string)>(), null);
                messages = _messages!;
            }

            messages.Enqueue((kind, message));
            try
            {
                Wake.Set();
            }
            catch (ObjectDisposedException)
            {
                // The cmdlet has finished (e.g. after Ctrl+C) while a cancelled request was still unwinding.
            }
        }
    }
}
