namespace CodeCatalyst.Emulator.State;

/// <summary>What a run looks like at one instant.</summary>
internal sealed record WorkflowRunSnapshot(
    string Status, DateTimeOffset LastUpdatedTime, DateTimeOffset? EndTime, bool HasFailureReason);

/// <summary>
/// A workflow run as a fixed timeline. Instead of timers moving runs along, the run stores when each phase
/// begins and its status is read off the clock, so a paused or fake clock gives exact, repeatable answers.
/// </summary>
internal sealed class WorkflowRunState(
    WorkflowState workflow,
    string id,
    long sequence,
    DateTimeOffset startTime,
    DateTimeOffset inProgressAt,
    DateTimeOffset finishesAt,
    string outcome)
{
    public WorkflowState Workflow { get; } = workflow;

    public string Id { get; } = id;

    /// <summary>Creation order, to keep runs started in the same millisecond in a stable order.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>When the run was requested; it reports PROVISIONING from here (also while it waits in a queue).</summary>
    public DateTimeOffset StartTime { get; } = startTime;

    public DateTimeOffset InProgressAt { get; } = inProgressAt;

    public DateTimeOffset FinishesAt { get; } = finishesAt;

    /// <summary>SUCCEEDED or FAILED: where the run ends unless a newer run supersedes it first.</summary>
    public string Outcome { get; } = outcome;

    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>The moment the run stops being active, however it ends.</summary>
    public DateTimeOffset EffectiveEndTime => SupersededAt ?? FinishesAt;

    public bool IsActiveAt(DateTimeOffset now) => now < EffectiveEndTime;

    public void Supersede(DateTimeOffset now)
    {
        if (IsActiveAt(now))
        {
            SupersededAt = now;
        }
    }

    public WorkflowRunSnapshot SnapshotAt(DateTimeOffset now)
    {
        if (SupersededAt is { } supersededAt && now >= supersededAt)
        {
            return new WorkflowRunSnapshot(WorkflowRunStatuses.Superseded, supersededAt, supersededAt, false);
        }

        if (now < InProgressAt)
        {
            return new WorkflowRunSnapshot(WorkflowRunStatuses.Provisioning, StartTime, null, false);
        }

        if (now < FinishesAt)
        {
            return new WorkflowRunSnapshot(WorkflowRunStatuses.InProgress, InProgressAt, null, false);
        }

        return new WorkflowRunSnapshot(Outcome, FinishesAt, FinishesAt, Outcome == WorkflowRunStatuses.Failed);
    }
}
