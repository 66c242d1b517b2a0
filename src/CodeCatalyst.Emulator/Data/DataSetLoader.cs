using System.Security.Cryptography;
using System.Text;
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
    private const string DefaultRegionName = "us-west-2";

    // Shapes from the model that only the data file needs checked here (requests are checked by the request layer).
    private static readonly StringConstraint RegionName = new(
        "RegionString", 3, 16, @"(us(?:-gov)?|af|ap|ca|cn|eu|sa)-(central|(?:north|south)?(?:east|west)?)-(\d+)");

    private static readonly StringConstraint UserName = new("GetUserDetailsRequestUserNameString", 3, 100, "[a-zA-Z0-9_.-]{3,100}");

    private static readonly StringConstraint UserId = new("GetUserDetailsRequestIdString", 1, 256, null);

    private static readonly StringConstraint CommitId = new("Git commit id (40 hex digits)", 40, 40, "[0-9a-fA-F]{40}");

    /// <summary>The signed-in user when a data file names none.</summary>
    private static readonly UserState DefaultUser = new(
        StableUuid("user:MaryMajor"), "MaryMajor", "Mary Major", "mary.major@example.com", EmailVerified: true);

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

    /// <summary>
    /// Builds the users and the resource tree; timestamps the file leaves out default to <paramref name="now"/>.
    /// Ids the file leaves out are derived from names, so a reset gives the same ids again.
    /// </summary>
    public static LoadedData Build(EmulatorDataSet dataSet, DateTimeOffset now)
    {
        var users = BuildUsers(dataSet.Users);
        var sequence = 0L;
        var spaces = new List<SpaceState>();
        foreach (var spaceData in dataSet.Spaces)
        {
            var spaceName = CheckName(spaceData.Name, "space name", ModelConstraints.NameString);
            var space = new SpaceState(
                spaceName,
                CheckName(spaceData.RegionName ?? DefaultRegionName, $"regionName of space {spaceName}", RegionName))
            {
                DisplayName = spaceData.DisplayName ?? spaceName,
                Description = spaceData.Description,
            };
            if (spaceData.Subscription is { } subscription)
            {
                space.Subscription = new SubscriptionState(
                    subscription.SubscriptionType,
                    subscription.AwsAccountName,
                    subscription.PendingSubscriptionType,
                    subscription.PendingSubscriptionStartTime);
            }

            foreach (var projectData in spaceData.Projects)
            {
                var projectName = CheckName(projectData.Name, "project name", ModelConstraints.NameString);
                var project = new ProjectState(
                    space,
                    projectName,
                    projectData.Id is null
                        ? StableUuid($"project:{spaceName}/{projectName}")
                        : CheckName(projectData.Id, "project id", ModelConstraints.Uuid).ToLowerInvariant())
                {
                    DisplayName = projectData.DisplayName ?? projectName,
                    Description = projectData.Description,
                };
                foreach (var repositoryData in projectData.SourceRepositories)
                {
                    var repository = BuildSourceRepository(project, repositoryData, now);
                    if (!project.SourceRepositories.TryAdd(repository.Name, repository))
                    {
                        throw new InvalidDataException($"Source repository {repository.Name} appears twice in project {projectName}.");
                    }
                }

                foreach (var workflowData in projectData.Workflows)
                {
                    var workflow = BuildWorkflow(project, workflowData, now);
                    if (!project.Workflows.TryAdd(workflow.Id, workflow))
                    {
                        throw new InvalidDataException($"Workflow id {workflow.Id} appears twice in project {project.Name}.");
                    }
                }

                foreach (var environmentData in projectData.DevEnvironments)
                {
                    var environment = BuildDevEnvironment(project, environmentData, sequence++, users[0].Id, now);
                    if (!project.DevEnvironments.TryAdd(environment.Id, environment))
                    {
                        throw new InvalidDataException($"Dev environment id {environment.Id} appears twice in project {projectName}.");
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

        return new LoadedData(spaces, users, sequence);
    }

    private static List<UserState> BuildUsers(List<UserData> usersData)
    {
        if (usersData.Count == 0)
        {
            return [DefaultUser];
        }

        var users = new List<UserState>();
        foreach (var data in usersData)
        {
            var userName = CheckName(data.UserName, "userName", UserName);
            var user = new UserState(
                CheckName(data.Id ?? StableUuid("user:" + userName), $"id of user {userName}", UserId),
                userName,
                data.DisplayName,
                data.Email,
                data.EmailVerified ?? data.Email is not null);
            if (users.Any(existing => string.Equals(existing.Id, user.Id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(existing.UserName, user.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidDataException($"User {user.UserName} ({user.Id}) appears twice.");
            }

            users.Add(user);
        }

        return users;
    }

    private static SourceRepositoryState BuildSourceRepository(ProjectState project, SourceRepositoryData data, DateTimeOffset now)
    {
        var name = CheckName(data.Name, "source repository name", ModelConstraints.SourceRepositoryName);
        var path = $"{project.Space.Name}/{project.Name}/{name}";
        var repository = new SourceRepositoryState(
            project,
            name,
            data.Id is null ? StableUuid("repository:" + path) : CheckName(data.Id, $"id of repository {name}", ModelConstraints.Uuid).ToLowerInvariant(),
            data.Description,
            data.CreatedTime ?? now);
        foreach (var branchData in data.Branches ?? [new BranchData { Name = EmulatorStore.DefaultBranchName }])
        {
            var branchName = CheckName(branchData.Name, $"branch name in repository {name}", ModelConstraints.SourceBranchName);
            var headCommitId = branchData.HeadCommitId is null
                ? StableCommitId($"commit:{path}/{branchName}")
                : CheckName(branchData.HeadCommitId, $"headCommitId of branch {branchName}", CommitId).ToLowerInvariant();
            if (repository.Branches.ContainsKey(branchName))
            {
                throw new InvalidDataException($"Branch {branchName} appears twice in repository {name}.");
            }

            EmulatorStore.AddBranch(repository, new SourceRepositoryBranchState(branchName, headCommitId, repository.CreatedTime));
        }

        if (repository.Branches.Count == 0)
        {
            throw new InvalidDataException($"Repository {name} needs at least one branch (leave branches out for main).");
        }

        return repository;
    }

    private static DevEnvironmentState BuildDevEnvironment(
        ProjectState project, DevEnvironmentData data, long sequence, string creatorId, DateTimeOffset now)
    {
        var id = CheckName(data.Id, "dev environment id", ModelConstraints.Uuid).ToLowerInvariant();
        var repositories = new List<DevEnvironmentRepository>();
        foreach (var repositoryData in data.Repositories)
        {
            var repository = project.SourceRepositories.GetValueOrDefault(repositoryData.RepositoryName ?? "")
                ?? throw new InvalidDataException(
                    $"Dev environment {id} names the repository '{repositoryData.RepositoryName}', which project {project.Name} does not have.");
            if (repositoryData.BranchName is not null && !repository.Branches.ContainsKey(repositoryData.BranchName))
            {
                throw new InvalidDataException(
                    $"Dev environment {id} names the branch '{repositoryData.BranchName}', which repository {repository.Name} does not have.");
            }

            repositories.Add(new DevEnvironmentRepository(repository.Name, repositoryData.BranchName));
        }

        var sizeInGiB = data.PersistentStorage?.SizeInGiB ?? 16;
        if (!DevEnvironmentRules.PersistentStorageSizesInGiB.Contains(sizeInGiB))
        {
            throw new InvalidDataException($"Dev environment {id}: persistentStorage sizeInGiB must be 16, 32 or 64.");
        }

        var inactivityTimeoutMinutes = data.InactivityTimeoutMinutes ?? DevEnvironmentRules.DefaultInactivityTimeoutMinutes;
        if (inactivityTimeoutMinutes is < 0 or > 1200)
        {
            throw new InvalidDataException($"Dev environment {id}: inactivityTimeoutMinutes must be 0 to 1200.");
        }

        var createdTime = data.CreatedTime ?? now;
        var environment = new DevEnvironmentState(
            project, id, sequence, creatorId, createdTime, repositories, sizeInGiB, data.VpcConnectionName)
        {
            Alias = data.Alias,
            Ides = (data.Ides ?? [new IdeData { Name = "VSCode" }])
                .Select(ide => new DevEnvironmentIde(ide.Name, ide.Runtime))
                .ToList(),
            InstanceType = ParseChoice(
                data.InstanceType, DevEnvironmentRules.InstanceTypes, DevEnvironmentRules.InstanceTypes[0], "instanceType", $"Dev environment {id}"),
            InactivityTimeoutMinutes = inactivityTimeoutMinutes,
        };
        if (environment.Ides.Count > 1)
        {
            throw new InvalidDataException($"Dev environment {id}: ides allows at most one IDE.");
        }

        var status = ParseChoice(
            data.Status,
            [DevEnvironmentStatuses.Running, DevEnvironmentStatuses.Stopped],
            DevEnvironmentStatuses.Running,
            "status",
            $"Dev environment {id}");
        environment.Plan(createdTime, [], status);
        return environment;
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
            RunMode: ParseChoice(data.RunMode, WorkflowRunModes.All, WorkflowRunModes.Queued, "runMode", $"Workflow {name}"),
            Status: ParseChoice(data.Status, ["ACTIVE", "INVALID"], "ACTIVE", "status", $"Workflow {name}"),
            CreatedTime: createdTime,
            LastUpdatedTime: data.LastUpdatedTime ?? createdTime,
            ProvisioningTime: ParseDuration(data.ProvisioningSeconds, DefaultProvisioningSeconds, "provisioningSeconds", name),
            RunDuration: ParseDuration(data.RunDurationSeconds, DefaultRunDurationSeconds, "runDurationSeconds", name),
            Outcome: ParseChoice(
                data.Outcome,
                [WorkflowRunStatuses.Succeeded, WorkflowRunStatuses.Failed],
                WorkflowRunStatuses.Succeeded,
                "outcome",
                $"Workflow {name}"));
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

    private static string ParseChoice(string? value, IReadOnlyList<string> allowed, string fallback, string member, string owner)
    {
        if (value is null)
        {
            return fallback;
        }

        return allowed.FirstOrDefault(choice => string.Equals(choice, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException(
                $"{owner}: {member} '{value}' is not one of {string.Join(", ", allowed)}.");
    }

    /// <summary>A UUID derived from <paramref name="seed"/>, so resets and restarts give the same ids.</summary>
    private static string StableUuid(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();

    private static string StableCommitId(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 20));

    private static TimeSpan ParseDuration(double? seconds, double fallback, string member, string workflowName)
    {
        var value = seconds ?? fallback;
        return value >= 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new InvalidDataException($"Workflow {workflowName}: {member} must be zero or more seconds.");
    }
}

/// <summary>What a data set builds into: the resource tree, the users (the first signs in), and the next free sequence number.</summary>
internal sealed record LoadedData(List<SpaceState> Spaces, List<UserState> Users, long NextSequence);
