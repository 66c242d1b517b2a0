using System.Text.Json;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;

namespace CodeCatalyst.Emulator.Data;

/// <summary>Reads a data file and turns it into the emulator's starting state, rejecting anything the API could not return.</summary>
internal static class DataSetLoader
{
    private const string BuiltInResourceName = "CodeCatalyst.Emulator.sample-data.json";
    private const double DefaultProvisioningSeconds = 0.5;
    private const double DefaultRunDurationSeconds = 1.5;

    private static readonly JsonSerializerOptions FileJson = new(WireJson.Options)
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static EmulatorDataSet LoadBuiltIn()
    {
        using var stream = typeof(DataSetLoader).Assembly.GetManifestResourceStream(BuiltInResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {BuiltInResourceName} is missing.");
        return Parse(stream, "the built-in sample data");
    }

    public static EmulatorDataSet LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    private static EmulatorDataSet Parse(Stream stream, string sourceDescription)
    {
        try
        {
            return JsonSerializer.Deserialize<EmulatorDataSet>(stream, FileJson)
                ?? throw new InvalidDataException($"{sourceDescription} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{sourceDescription} is not a valid data file: {exception.Message}", exception);
        }
    }

    /// <summary>Builds the resource tree; timestamps the file leaves out default to <paramref name="now"/>.</summary>
    public static List<SpaceState> BuildSpaces(EmulatorDataSet dataSet, DateTimeOffset now)
    {
        var spaces = new List<SpaceState>();
        foreach (var spaceData in dataSet.Spaces)
        {
            var space = new SpaceState(CheckName(spaceData.Name, "space name", ModelConstraints.NameString));
            foreach (var projectData in spaceData.Projects)
            {
                var project = new ProjectState(space, CheckName(projectData.Name, "project name", ModelConstraints.NameString));
                foreach (var repository in projectData.SourceRepositories)
                {
                    project.SourceRepositoryNames.Add(
                        CheckName(repository.Name, "source repository name", ModelConstraints.SourceRepositoryName));
                }

                foreach (var workflowData in projectData.Workflows)
                {
                    var workflow = BuildWorkflow(project, workflowData, now);
                    if (!project.Workflows.TryAdd(workflow.Id, workflow))
                    {
                        throw new InvalidDataException($"Workflow id {workflow.Id} appears twice in project {project.Name}.");
                    }
                }

                if (!space.Projects.TryAdd(project.Name, project))
                {
                    throw new InvalidDataException($"Project {project.Name} appears twice in space {space.Name}.");
                }
            }

            if (spaces.Any(existing => existing.Name == space.Name))
            {
                throw new InvalidDataException($"Space {space.Name} appears twice.");
            }

            spaces.Add(space);
        }

        return spaces;
    }

    private static WorkflowState BuildWorkflow(ProjectState project, WorkflowData data, DateTimeOffset now)
    {
        var id = CheckName(data.Id, "workflow id", ModelConstraints.Uuid).ToLowerInvariant();
        var name = string.IsNullOrWhiteSpace(data.Name)
            ? throw new InvalidDataException($"Workflow {id} has no name.")
            : data.Name;
        var createdTime = data.CreatedTime ?? now;
        return new WorkflowState(
            Project: project,
            Id: id,
            Name: name,
            SourceRepositoryName: data.SourceRepositoryName is null
                ? null
                : CheckName(data.SourceRepositoryName, "source repository name", ModelConstraints.SourceRepositoryName),
            SourceBranchName: data.SourceBranchName is null
                ? null
                : CheckName(data.SourceBranchName, "source branch name", ModelConstraints.SourceBranchName),
            DefinitionPath: data.DefinitionPath ?? $".codecatalyst/workflows/{name}.yaml",
            RunMode: ParseChoice(data.RunMode, WorkflowRunModes.All, WorkflowRunModes.Queued, "runMode", name),
            Status: ParseChoice(data.Status, ["ACTIVE", "INVALID"], "ACTIVE", "status", name),
            CreatedTime: createdTime,
            LastUpdatedTime: data.LastUpdatedTime ?? createdTime,
            ProvisioningTime: ParseDuration(data.ProvisioningSeconds, DefaultProvisioningSeconds, "provisioningSeconds", name),
            RunDuration: ParseDuration(data.RunDurationSeconds, DefaultRunDurationSeconds, "runDurationSeconds", name),
            Outcome: ParseChoice(
                data.Outcome,
                [WorkflowRunStatuses.Succeeded, WorkflowRunStatuses.Failed],
                WorkflowRunStatuses.Succeeded,
                "outcome",
                name));
    }

    private static string CheckName(string? value, string description, StringConstraint constraint)
    {
        if (value is null
            || value.Length < (constraint.MinLength ?? 0)
            || value.Length > (constraint.MaxLength ?? int.MaxValue)
            || !constraint.Matches(value))
        {
            throw new InvalidDataException($"The {description} '{value}' does not satisfy the model's {constraint.ShapeName} constraints.");
        }

        return value;
    }

    private static string ParseChoice(string? value, IReadOnlyList<string> allowed, string fallback, string member, string workflowName)
    {
        if (value is null)
        {
            return fallback;
        }

        return allowed.FirstOrDefault(choice => string.Equals(choice, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException(
                $"Workflow {workflowName}: {member} '{value}' is not one of {string.Join(", ", allowed)}.");
    }

    private static TimeSpan ParseDuration(double? seconds, double fallback, string member, string workflowName)
    {
        var value = seconds ?? fallback;
        return value >= 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new InvalidDataException($"Workflow {workflowName}: {member} must be zero or more seconds.");
    }
}
