namespace CodeCatalyst.Emulator.State;

/// <summary>The model's <c>WorkflowRunMode</c> enum values.</summary>
internal static class WorkflowRunModes
{
    public const string Queued = "QUEUED";
    public const string Parallel = "PARALLEL";
    public const string Superseded = "SUPERSEDED";

    public static readonly IReadOnlyList<string> All = [Queued, Parallel, Superseded];
}

/// <summary>The <c>WorkflowRunStatus</c> enum values the emulator produces.</summary>
internal static class WorkflowRunStatuses
{
    public const string Provisioning = "PROVISIONING";
    public const string InProgress = "IN_PROGRESS";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Superseded = "SUPERSEDED";
}
