namespace CodeCatalyst.Emulator.Amplify.State;

/// <summary>Amplify's job statuses and types, as the model spells them.</summary>
internal static class AmplifyJobVocabulary
{
    public const string Created = "CREATED";
    public const string Pending = "PENDING";
    public const string Provisioning = "PROVISIONING";
    public const string Running = "RUNNING";
    public const string Failed = "FAILED";
    public const string Succeed = "SUCCEED";
    public const string Cancelling = "CANCELLING";
    public const string Cancelled = "CANCELLED";

    public const string Release = "RELEASE";
    public const string Retry = "RETRY";
    public const string Manual = "MANUAL";
    public const string WebHook = "WEB_HOOK";

    public const string Zip = "ZIP";
    public const string BucketPrefix = "BUCKET_PREFIX";

    /// <summary>Statuses a job can be stopped in.</summary>
    public static bool IsInProgress(string status) => status is Pending or Provisioning or Running;

    /// <summary>Statuses a job no longer changes from.</summary>
    public static bool IsFinished(string status) => status is Succeed or Failed or Cancelled;
}

/// <summary>A job at one instant: what GetJob and ListJobs report.</summary>
internal sealed record AmplifyJobSnapshot(string Status, DateTimeOffset StartTime, DateTimeOffset? EndTime, DateTimeOffset? RunningSince);

/// <summary>
/// A job as a fixed timeline, like a workflow run: PENDING from its start, then PROVISIONING, RUNNING, and its
/// outcome; a stop request turns it CANCELLING and then CANCELLED. Status is read off the clock, never pushed by
/// timers, so a fake clock gives exact answers. A deployment job created by CreateDeployment has no timeline
/// (CREATED) until StartDeployment begins one.
/// </summary>
internal sealed class AmplifyJobState(AmplifyBranchState branch, long number, string jobType, DateTimeOffset createdAt)
{
    public AmplifyBranchState Branch { get; } = branch;

    public long Number { get; } = number;

    public string JobId => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string JobType { get; } = jobType;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public required string CommitId { get; init; }

    public required string CommitMessage { get; init; }

    public required DateTimeOffset CommitTime { get; init; }

    public string? SourceUrl { get; set; }

    public string? SourceUrlType { get; set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset ProvisioningAt { get; private set; }

    public DateTimeOffset RunningAt { get; private set; }

    public DateTimeOffset FinishesAt { get; private set; }

    public string Outcome { get; private set; } = AmplifyJobVocabulary.Succeed;

    public DateTimeOffset? StopRequestedAt { get; private set; }

    public DateTimeOffset CancelledAt { get; private set; }

    /// <summary>For a CreateDeployment job: where its files go, and which of them have arrived.</summary>
    public DeploymentUpload? Upload { get; init; }

    public void Begin(DateTimeOffset startAt, TimeSpan pending, TimeSpan provisioning, TimeSpan running, string outcome)
    {
        StartedAt = startAt;
        ProvisioningAt = startAt + pending;
        RunningAt = ProvisioningAt + provisioning;
        FinishesAt = RunningAt + running;
        Outcome = outcome;
    }

    public void RequestStop(DateTimeOffset now, TimeSpan cancelling)
    {
        StopRequestedAt = now;
        CancelledAt = now + cancelling;
    }

    public AmplifyJobSnapshot SnapshotAt(DateTimeOffset now)
    {
        if (StartedAt is not { } startedAt)
        {
            return new AmplifyJobSnapshot(AmplifyJobVocabulary.Created, CreatedAt, null, null);
        }

        var runningSince = now >= RunningAt ? RunningAt : (DateTimeOffset?)null;
        if (StopRequestedAt is { } stopAt && now >= stopAt)
        {
            runningSince = stopAt >= RunningAt ? RunningAt : null;
            return now < CancelledAt
                ? new AmplifyJobSnapshot(AmplifyJobVocabulary.Cancelling, startedAt, null, runningSince)
                : new AmplifyJobSnapshot(AmplifyJobVocabulary.Cancelled, startedAt, CancelledAt, runningSince);
        }

        if (now < ProvisioningAt)
        {
            return new AmplifyJobSnapshot(AmplifyJobVocabulary.Pending, startedAt, null, null);
        }

        if (now < RunningAt)
        {
            return new AmplifyJobSnapshot(AmplifyJobVocabulary.Provisioning, startedAt, null, null);
        }

        return now < FinishesAt
            ? new AmplifyJobSnapshot(AmplifyJobVocabulary.Running, startedAt, null, runningSince)
            : new AmplifyJobSnapshot(Outcome, startedAt, FinishesAt, runningSince);
    }
}

/// <summary>The upload slots CreateDeployment hands out: one zip, or one per file of its fileMap.</summary>
internal sealed class DeploymentUpload(string uploadId, IReadOnlyList<string> fileNames)
{
    public string UploadId { get; } = uploadId;

    /// <summary>The fileMap's names; empty when the deployment is one zip.</summary>
    public IReadOnlyList<string> FileNames { get; } = fileNames;

    public long? ZipBytes { get; set; }

    public Dictionary<string, long> FileBytes { get; } = new(StringComparer.Ordinal);

    public bool IsComplete => ZipBytes is not null || (FileNames.Count > 0 && FileNames.All(FileBytes.ContainsKey));
}

internal sealed class AmplifyBranchState(AmplifyAppState app, string branchName, string stage, string description, DateTimeOffset createTime, string headCommitId)
{
    public AmplifyAppState App { get; } = app;

    public string BranchName { get; } = branchName;

    public string Stage { get; } = stage;

    public string Description { get; } = description;

    public DateTimeOffset CreateTime { get; } = createTime;

    public string HeadCommitId { get; } = headCommitId;

    /// <summary>FAILED marks a branch whose jobs all fail; null takes the app's.</summary>
    public string? JobOutcome { get; init; }

    public string EffectiveOutcome => JobOutcome ?? App.JobOutcome;

    public SortedDictionary<long, AmplifyJobState> Jobs { get; } = [];

    public long NextJobNumber { get; set; } = 1;
}

internal sealed class AmplifyAppState(string appId, string name, string description, string repository, string platform, DateTimeOffset createTime)
{
    public string AppId { get; } = appId;

    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>Empty for a manually deployed app (not connected to a repository).</summary>
    public string Repository { get; } = repository;

    public bool IsManual => Repository.Length == 0;

    public string Platform { get; } = platform;

    public DateTimeOffset CreateTime { get; } = createTime;

    public string JobOutcome { get; init; } = AmplifyJobVocabulary.Succeed;

    public SortedDictionary<string, AmplifyBranchState> Branches { get; } = new(StringComparer.Ordinal);
}
