using System.Globalization;
using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>
/// All emulated resources, in memory. One lock guards the whole tree: the emulator serves a handful of test
/// clients, and a single lock keeps multi-step operations (start a run, supersede older ones) trivially atomic.
/// Each resource area adds its operations in its own partial file. Operations check what only the state can tell
/// (existence, conflicts, status rules); the shape rules of the model (lengths, patterns, enums) are the request
/// layer's job and are not repeated here.
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly Lock gate = new();
    private readonly EmulatorDataSet initialData;
    private readonly TimeProvider clock;
    private readonly double runSpeed;
    private List<SpaceState> spaces = [];
    private List<UserState> users = [];
    private List<AccessTokenState> accessTokens = [];
    private long nextSequence;

    public EmulatorStore(EmulatorDataSet initialData, TimeProvider clock, double runSpeed)
    {
        this.initialData = initialData;
        this.clock = clock;
        this.runSpeed = runSpeed;
        Reset();
    }

    /// <summary>Throws away every change and goes back to the data set the emulator started with.</summary>
    public void Reset()
    {
        lock (gate)
        {
            var loaded = DataSetLoader.Build(initialData, Now());
            spaces = loaded.Spaces;
            users = loaded.Users;
            accessTokens = [];
            nextSequence = loaded.NextSequence;
        }
    }

    /// <summary>The user every call acts as: the first user of the data set.</summary>
    private UserState SignedInUser => users[0];

    /// <summary>The current time at the millisecond precision the wire format carries.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private TimeSpan Scaled(TimeSpan duration) => duration / runSpeed;

    /// <summary>A key that sorts (ordinal) in creation order, for listings whose items have no unique name.</summary>
    private static string CreationOrderKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private SpaceState FindSpace(string spaceName) =>
        spaces.FirstOrDefault(candidate => candidate.Name == spaceName)
        ?? throw ApiException.NotFound($"The space '{spaceName}' was not found.");

    private ProjectState FindProject(string spaceName, string projectName) =>
        FindSpace(spaceName).Projects.GetValueOrDefault(projectName)
        ?? throw ApiException.NotFound($"The project '{projectName}' was not found in space '{spaceName}'.");

    private static WorkflowState FindWorkflow(ProjectState project, string workflowId) =>
        project.Workflows.GetValueOrDefault(workflowId)
        ?? throw ApiException.NotFound(
            $"The workflow '{workflowId}' was not found in project '{project.Name}' of space '{project.Space.Name}'.");
}
