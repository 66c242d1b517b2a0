using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>How a wait ended: what was last read, and whether time ran out before the condition held.</summary>
    internal sealed class PollOutcome<T> where T : class
    {
        public PollOutcome(T? lastSeen, bool timedOut, TimeSpan elapsed)
        {
            LastSeen = lastSeen;
            TimedOut = timedOut;
            Elapsed = elapsed;
        }

        /// <summary>The resource as last read; null only when time ran out before any read succeeded.</summary>
        public T? LastSeen { get; }

        public bool TimedOut { get; }
        public TimeSpan Elapsed { get; }
    }

    /// <summary>
    /// Reads one resource again and again until a condition holds, showing its status with Write-Progress. The
    /// timeout bounds the whole wait, the status requests and their retries included, so a server that stops
    /// answering cannot hold it longer; Ctrl+C ends it at once (the pause between reads uses the same token).
    /// The waiters of workflow runs, dev environments and Amplify jobs share it and decide by themselves what the end means.
    /// </summary>
    internal sealed class StatusPoller<T> where T : class
    {
        private readonly CodeCatalystCmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly int _timeoutSec;
        private readonly int _pollIntervalSec;

        /// <summary>A timeout of 0 waits without a limit.</summary>
        public StatusPoller(CodeCatalystCmdlet cmdlet, int activityId, string activity, int timeoutSec, int pollIntervalSec)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
            _timeoutSec = timeoutSec;
            _pollIntervalSec = pollIntervalSec;
        }

        /// <summary>
        /// Polls until <paramref name="isDone"/> holds or time runs out. Service errors propagate to the caller, which
        /// writes them against its own pipeline item; the progress bar is closed in every case.
        /// </summary>
        public PollOutcome<T> Poll(Func<CancellationToken, Task<T>> read, Func<T, bool> isDone, Func<T, string> describe)
        {
            var stopwatch = Stopwatch.StartNew();
            var timeout = _timeoutSec > 0 ? TimeSpan.FromSeconds(_timeoutSec) : (TimeSpan?)null;
            var progress = new ProgressRecord(_activityId, _activity, "Checking status");

            T? lastSeen = null;
            try
            {
                while (true)
                {
                    T current;
                    try
                    {
                        current = _cmdlet.Run(token => ReadWithinAsync(read, timeout - stopwatch.Elapsed, token));
                    }
                    catch (OperationCanceledException) when (timeout.HasValue)
                    {
                        // The deadline cut a request (or its retries) short. Ctrl+C surfaces as PipelineStoppedException, never here.
                        Complete(progress);
                        return new PollOutcome<T>(lastSeen, true, stopwatch.Elapsed);
                    }

                    lastSeen = current;
                    if (isDone(current))
                    {
                        Complete(progress);
                        return new PollOutcome<T>(current, false, stopwatch.Elapsed);
                    }

                    var elapsed = stopwatch.Elapsed;
                    if (timeout.HasValue && elapsed >= timeout.Value)
                    {
                        Complete(progress);
                        return new PollOutcome<T>(current, true, elapsed);
                    }

                    progress.StatusDescription = $"{describe(current)}, {StatusPoller.FormatElapsed(elapsed)} elapsed";
                    if (timeout.HasValue)
                    {
                        progress.SecondsRemaining = (int)Math.Max(0, (timeout.Value - elapsed).TotalSeconds);
                    }

                    _cmdlet.WriteProgress(progress);

                    var pause = TimeSpan.FromSeconds(_pollIntervalSec);
                    if (timeout.HasValue && timeout.Value - elapsed < pause) pause = timeout.Value - elapsed;
                    _cmdlet.Run(token => Task.Delay(pause, token));
                }
            }
            catch
            {
                Complete(progress);
                throw;
            }
        }

        /// <summary>One read, cancelled when the wait's time is up (its attempts and back-off included).</summary>
        private static async Task<T> ReadWithinAsync(Func<CancellationToken, Task<T>> read, TimeSpan? remaining, CancellationToken cancellationToken)
        {
            if (!remaining.HasValue) return await read(cancellationToken).ConfigureAwait(false);

            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(remaining.Value > TimeSpan.Zero ? remaining.Value : TimeSpan.Zero);
                return await read(deadline.Token).ConfigureAwait(false);
            }
        }

        private void Complete(ProgressRecord progress)
        {
            progress.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(progress);
        }
    }

    /// <summary>What the waiters share beyond the poll loop.</summary>
    internal static class StatusPoller
    {
        /// <summary>An elapsed time as a person reads it: m:ss, or h:mm:ss from an hour on.</summary>
        internal static string FormatElapsed(TimeSpan elapsed) =>
            elapsed.TotalHours >= 1 ? elapsed.ToString(@"h\:mm\:ss") : elapsed.ToString(@"m\:ss");
    }
}
