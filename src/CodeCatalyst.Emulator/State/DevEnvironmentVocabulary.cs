namespace CodeCatalyst.Emulator.State;

/// <summary>The model's <c>DevEnvironmentStatus</c> enum values.</summary>
internal static class DevEnvironmentStatuses
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Starting = "STARTING";
    public const string Stopping = "STOPPING";
    public const string Stopped = "STOPPED";
    public const string Failed = "FAILED";
    public const string Deleting = "DELETING";
    public const string Deleted = "DELETED";
}

/// <summary>Dev environment values the model states but cannot enforce with its shape constraints.</summary>
internal static class DevEnvironmentRules
{
    /// <summary>The model's <c>InstanceType</c> enum values.</summary>
    public static readonly IReadOnlyList<string> InstanceTypes =
        ["dev.standard1.small", "dev.standard1.medium", "dev.standard1.large", "dev.standard1.xlarge"];

    /// <summary>
    /// The shape allows 0..64, but the documentation of <c>persistentStorage</c> says only these sizes are valid.
    /// </summary>
    public static readonly IReadOnlyList<int> PersistentStorageSizesInGiB = [16, 32, 64];

    /// <summary>
    /// <c>inactivityTimeoutMinutes</c> is required in every answer but optional on create; the console's default is
    /// 15 minutes, so a programmatic create gets the same.
    /// </summary>
    public const int DefaultInactivityTimeoutMinutes = 15;

    // How long each transitional status lasts before the run speed divides it. Short, so waits in tests are quick.
    public static readonly TimeSpan PendingTime = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan StartingTime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan StoppingTime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DeletingTime = TimeSpan.FromSeconds(1);
}
