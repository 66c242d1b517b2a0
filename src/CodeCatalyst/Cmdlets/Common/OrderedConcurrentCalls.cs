using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Runs one service call per input, up to a limit at a time, and writes the results in input order: each as
    /// soon as it and everything before it are done. A failed call is its own non-terminating error with its input
    /// as target. All writing happens on the pipeline thread (in <see cref="Add"/> and <see cref="Drain"/>),
    /// which also writes the calls' diagnostics while it waits.
    /// </summary>
    internal sealed class OrderedConcurrentCalls<T>
    {
        private readonly CodeCatalystCmdlet _cmdlet;
        private readonly int _limit;
        private readonly Action<T> _write;
        private readonly Func<bool> _mayOverlap;
        private readonly Queue<(object Target, Task<T> Call)> _pending = new Queue<(object, Task<T>)>();
        private int _running;

        /// <param name="cmdlet">Whose cancellation, diagnostics and error writing the calls use.</param>
        /// <param name="limit">The most calls in flight at once; 1 runs them one after another.</param>
        /// <param name="write">Writes one result (WriteObject).</param>
        /// <param name="mayOverlap">
        /// False while a second call must wait for the first, e.g. until the token has been resolved once, so that
        /// one slow SSO refresh is not started eight times.
        /// </param>
        public OrderedConcurrentCalls(CodeCatalystCmdlet cmdlet, int limit, Action<T> write, Func<bool> mayOverlap)
        {
            _cmdlet = cmdlet;
            _limit = Math.Max(1, limit);
            _write = write;
            _mayOverlap = mayOverlap;
        }

        /// <summary>Starts the call, then waits while the limit is reached, writing whatever is ready in order.</summary>
        public void Add(object target, Func<CancellationToken, Task<T>> call)
        {
            Guard(() =>
            {
                _pending.Enqueue((target, _cmdlet.Start(call)));
                _running++;
                WriteReady();
                while (_running >= _limit || (_running > 0 && !_mayOverlap()))
                {
                    _cmdlet.WaitForWork();
                    WriteReady();
                }
            });
        }

        /// <summary>Waits for every call still pending and writes the rest (EndProcessing).</summary>
        public void Drain()
        {
            Guard(() =>
            {
                WriteReady();
                while (_pending.Count > 0)
                {
                    _cmdlet.WaitForWork();
                    WriteReady();
                }
            });
        }

        private void WriteReady()
        {
            _running = 0;
            foreach (var entry in _pending)
            {
                if (!entry.Call.IsCompleted) _running++;
            }

            while (_pending.Count > 0 && _pending.Peek().Call.IsCompleted)
            {
                var (target, call) = _pending.Dequeue();
                T result;
                try
                {
                    result = call.GetAwaiter().GetResult();
                }
                catch (CodeCatalystException exception)
                {
                    _cmdlet.WriteFailure(exception, target);
                    continue;
                }

                _write(result);
            }
        }

        /// <summary>
        /// Ctrl+C stops the command at once; any other way out (a terminating error, a downstream Select-Object
        /// -First) cancels the calls still in flight, since nothing will write their results.
        /// </summary>
        private void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (OperationCanceledException) when (_cmdlet.IsStopping)
            {
                _cmdlet.FlushDiagnostics();
                throw new PipelineStoppedException();
            }
            catch
            {
                _pending.Clear();
                _cmdlet.CancelOutstandingWork();
                throw;
            }
        }
    }
}
