using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace CodeCatalyst.Models
{
    /// <summary>
    /// One reason attached to a run's status. The service model gives it no members yet, so whatever the service
    /// sends is kept as name/value pairs rather than dropped.
    /// </summary>
    public sealed partial class WorkflowRunStatusReason
    {
        [JsonExtensionData]
        public IDictionary<string, object>? AdditionalData { get; set; }

        public override string ToString() =>
            AdditionalData == null || AdditionalData.Count == 0
                ? "(no details)"
                : string.Join("; ", AdditionalData.Select(pair => pair.Key + "=" + pair.Value));
    }

    /// <summary>
    /// What every run object knows: where the run lives and its id. Lets cmdlets take any of them from the
    /// pipeline as a run (not as a workflow, which also has an Id).
    /// </summary>
    public interface IWorkflowRunReference
    {
        string SpaceName { get; }
        string ProjectName { get; }
        string Id { get; }
        string WorkflowId { get; }
    }

    // The generated run types (Wire/Generated/Models.g.cs) carry the wire members; these parts add what scripts use.

    public sealed partial class WorkflowRunSummary : IWorkflowRunReference
    {
    }

    public sealed partial class WorkflowRun : IWorkflowRunReference
    {
        /// <summary>True once the run can no longer change status.</summary>
        public bool IsTerminal => WorkflowRunStatus.IsTerminal(Status);
    }

    public sealed partial class WorkflowRunStartResult : IWorkflowRunReference
    {
    }

    /// <summary>
    /// The run statuses the service documents. Status properties stay strings so a status added later by the
    /// service passes through instead of failing deserialization.
    /// </summary>
    public static class WorkflowRunStatus
    {
        public const string Succeeded = "SUCCEEDED";
        public const string Failed = "FAILED";
        public const string Stopped = "STOPPED";
        public const string Superseded = "SUPERSEDED";
        public const string Cancelled = "CANCELLED";
        public const string NotRun = "NOT_RUN";
        public const string Validating = "VALIDATING";
        public const string Provisioning = "PROVISIONING";
        public const string InProgress = "IN_PROGRESS";
        public const string Stopping = "STOPPING";
        public const string Abandoned = "ABANDONED";

        private static readonly string[] TerminalStatuses =
            { Succeeded, Failed, Stopped, Superseded, Cancelled, NotRun, Abandoned };

        private static readonly string[] UnsuccessfulStatuses = { Failed, Stopped, Cancelled, Abandoned };

        private static readonly string[] NotRunStatuses = { Superseded, NotRun };

        /// <summary>
        /// Unknown statuses count as not terminal: waiting longer on a new in-flight status is safer than
        /// reporting a run as finished when it is not.
        /// </summary>
        public static bool IsTerminal(string? status) => Contains(TerminalStatuses, status);

        public static bool IsUnsuccessful(string? status) => Contains(UnsuccessfulStatuses, status);

        public static bool IsNotRun(string? status) => Contains(NotRunStatuses, status);

        private static bool Contains(string[] statuses, string? status) =>
            status != null && Array.IndexOf(statuses, status.ToUpperInvariant()) >= 0;
    }
}
