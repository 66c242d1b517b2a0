using System;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>
    /// Polls a dev environment until it reaches a status waited for, or one it cannot come back from (FAILED,
    /// DELETING, DELETED), then writes it and, in the second case, an error carrying it. Shared by
    /// Wait-CCDevEnvironment and Start-/Stop-CCDevEnvironment -Wait.
    /// </summary>
    internal sealed class DevEnvironmentWaiter
    {
        private const int ProgressActivityId = 4130;

        /// <summary>What Wait-CCDevEnvironment waits for: either settled status.</summary>
        public static readonly string[] Settled = { DevEnvironmentStatus.Running, DevEnvironmentStatus.Stopped };

        private readonly CodeCatalystServiceCmdlet _cmdlet;
        private readonly int _timeoutSec;
        private readonly int _pollIntervalSec;

        public DevEnvironmentWaiter(CodeCatalystServiceCmdlet cmdlet, int timeoutSec, int pollIntervalSec)
        {
            _cmdlet = cmdlet;
            _timeoutSec = timeoutSec;
            _pollIntervalSec = pollIntervalSec;
        }

        /// <summary>
        /// Waits for one of <paramref name="wanted"/>. A start or stop waits for its own end status only: right after
        /// the request the service may still report the status before it. Service errors propagate to the caller.
        /// </summary>
        public void Wait(string? spaceName, string? projectName, string id, string[] wanted)
        {
            var goal = string.Join(" or ", wanted);
            var poller = new StatusPoller<DevEnvironment>(_cmdlet, ProgressActivityId, $"Waiting for dev environment {id} to be {goal}",
                _timeoutSec, _pollIntervalSec);
            var outcome = poller.Poll(
                token => _cmdlet.Api.GetDevEnvironmentAsync(new GetDevEnvironmentInput { SpaceName = spaceName, ProjectName = projectName, Id = id }, token),
                environment => DevEnvironmentStatus.Contains(wanted, environment.Status) || DevEnvironmentStatus.IsFailure(environment.Status),
                environment => environment.Status);
            if (outcome.TimedOut)
            {
                WriteTimedOut(id, goal, outcome.LastSeen);
                return;
            }

            var reached = outcome.LastSeen!;
            _cmdlet.WriteObject(reached);
            if (DevEnvironmentStatus.IsFailure(reached.Status)) WriteFailed(reached, goal, outcome.Elapsed);
        }

        private void WriteFailed(DevEnvironment environment, string goal, TimeSpan elapsed)
        {
            var failed = string.Equals(environment.Status, DevEnvironmentStatus.Failed, StringComparison.OrdinalIgnoreCase);
            var reason = string.IsNullOrEmpty(environment.StatusReason) ? "" : $" ({environment.StatusReason})";
            var advice = failed
                ? $"Inspect it with Get-CCDevEnvironment -Id {environment.Id} or in the CodeCatalyst console; Start-CCDevEnvironment tries it again."
                : "It is being deleted and will not come back; create another with New-CCDevEnvironment.";
            var message = $"Dev environment {Describe(environment)} is {environment.Status}{reason} after " +
                          $"{StatusPoller.FormatElapsed(elapsed)} of waiting for {goal}. {advice}";
            _cmdlet.WriteError(ErrorRecordFactory.Create(
                new CodeCatalystDevEnvironmentException(message, environment,
                    failed ? "DevEnvironmentFailed" : "DevEnvironmentDeleted",
                    failed ? ErrorCategory.InvalidResult : ErrorCategory.OperationStopped),
                environment));
        }

        private void WriteTimedOut(string id, string goal, DevEnvironment? environment)
        {
            var state = environment == null
                ? "no status was received from the service in that time (check the endpoint and your network; -RequestTimeoutSec bounds each request)"
                : $"it was still {environment.Status} (last updated {environment.LastUpdatedTime:u})";
            var message =
                $"Dev environment {(environment == null ? id : Describe(environment))} was not {goal} within {_timeoutSec} s: {state}. " +
                $"It is not changed by this; wait again with Wait-CCDevEnvironment -Id {id}, or raise -TimeoutSec.";
            _cmdlet.WriteError(ErrorRecordFactory.Create(
                new CodeCatalystDevEnvironmentException(message, environment, "DevEnvironmentWaitTimedOut", ErrorCategory.OperationTimeout),
                (object?)environment ?? id));
        }

        private static string Describe(DevEnvironment environment) =>
            string.IsNullOrEmpty(environment.Alias) ? environment.Id : $"{environment.Id} ({environment.Alias})";
    }
}
