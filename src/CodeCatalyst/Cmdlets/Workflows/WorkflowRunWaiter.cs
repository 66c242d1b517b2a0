using System;
using System.Linq;
using System.Management.Automation;
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
            var poller = new StatusPoller<WorkflowRun>(_cmdlet, ProgressActivityId, $"Waiting for workflow run {runId}",
                _options.TimeoutSec, _options.PollIntervalSec);
            var outcome = poller.Poll(
                token => _cmdlet.Api.GetWorkflowRunAsync(new GetWorkflowRunInput { SpaceName = spaceName, ProjectName = projectName, Id = runId }, token),
                run => run.IsTerminal,
                run => run.Status);
            if (outcome.TimedOut)
            {
                WriteTimedOut(runId, outcome.LastSeen);
                return;
            }

            Report(outcome.LastSeen!, outcome.Elapsed);
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
                              $"{Reasons(run)} after {StatusPoller.FormatElapsed(elapsed)} of waiting. Inspect it with Get-CCWorkflowRun -Id {run.Id} " +
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
    }
}
