namespace CodeCatalyst.Emulator.State;

// The in-memory resource tree. Every instance is only touched while holding EmulatorStore's lock.

internal sealed class SpaceState(string name)
{
    public string Name { get; } = name;

    public Dictionary<string, ProjectState> Projects { get; } = new(StringComparer.Ordinal);
}

internal sealed class ProjectState(SpaceState space, string name)
{
    public SpaceState Space { get; } = space;

    public string Name { get; } = name;

    public List<string> SourceRepositoryNames { get; } = [];

    // Ids are UUIDs; clients may send them in either case.
    public Dictionary<string, WorkflowState> Workflows { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, WorkflowRunState> WorkflowRuns { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Client tokens already used by StartWorkflowRun in this project, mapped to the run they created.</summary>
    public Dictionary<string, WorkflowRunState> RunsByClientToken { get; } = new(StringComparer.Ordinal);
}

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
