using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Workflows
{
    /// <summary>How long and how often to poll, and whether a run that never ran counts as a failure.</summary>
    internal sealed class WaitOptions
    {
        public int TimeoutSec { get; set; }
        public int PollIntervalSec { get; set; }
        public bool ErrorOnSuperseded { get; set; }
    }

    /// <summary>
    /// Polls a run until it reaches a terminal status, showing progress, then writes the run and, when it did not
    /// succeed, an error carrying it. Shared by Wait-CCWorkflowRun and Start-CCWorkflowRun -Wait.
    /// </summary>
    internal sealed class WorkflowRunWaiter
    {
        private const int ProgressActivityId = 4120;
        private readonly CodeCatalystServiceCmdlet _cmdlet;
        private readonly WaitOptions _options;

        public WorkflowRunWaiter(CodeCatalystServiceCmdlet cmdlet, WaitOptions options)
        {
            _cmdlet = cmdlet;
            _options = options;
        }

        /// <summary>Service errors propagate to the caller, which writes them against its own pipeline item.</summary>
        public void Wait(string? spaceName, string? projectName, string runId)
        {
            var stopwatch = Stopwatch.StartNew();
            var timeout = _options.TimeoutSec > 0 ? TimeSpan.FromSeconds(_options.TimeoutSec) : (TimeSpan?)null;
            var progress = new ProgressRecord(ProgressActivityId, $"Waiting for workflow run {runId}", "Checking status");

            WorkflowRun? lastSeen = null;
            try
            {
                while (true)
                {
                    WorkflowRun run;
                    try
                    {
                        run = _cmdlet.Run(token => GetRunWithinAsync(spaceName, projectName, runId, timeout - stopwatch.Elapsed, token));
                    }
                    catch (OperationCanceledException) when (timeout.HasValue)
                    {
                        // The whole wait is bounded, requests and their retries included: the deadline cut one short.
                        // (Ctrl+C surfaces as PipelineStoppedException, never here.)
                        Complete(progress);
                        WriteTimedOut(runId, lastSeen);
                        return;
                    }

                    lastSeen = run;
                    if (run.IsTerminal)
                    {
                        Complete(progress);
                        Report(run, stopwatch.Elapsed);
                        return;
                    }

                    var elapsed = stopwatch.Elapsed;
                    if (timeout.HasValue && elapsed >= timeout.Value)
                    {
                        Complete(progress);
                        WriteTimedOut(runId, run);
                        return;
                    }

                    progress.StatusDescription = $"{run.Status}, {FormatElapsed(elapsed)} elapsed";
                    if (timeout.HasValue)
                    {
                        progress.SecondsRemaining = (int)Math.Max(0, (timeout.Value - elapsed).TotalSeconds);
                    }

                    _cmdlet.WriteProgress(progress);

                    var pause = TimeSpan.FromSeconds(_options.PollIntervalSec);
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

        /// <summary>One status request, cancelled when the wait's time is up (its attempts and back-off included).</summary>
        private async Task<WorkflowRun> GetRunWithinAsync(string? spaceName, string? projectName, string runId, TimeSpan? remaining,
            CancellationToken cancellationToken)
        {
            if (!remaining.HasValue)
            {
                return await _cmdlet.Api.GetWorkflowRunAsync(new GetWorkflowRunInput { SpaceName = spaceName, ProjectName = projectName, Id = runId }, cancellationToken).ConfigureAwait(false);
            }

            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(remaining.Value > TimeSpan.Zero ? remaining.Value : TimeSpan.Zero);
                return await _cmdlet.Api.GetWorkflowRunAsync(new GetWorkflowRunInput { SpaceName = spaceName, ProjectName = projectName, Id = runId }, deadline.Token).ConfigureAwait(false);
            }
        }

        private void WriteTimedOut(string runId, WorkflowRun? run)
        {
            var state = run == null
                ? "no status was received from the service in that time (check the endpoint and your network; -RequestTimeoutSec bounds each request)"
                : $"it was still {run.Status} (started {run.StartTime:u}, last updated {run.LastUpdatedTime:u})";
            var message =
                $"Workflow run {runId} did not finish within {_options.TimeoutSec} s: {state}. It goes on running; wait again with " +
                $"Wait-CCWorkflowRun -Id {runId}, or raise -TimeoutSec.";
            _cmdlet.WriteError(ErrorRecordFactory.Create(
                new CodeCatalystWorkflowRunException(message, run, "WorkflowRunWaitTimedOut", ErrorCategory.OperationTimeout),
                (object?)run ?? runId));
        }

        private void Report(WorkflowRun run, TimeSpan elapsed)
        {
            _cmdlet.WriteObject(run);
            if (WorkflowRunStatus.IsUnsuccessful(run.Status))
            {
                var category = string.Equals(run.Status, WorkflowRunStatus.Failed, StringComparison.OrdinalIgnoreCase)
                    ? ErrorCategory.InvalidResult
                    : ErrorCategory.OperationStopped;
                var message = $"Workflow run {run.Id} of workflow {run.WorkflowId} ended {run.Status}" +
                              $"{Reasons(run)} after {FormatElapsed(elapsed)} of waiting. Inspect it with Get-CCWorkflowRun -Id {run.Id} " +
                              "or in the CodeCatalyst console.";
                _cmdlet.WriteError(ErrorRecordFactory.Create(
                    new CodeCatalystWorkflowRunException(message, run, "WorkflowRunFailed", category), run));
            }
            else if (WorkflowRunStatus.IsNotRun(run.Status))
            {
                var message = $"Workflow run {run.Id} of workflow {run.WorkflowId} ended {run.Status}{Reasons(run)}: " +
                              "it did not run to completion, typically because a newer run of the same workflow replaced it.";
                if (_options.ErrorOnSuperseded)
                {
                    _cmdlet.WriteError(ErrorRecordFactory.Create(
                        new CodeCatalystWorkflowRunException(message, run, "WorkflowRunNotRun", ErrorCategory.OperationStopped), run));
                }
                else
                {
                    _cmdlet.WriteWarning(message);
                }
            }
        }

        private static string Reasons(WorkflowRun run) =>
            run.StatusReasons == null || run.StatusReasons.Count == 0
                ? ""
                : " (status reasons: " + string.Join(" | ", run.StatusReasons.Select(reason => reason.ToString())) + ")";

        private void Complete(ProgressRecord progress)
        {
            progress.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(progress);
        }

        private static string FormatElapsed(TimeSpan elapsed) =>
            elapsed.TotalHours >= 1 ? elapsed.ToString(@"h\:mm\:ss") : elapsed.ToString(@"m\:ss");
    }
}
