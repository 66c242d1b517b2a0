using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

internal sealed record ProjectView(string SpaceName, string Name, string Id, string? DisplayName, string? Description);

/// <summary>One ListProjects filter (the model's <c>ProjectListFilter</c>); a null operator means EQ.</summary>
internal sealed record ProjectFilter(string Key, IReadOnlyList<string> Values, string? ComparisonOperator = null);

/// <summary>The model's <c>FilterKey</c> and <c>ComparisonOperator</c> enum values.</summary>
internal static class ProjectFilterVocabulary
{
    public const string HasAccessTo = "hasAccessTo";
    public const string Name = "name";

    public const string Equal = "EQ";
    public const string GreaterThan = "GT";
    public const string GreaterOrEqual = "GE";
    public const string LessThan = "LT";
    public const string LessOrEqual = "LE";
    public const string BeginsWith = "BEGINS_WITH";

    public static readonly IReadOnlyList<string> Operators =
        [Equal, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual, BeginsWith];
}

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// Creates a project. CreateProject takes only a display name; the project's name is the display name with its
    /// spaces turned into hyphens (the name pattern allows no spaces). Conflict when that name is taken.
    /// </summary>
    public ProjectView CreateProject(
        string spaceName, string displayName, string? description = null, CallerContext? caller = null)
    {
        var name = displayName.Replace(' ', '-');
        lock (gate)
        {
            var space = FindSpace(spaceName);
            if (space.Projects.ContainsKey(name))
            {
                throw ApiException.Conflict(
                    $"A project named '{name}' already exists in space '{spaceName}'. Choose another display name.");
            }

            var project = new ProjectState(space, name, Guid.NewGuid().ToString())
            {
                DisplayName = displayName,
                Description = string.IsNullOrEmpty(description) ? null : description,
            };
            space.Projects.Add(name, project);
            AppendEvent(space, "CreateProject", Now(), caller, project);
            return ToView(project);
        }
    }

    public ProjectView GetProject(string spaceName, string projectName)
    {
        lock (gate)
        {
            return ToView(FindProject(spaceName, projectName));
        }
    }

    /// <summary>
    /// The space's projects ordered by name, keeping those that pass every filter (a filter passes when any of its
    /// values matches). <c>name</c> takes every operator; <c>hasAccessTo</c> takes EQ with true or false, and the
    /// signed-in user has access to every project.
    /// </summary>
    public IReadOnlyList<ProjectView> ListProjects(string spaceName, IReadOnlyList<ProjectFilter>? filters = null)
    {
        var predicates = (filters ?? []).Select(ToPredicate).ToList();
        lock (gate)
        {
            return FindSpace(spaceName).Projects.Values
                .Where(project => predicates.All(predicate => predicate(project)))
                .OrderBy(project => project.Name, StringComparer.Ordinal)
                .Select(ToView)
                .ToList();
        }
    }

    /// <summary>Changes the description; null leaves it as it is, an empty string clears it.</summary>
    public ProjectView UpdateProject(string spaceName, string projectName, string? description, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            if (description is not null)
            {
                project.Description = description.Length == 0 ? null : description;
            }

            AppendEvent(project.Space, "UpdateProject", Now(), caller, project);
            return ToView(project);
        }
    }

    /// <summary>Deletes the project with its repositories, workflows, runs and dev environments.</summary>
    public ProjectView DeleteProject(string spaceName, string projectName, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            project.Space.Projects.Remove(project.Name);
            AppendEvent(project.Space, "DeleteProject", Now(), caller, project);
            return ToView(project);
        }
    }

    private static ProjectView ToView(ProjectState project) =>
        new(project.Space.Name, project.Name, project.Id, project.DisplayName, project.Description);

    private static Func<ProjectState, bool> ToPredicate(ProjectFilter filter)
    {
        var comparison = filter.ComparisonOperator ?? ProjectFilterVocabulary.Equal;
        if (!ProjectFilterVocabulary.Operators.Contains(comparison))
        {
            throw ApiException.Validation(
                $"The comparisonOperator '{comparison}' is not valid; use one of {string.Join(", ", ProjectFilterVocabulary.Operators)}.");
        }

        if (filter.Values.Count == 0)
        {
            throw ApiException.Validation($"The filter on '{filter.Key}' needs at least one value.");
        }

        switch (filter.Key)
        {
            case ProjectFilterVocabulary.Name:
                return project => filter.Values.Any(value => Compare(project.Name, comparison, value));
            case ProjectFilterVocabulary.HasAccessTo:
                if (comparison != ProjectFilterVocabulary.Equal)
                {
                    throw ApiException.Validation(
                        $"The hasAccessTo filter only takes the EQ operator, not '{comparison}'.");
                }

                var wanted = filter.Values.Select(ParseBoolean).ToList();
                // The emulator's one user can reach every project in the space.
                return _ => wanted.Contains(true);
            default:
                throw ApiException.Validation(
                    $"The filter key '{filter.Key}' is not valid; use {ProjectFilterVocabulary.HasAccessTo} or {ProjectFilterVocabulary.Name}.");
        }
    }

    private static bool Compare(string name, string comparison, string value)
    {
        var order = string.CompareOrdinal(name, value);
        return comparison switch
        {
            ProjectFilterVocabulary.Equal => order == 0,
            ProjectFilterVocabulary.GreaterThan => order > 0,
            ProjectFilterVocabulary.GreaterOrEqual => order >= 0,
            ProjectFilterVocabulary.LessThan => order < 0,
            ProjectFilterVocabulary.LessOrEqual => order <= 0,
            _ => name.StartsWith(value, StringComparison.Ordinal),
        };
    }

    private static bool ParseBoolean(string value) =>
        bool.TryParse(value, out var parsed)
            ? parsed
            : throw ApiException.Validation($"The hasAccessTo filter takes true or false, not '{value}'.");
}
