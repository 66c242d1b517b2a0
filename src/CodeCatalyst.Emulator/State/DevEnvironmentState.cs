namespace CodeCatalyst.Emulator.State;

/// <summary>A source repository (and optionally a branch) cloned into a dev environment.</summary>
internal sealed record DevEnvironmentRepository(string RepositoryName, string? BranchName = null);

/// <summary>The IDE a dev environment is set up for; the model allows at most one.</summary>
internal sealed record DevEnvironmentIde(string? Name, string? Runtime = null);

/// <summary>The settings a dev environment is created with (CreateDevEnvironment's body).</summary>
internal sealed record NewDevEnvironment(
    string InstanceType,
    int PersistentStorageSizeInGiB,
    IReadOnlyList<DevEnvironmentRepository>? Repositories = null,
    IReadOnlyList<DevEnvironmentIde>? Ides = null,
    string? Alias = null,
    int? InactivityTimeoutMinutes = null,
    string? VpcConnectionName = null,
    string? ClientToken = null)
{
    /// <summary>Whether a retry with the same client token asks for the same thing (records compare lists by reference).</summary>
    public bool SameRequestAs(NewDevEnvironment other) =>
        InstanceType == other.InstanceType
        && PersistentStorageSizeInGiB == other.PersistentStorageSizeInGiB
        && Alias == other.Alias
        && InactivityTimeoutMinutes == other.InactivityTimeoutMinutes
        && VpcConnectionName == other.VpcConnectionName
        && (Repositories ?? []).SequenceEqual(other.Repositories ?? [])
        && (Ides ?? []).SequenceEqual(other.Ides ?? []);
}

/// <summary>What UpdateDevEnvironment changes; a null member is left as it is. An empty alias removes the alias.</summary>
internal sealed record DevEnvironmentChanges(
    string? Alias = null,
    IReadOnlyList<DevEnvironmentIde>? Ides = null,
    string? InstanceType = null,
    int? InactivityTimeoutMinutes = null,
    string? ClientToken = null);

/// <summary>A status and the moment it begins.</summary>
internal sealed record DevEnvironmentPhase(string Status, DateTimeOffset BeginsAt);

/// <summary>
/// A dev environment. Like a workflow run, its status is read off a timeline planned by the last action
/// (create, start, stop, update, delete) rather than moved along by timers, so a fake clock gives exact answers.
/// </summary>
internal sealed class DevEnvironmentState(
    ProjectState project,
    string id,
    long sequence,
    string creatorId,
    DateTimeOffset createdTime,
    IReadOnlyList<DevEnvironmentRepository> repositories,
    int persistentStorageSizeInGiB,
    string? vpcConnectionName)
{
    private List<DevEnvironmentPhase> phases = [new(DevEnvironmentStatuses.Stopped, createdTime)];

    public ProjectState Project { get; } = project;

    public string Id { get; } = id;

    /// <summary>Creation order: listings return dev environments oldest first.</summary>
    public long Sequence { get; } = sequence;

    public string CreatorId { get; } = creatorId;

    public IReadOnlyList<DevEnvironmentRepository> Repositories { get; } = repositories;

    public int PersistentStorageSizeInGiB { get; } = persistentStorageSizeInGiB;

    public string? VpcConnectionName { get; } = vpcConnectionName;

    public string? Alias { get; set; }

    public IReadOnlyList<DevEnvironmentIde> Ides { get; set; } = [];

    public string InstanceType { get; set; } = DevEnvironmentRules.InstanceTypes[0];

    public int InactivityTimeoutMinutes { get; set; } = DevEnvironmentRules.DefaultInactivityTimeoutMinutes;

    /// <summary>When a setting last changed (a status change counts too, see <see cref="LastUpdatedTimeAt"/>).</summary>
    public DateTimeOffset SettingsUpdatedTime { get; set; } = createdTime;

    /// <summary>The create request that made it, when it came with a client token (to recognise retries).</summary>
    public NewDevEnvironment? CreateRequest { get; set; }

    /// <summary>Client tokens already used by UpdateDevEnvironment, mapped to the answer the first call got.</summary>
    public Dictionary<string, DevEnvironmentView> UpdatesByClientToken { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DevEnvironmentSessionState> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Replaces the timeline: each step's status begins where the previous one ends, and
    /// <paramref name="finalStatus"/> holds from the end of the last step on.
    /// </summary>
    public void Plan(DateTimeOffset now, IEnumerable<(string Status, TimeSpan Duration)> steps, string finalStatus)
    {
        var planned = new List<DevEnvironmentPhase>();
        var beginsAt = now;
        foreach (var (status, duration) in steps)
        {
            planned.Add(new DevEnvironmentPhase(status, beginsAt));
            beginsAt += duration;
        }

        planned.Add(new DevEnvironmentPhase(finalStatus, beginsAt));
        phases = planned;
    }

    public string StatusAt(DateTimeOffset now) => PhaseAt(now).Status;

    /// <summary>The later of the last settings change and the start of the current status.</summary>
    public DateTimeOffset LastUpdatedTimeAt(DateTimeOffset now)
    {
        var statusSince = PhaseAt(now).BeginsAt;
        return statusSince > SettingsUpdatedTime ? statusSince : SettingsUpdatedTime;
    }

    /// <summary>A deleted dev environment is gone: no operation finds it any more.</summary>
    public bool IsGoneAt(DateTimeOffset now) => StatusAt(now) == DevEnvironmentStatuses.Deleted;

    private DevEnvironmentPhase PhaseAt(DateTimeOffset now)
    {
        // The first phase always begins at or before the action that planned it, so one always applies.
        var current = phases[0];
        foreach (var phase in phases)
        {
            if (phase.BeginsAt > now)
            {
                break;
            }

            current = phase;
        }

        return current;
    }
}

/// <summary>An open session to a dev environment. Its access token is handed out once and not kept.</summary>
internal sealed record DevEnvironmentSessionState(string Id, DateTimeOffset StartedTime, long Sequence, string SessionType);
