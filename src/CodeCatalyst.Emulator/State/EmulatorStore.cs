using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>
/// All emulated resources, in memory. One lock guards the whole tree: the emulator serves a handful of test
/// clients, and a single lock keeps multi-step operations (start a run, supersede older ones) trivially atomic.
/// Each resource area adds its operations in its own partial file.
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly Lock gate = new();
    private readonly EmulatorDataSet initialData;
    private readonly TimeProvider clock;
    private readonly double runSpeed;
    private List<SpaceState> spaces = [];
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
            spaces = DataSetLoader.BuildSpaces(initialData, Now());
            nextSequence = 0;
        }
    }

    /// <summary>The current time at the millisecond precision the wire format carries.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private TimeSpan Scaled(TimeSpan duration) => duration / runSpeed;

    private ProjectState FindProject(string spaceName, string projectName)
    {
        var space = spaces.FirstOrDefault(candidate => candidate.Name == spaceName)
            ?? throw ApiException.NotFound($"The space '{spaceName}' was not found.");
        return space.Projects.GetValueOrDefault(projectName)
            ?? throw ApiException.NotFound($"The project '{projectName}' was not found in space '{spaceName}'.");
    }

    private static WorkflowState FindWorkflow(ProjectState project, string workflowId) =>
        project.Workflows.GetValueOrDefault(workflowId)
        ?? throw ApiException.NotFound(
            $"The workflow '{workflowId}' was not found in project '{project.Name}' of space '{project.Space.Name}'.");
}
