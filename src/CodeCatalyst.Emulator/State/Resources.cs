namespace CodeCatalyst.Emulator.State;

// The in-memory resource tree. Every instance is only touched while holding EmulatorStore's lock; handlers get
// immutable views (the *View records beside each operation) instead.

internal sealed class SpaceState(string name, string regionName)
{
    public string Name { get; } = name;

    public string RegionName { get; } = regionName;

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public SubscriptionState Subscription { get; set; } = new(null, null, null, null);

    public Dictionary<string, ProjectState> Projects { get; } = new(StringComparer.Ordinal);

    /// <summary>The space's activity, oldest first; ListEventLogs reads it.</summary>
    public List<EventLogEntryView> EventLog { get; } = [];
}

internal sealed record SubscriptionState(
    string? SubscriptionType,
    string? AwsAccountName,
    string? PendingSubscriptionType,
    DateTimeOffset? PendingSubscriptionStartTime);

internal sealed class ProjectState(SpaceState space, string name, string id)
{
    public SpaceState Space { get; } = space;

    public string Name { get; } = name;

    /// <summary>The project's UUID; event log entries name it as projectId.</summary>
    public string Id { get; } = id;

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, SourceRepositoryState> SourceRepositories { get; } = new(StringComparer.Ordinal);

    // Ids are UUIDs; clients may send them in either case.
    public Dictionary<string, WorkflowState> Workflows { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, WorkflowRunState> WorkflowRuns { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Client tokens already used by StartWorkflowRun in this project, mapped to the run they created.</summary>
    public Dictionary<string, WorkflowRunState> RunsByClientToken { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DevEnvironmentState> DevEnvironments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Client tokens already used by CreateDevEnvironment in this project, mapped to what they created.</summary>
    public Dictionary<string, DevEnvironmentState> DevEnvironmentsByClientToken { get; } = new(StringComparer.Ordinal);
}

internal sealed class SourceRepositoryState(
    ProjectState project, string name, string id, string? description, DateTimeOffset createdTime)
{
    public ProjectState Project { get; } = project;

    public string Name { get; } = name;

    public string Id { get; } = id;

    public string? Description { get; } = description;

    public DateTimeOffset CreatedTime { get; } = createdTime;

    public DateTimeOffset LastUpdatedTime { get; set; } = createdTime;

    public Dictionary<string, SourceRepositoryBranchState> Branches { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every commit id the repository has had as a branch head. The emulator keeps no history, so these are the
    /// commits a new branch may start from.
    /// </summary>
    public HashSet<string> KnownCommitIds { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed record SourceRepositoryBranchState(string Name, string HeadCommitId, DateTimeOffset LastUpdatedTime);

internal sealed record WorkflowState(
    ProjectState Project,
    string Id,
    string Name,
    string? SourceRepositoryName,
    string? SourceBranchName,
    string DefinitionPath,
    string RunMode,
    string Status,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    TimeSpan ProvisioningTime,
    TimeSpan RunDuration,
    string Outcome);

/// <summary>A CodeCatalyst user the emulator knows (the signed-in one, and any others the data set names).</summary>
internal sealed record UserState(string Id, string UserName, string? DisplayName, string? Email, bool EmailVerified);

/// <summary>A personal access token. Only a hash of its secret is kept: the secret is shown once, at creation.</summary>
internal sealed record AccessTokenState(
    string Id, string Name, DateTimeOffset ExpiresTime, DateTimeOffset CreatedTime, long Sequence, byte[] SecretHash);
