using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>A dev environment as handlers see it: an immutable copy taken under the lock, status read at that instant.</summary>
internal sealed record DevEnvironmentView(
    string SpaceName,
    string ProjectName,
    string Id,
    DateTimeOffset LastUpdatedTime,
    string CreatorId,
    string Status,
    string? StatusReason,
    IReadOnlyList<DevEnvironmentRepository> Repositories,
    string? Alias,
    IReadOnlyList<DevEnvironmentIde> Ides,
    string InstanceType,
    int InactivityTimeoutMinutes,
    int PersistentStorageSizeInGiB,
    string? VpcConnectionName,
    string ListingKey);

/// <summary>One ListDevEnvironments filter (the model's <c>Filter</c>); a null operator means EQ.</summary>
internal sealed record DevEnvironmentFilter(string Key, IReadOnlyList<string> Values, string? ComparisonOperator = null);

/// <summary>
/// The model leaves <c>Filter</c>'s key and operator as free strings; the emulator accepts the summary's string
/// members as keys, with EQ or BEGINS_WITH.
/// </summary>
internal static class DevEnvironmentFilterVocabulary
{
    public const string Status = "status";
    public const string Alias = "alias";
    public const string CreatorId = "creatorId";
    public const string InstanceType = "instanceType";

    public static readonly IReadOnlyList<string> Keys = [Status, Alias, CreatorId, InstanceType];

    public const string Equal = "EQ";
    public const string BeginsWith = "BEGINS_WITH";
}

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// Creates a dev environment, which goes PENDING, then STARTING, then RUNNING. A client token already used in
    /// the project returns what it created, as long as the request is the same (Conflict otherwise).
    /// </summary>
    public DevEnvironmentView CreateDevEnvironment(
        string spaceName, string projectName, NewDevEnvironment request, CallerContext? caller = null)
    {
        CheckPersistentStorage(request.PersistentStorageSizeInGiB);
        var ides = CheckIdes(request.Ides);
        var repositories = request.Repositories ?? [];
        var repeated = repositories.GroupBy(repository => repository.RepositoryName).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw ApiException.Validation($"The source repository '{repeated.Key}' is named more than once in repositories.");
        }

        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            PruneGoneDevEnvironments(project, now);
            if (request.ClientToken is not null
                && project.DevEnvironmentsByClientToken.TryGetValue(request.ClientToken, out var earlier))
            {
                return earlier.CreateRequest!.SameRequestAs(request)
                    ? ToView(earlier, now)
                    : throw ApiException.Conflict(
                        $"The client token '{request.ClientToken}' was already used to create a different dev environment.");
            }

            foreach (var repository in repositories)
            {
                var source = FindSourceRepository(project, repository.RepositoryName);
                if (repository.BranchName is not null && !source.Branches.ContainsKey(repository.BranchName))
                {
                    throw ApiException.NotFound(
                        $"The branch '{repository.BranchName}' was not found in source repository '{source.Name}'.");
                }
            }

            var environment = new DevEnvironmentState(
                project,
                Guid.NewGuid().ToString(),
                nextSequence++,
                SignedInUser.Id,
                now,
                repositories.ToList(),
                request.PersistentStorageSizeInGiB,
                request.VpcConnectionName)
            {
                Alias = string.IsNullOrEmpty(request.Alias) ? null : request.Alias,
                Ides = ides,
                InstanceType = request.InstanceType,
                InactivityTimeoutMinutes = request.InactivityTimeoutMinutes ?? DevEnvironmentRules.DefaultInactivityTimeoutMinutes,
                CreateRequest = request,
            };
            environment.Plan(
                now,
                [
                    (DevEnvironmentStatuses.Pending, Scaled(DevEnvironmentRules.PendingTime)),
                    (DevEnvironmentStatuses.Starting, Scaled(DevEnvironmentRules.StartingTime)),
                ],
                DevEnvironmentStatuses.Running);
            project.DevEnvironments.Add(environment.Id, environment);
            if (request.ClientToken is not null)
            {
                project.DevEnvironmentsByClientToken.Add(request.ClientToken, environment);
            }

            AppendEvent(project.Space, "CreateDevEnvironment", now, caller, project);
            return ToView(environment, now);
        }
    }

    public DevEnvironmentView GetDevEnvironment(string spaceName, string projectName, string id)
    {
        lock (gate)
        {
            var now = Now();
            return ToView(FindDevEnvironment(FindProject(spaceName, projectName), id, now), now);
        }
    }

    /// <summary>
    /// The dev environments of one project, or of the whole space when <paramref name="projectName"/> is null,
    /// oldest first, keeping those that pass every filter (a filter passes when any of its values matches).
    /// </summary>
    public IReadOnlyList<DevEnvironmentView> ListDevEnvironments(
        string spaceName, string? projectName = null, IReadOnlyList<DevEnvironmentFilter>? filters = null)
    {
        var predicates = (filters ?? []).Select(ToPredicate).ToList();
        lock (gate)
        {
            var now = Now();
            var projects = projectName is null
                ? FindSpace(spaceName).Projects.Values.ToList()
                : [FindProject(spaceName, projectName)];
            var views = new List<DevEnvironmentView>();
            foreach (var project in projects)
            {
                PruneGoneDevEnvironments(project, now);
                views.AddRange(project.DevEnvironments.Values.Select(environment => ToView(environment, now)));
            }

            return views
                .Where(view => predicates.All(predicate => predicate(view)))
                .OrderBy(view => view.ListingKey, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>
    /// Changes the alias (empty removes it), IDE, instance type or inactivity timeout. A new instance type or
    /// timeout restarts a RUNNING dev environment (STOPPING, STARTING, RUNNING) and ends its sessions; while it is
    /// on its way up or down only the alias may change. A client token already used returns the first answer.
    /// </summary>
    public DevEnvironmentView UpdateDevEnvironment(
        string spaceName, string projectName, string id, DevEnvironmentChanges changes, CallerContext? caller = null)
    {
        var ides = changes.Ides is null ? null : CheckIdes(changes.Ides);
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            if (changes.ClientToken is not null
                && environment.UpdatesByClientToken.TryGetValue(changes.ClientToken, out var earlierAnswer))
            {
                return earlierAnswer;
            }

            var status = environment.StatusAt(now);
            var needsRestart = (changes.InstanceType is not null && changes.InstanceType != environment.InstanceType)
                || (changes.InactivityTimeoutMinutes is { } minutes && minutes != environment.InactivityTimeoutMinutes);
            if (status == DevEnvironmentStatuses.Deleting)
            {
                throw ApiException.Conflict($"The dev environment '{id}' is being deleted and cannot be updated.");
            }

            if ((needsRestart || ides is not null) && IsTransitional(status))
            {
                throw ApiException.Conflict(
                    $"The dev environment '{id}' is {status}; wait until it is RUNNING or STOPPED, then update it.");
            }

            if (changes.Alias is not null)
            {
                environment.Alias = changes.Alias.Length == 0 ? null : changes.Alias;
            }

            environment.Ides = ides ?? environment.Ides;
            environment.InstanceType = changes.InstanceType ?? environment.InstanceType;
            environment.InactivityTimeoutMinutes = changes.InactivityTimeoutMinutes ?? environment.InactivityTimeoutMinutes;
            environment.SettingsUpdatedTime = now;
            if (needsRestart && status == DevEnvironmentStatuses.Running)
            {
                environment.Sessions.Clear();
                environment.Plan(
                    now,
                    [
                        (DevEnvironmentStatuses.Stopping, Scaled(DevEnvironmentRules.StoppingTime)),
                        (DevEnvironmentStatuses.Starting, Scaled(DevEnvironmentRules.StartingTime)),
                    ],
                    DevEnvironmentStatuses.Running);
            }

            AppendEvent(project.Space, "UpdateDevEnvironment", now, caller, project);
            var answer = ToView(environment, now);
            if (changes.ClientToken is not null)
            {
                environment.UpdatesByClientToken.Add(changes.ClientToken, answer);
            }

            return answer;
        }
    }

    /// <summary>
    /// Starts a STOPPED (or FAILED) dev environment: STARTING, then RUNNING, with any settings given applied first.
    /// The model marks StartDevEnvironment idempotent, so starting one that is RUNNING, PENDING or STARTING changes
    /// nothing and answers its status. Conflict while it is STOPPING or DELETING.
    /// </summary>
    public DevEnvironmentView StartDevEnvironment(
        string spaceName,
        string projectName,
        string id,
        IReadOnlyList<DevEnvironmentIde>? ides = null,
        string? instanceType = null,
        int? inactivityTimeoutMinutes = null,
        CallerContext? caller = null)
    {
        var checkedIdes = ides is null ? null : CheckIdes(ides);
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            switch (environment.StatusAt(now))
            {
                case DevEnvironmentStatuses.Running or DevEnvironmentStatuses.Pending or DevEnvironmentStatuses.Starting:
                    return ToView(environment, now);
                case DevEnvironmentStatuses.Stopping:
                    throw ApiException.Conflict(
                        $"The dev environment '{id}' is stopping; wait until it is STOPPED, then start it.");
                case DevEnvironmentStatuses.Deleting:
                    throw ApiException.Conflict($"The dev environment '{id}' is being deleted and cannot be started.");
            }

            if (checkedIdes is not null || instanceType is not null || inactivityTimeoutMinutes is not null)
            {
                environment.Ides = checkedIdes ?? environment.Ides;
                environment.InstanceType = instanceType ?? environment.InstanceType;
                environment.InactivityTimeoutMinutes = inactivityTimeoutMinutes ?? environment.InactivityTimeoutMinutes;
                environment.SettingsUpdatedTime = now;
            }

            environment.Plan(
                now,
                [(DevEnvironmentStatuses.Starting, Scaled(DevEnvironmentRules.StartingTime))],
                DevEnvironmentStatuses.Running);
            AppendEvent(project.Space, "StartDevEnvironment", now, caller, project);
            return ToView(environment, now);
        }
    }

    /// <summary>
    /// Stops a RUNNING dev environment: STOPPING, then STOPPED; its sessions end at once. Stopping one that is
    /// already STOPPED, STOPPING or FAILED changes nothing (the model marks the operation idempotent). Conflict
    /// while it is PENDING, STARTING or DELETING.
    /// </summary>
    public DevEnvironmentView StopDevEnvironment(string spaceName, string projectName, string id, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            switch (environment.StatusAt(now))
            {
                case DevEnvironmentStatuses.Stopped or DevEnvironmentStatuses.Stopping or DevEnvironmentStatuses.Failed:
                    return ToView(environment, now);
                case DevEnvironmentStatuses.Pending or DevEnvironmentStatuses.Starting:
                    throw ApiException.Conflict(
                        $"The dev environment '{id}' is starting; wait until it is RUNNING, then stop it.");
                case DevEnvironmentStatuses.Deleting:
                    throw ApiException.Conflict($"The dev environment '{id}' is being deleted and cannot be stopped.");
            }

            environment.Sessions.Clear();
            environment.Plan(
                now,
                [(DevEnvironmentStatuses.Stopping, Scaled(DevEnvironmentRules.StoppingTime))],
                DevEnvironmentStatuses.Stopped);
            AppendEvent(project.Space, "StopDevEnvironment", now, caller, project);
            return ToView(environment, now);
        }
    }

    /// <summary>
    /// Deletes a dev environment in any status: DELETING, then gone (NotFound from then on). Its sessions end at
    /// once. Deleting one already DELETING answers it again without a second event.
    /// </summary>
    public DevEnvironmentView DeleteDevEnvironment(string spaceName, string projectName, string id, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            if (environment.StatusAt(now) == DevEnvironmentStatuses.Deleting)
            {
                return ToView(environment, now);
            }

            environment.Sessions.Clear();
            environment.Plan(
                now,
                [(DevEnvironmentStatuses.Deleting, Scaled(DevEnvironmentRules.DeletingTime))],
                DevEnvironmentStatuses.Deleted);
            AppendEvent(project.Space, "DeleteDevEnvironment", now, caller, project);
            return ToView(environment, now);
        }
    }

    private static bool IsTransitional(string status) =>
        status is DevEnvironmentStatuses.Pending or DevEnvironmentStatuses.Starting or DevEnvironmentStatuses.Stopping;

    private static void CheckPersistentStorage(int sizeInGiB)
    {
        if (!DevEnvironmentRules.PersistentStorageSizesInGiB.Contains(sizeInGiB))
        {
            throw ApiException.Validation(
                $"The persistent storage size {sizeInGiB} GiB is not valid; use 16, 32 or 64.");
        }
    }

    /// <summary>The reference says creating a dev environment needs an IDE, and the model allows only one.</summary>
    private static IReadOnlyList<DevEnvironmentIde> CheckIdes(IReadOnlyList<DevEnvironmentIde>? ides) =>
        ides is { Count: 1 }
            ? ides.ToList()
            : throw ApiException.Validation(
                "Name exactly one IDE in ides, for example name VSCode (Cloud9, IntelliJ, PyCharm and GoLand also work).");

    /// <summary>Drops dev environments whose deletion has finished. Call with the lock held.</summary>
    private static void PruneGoneDevEnvironments(ProjectState project, DateTimeOffset now)
    {
        foreach (var environment in project.DevEnvironments.Values.Where(environment => environment.IsGoneAt(now)).ToList())
        {
            project.DevEnvironments.Remove(environment.Id);
            if (environment.CreateRequest?.ClientToken is { } clientToken)
            {
                project.DevEnvironmentsByClientToken.Remove(clientToken);
            }
        }
    }

    private static DevEnvironmentState FindDevEnvironment(ProjectState project, string id, DateTimeOffset now)
    {
        PruneGoneDevEnvironments(project, now);
        return project.DevEnvironments.GetValueOrDefault(id)
            ?? throw ApiException.NotFound(
                $"The dev environment '{id}' was not found in project '{project.Name}' of space '{project.Space.Name}'.");
    }

    private static DevEnvironmentView ToView(DevEnvironmentState environment, DateTimeOffset now) =>
        new(
            environment.Project.Space.Name,
            environment.Project.Name,
            environment.Id,
            environment.LastUpdatedTimeAt(now),
            environment.CreatorId,
            environment.StatusAt(now),
            StatusReason: null,
            environment.Repositories,
            environment.Alias,
            environment.Ides,
            environment.InstanceType,
            environment.InactivityTimeoutMinutes,
            environment.PersistentStorageSizeInGiB,
            environment.VpcConnectionName,
            CreationOrderKey(environment.Sequence));

    private static Func<DevEnvironmentView, bool> ToPredicate(DevEnvironmentFilter filter)
    {
        Func<DevEnvironmentView, string?> member = filter.Key switch
        {
            DevEnvironmentFilterVocabulary.Status => view => view.Status,
            DevEnvironmentFilterVocabulary.Alias => view => view.Alias,
            DevEnvironmentFilterVocabulary.CreatorId => view => view.CreatorId,
            DevEnvironmentFilterVocabulary.InstanceType => view => view.InstanceType,
            _ => throw ApiException.Validation(
                $"The filter key '{filter.Key}' is not supported; use one of {string.Join(", ", DevEnvironmentFilterVocabulary.Keys)}."),
        };
        if (filter.Values.Count == 0)
        {
            throw ApiException.Validation($"The filter on '{filter.Key}' needs at least one value.");
        }

        return (filter.ComparisonOperator ?? DevEnvironmentFilterVocabulary.Equal) switch
        {
            DevEnvironmentFilterVocabulary.Equal =>
                view => member(view) is { } actual && filter.Values.Contains(actual, StringComparer.Ordinal),
            DevEnvironmentFilterVocabulary.BeginsWith =>
                view => member(view) is { } actual
                    && filter.Values.Any(value => actual.StartsWith(value, StringComparison.Ordinal)),
            var other => throw ApiException.Validation(
                $"The comparisonOperator '{other}' is not supported for dev environment filters; use EQ or BEGINS_WITH."),
        };
    }
}
