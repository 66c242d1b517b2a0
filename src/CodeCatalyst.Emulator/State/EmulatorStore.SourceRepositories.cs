using System.Security.Cryptography;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

internal sealed record SourceRepositoryView(
    string SpaceName,
    string ProjectName,
    string Name,
    string Id,
    string? Description,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime);

internal sealed record SourceRepositoryBranchView(
    string SpaceName,
    string ProjectName,
    string SourceRepositoryName,
    string Name,
    string Ref,
    string HeadCommitId,
    DateTimeOffset LastUpdatedTime);

internal sealed record SourceRepositoryCloneUrlsView(string Https);

internal sealed partial class EmulatorStore
{
    /// <summary>The branch a new repository starts with, holding its initial empty commit.</summary>
    public const string DefaultBranchName = "main";

    /// <summary>Creates an empty repository with a <c>main</c> branch; Conflict when the name is taken.</summary>
    public SourceRepositoryView CreateSourceRepository(
        string spaceName, string projectName, string name, string? description = null, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            if (project.SourceRepositories.ContainsKey(name))
            {
                throw ApiException.Conflict(
                    $"A source repository named '{name}' already exists in project '{projectName}' of space '{spaceName}'.");
            }

            var now = Now();
            var repository = new SourceRepositoryState(
                project, name, Guid.NewGuid().ToString(), string.IsNullOrEmpty(description) ? null : description, now);
            AddBranch(repository, new SourceRepositoryBranchState(DefaultBranchName, NewCommitId(), now));
            project.SourceRepositories.Add(name, repository);
            AppendEvent(project.Space, "CreateSourceRepository", now, caller, project);
            return ToView(repository);
        }
    }

    public SourceRepositoryView GetSourceRepository(string spaceName, string projectName, string name)
    {
        lock (gate)
        {
            return ToView(FindSourceRepository(FindProject(spaceName, projectName), name));
        }
    }

    /// <summary>The project's repositories ordered by name (a paging key: names are unique).</summary>
    public IReadOnlyList<SourceRepositoryView> ListSourceRepositories(string spaceName, string projectName)
    {
        lock (gate)
        {
            return FindProject(spaceName, projectName).SourceRepositories.Values
                .OrderBy(repository => repository.Name, StringComparer.Ordinal)
                .Select(ToView)
                .ToList();
        }
    }

    /// <summary>
    /// Deletes the repository with its branches, and the workflows defined in it (a workflow is a file in its
    /// repository). Runs already made stay in the project's run history.
    /// </summary>
    public SourceRepositoryView DeleteSourceRepository(
        string spaceName, string projectName, string name, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var repository = FindSourceRepository(project, name);
            project.SourceRepositories.Remove(repository.Name);
            foreach (var workflow in project.Workflows.Values.Where(workflow => workflow.SourceRepositoryName == name).ToList())
            {
                project.Workflows.Remove(workflow.Id);
            }

            AppendEvent(project.Space, "DeleteSourceRepository", Now(), caller, project);
            return ToView(repository);
        }
    }

    public SourceRepositoryCloneUrlsView GetSourceRepositoryCloneUrls(
        string spaceName, string projectName, string sourceRepositoryName)
    {
        lock (gate)
        {
            var repository = FindSourceRepository(FindProject(spaceName, projectName), sourceRepositoryName);
            var project = repository.Project;
            return new SourceRepositoryCloneUrlsView(
                $"https://git.{project.Space.RegionName}.codecatalyst.aws/v1/{project.Space.Name}/{project.Name}/{repository.Name}");
        }
    }

    /// <summary>The repository's branches ordered by name (a paging key: names are unique).</summary>
    public IReadOnlyList<SourceRepositoryBranchView> ListSourceRepositoryBranches(
        string spaceName, string projectName, string sourceRepositoryName)
    {
        lock (gate)
        {
            var repository = FindSourceRepository(FindProject(spaceName, projectName), sourceRepositoryName);
            return repository.Branches.Values
                .OrderBy(branch => branch.Name, StringComparer.Ordinal)
                .Select(branch => ToView(repository, branch))
                .ToList();
        }
    }

    /// <summary>
    /// Creates a branch at <paramref name="headCommitId"/>, which must be a commit the repository has had as a
    /// branch head; without one, at the head of <c>main</c> (or of the first branch when there is no main).
    /// Conflict when the branch exists.
    /// </summary>
    public SourceRepositoryBranchView CreateSourceRepositoryBranch(
        string spaceName,
        string projectName,
        string sourceRepositoryName,
        string name,
        string? headCommitId = null,
        CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var repository = FindSourceRepository(project, sourceRepositoryName);
            if (repository.Branches.ContainsKey(name))
            {
                throw ApiException.Conflict(
                    $"The branch '{name}' already exists in source repository '{sourceRepositoryName}'.");
            }

            string commitId;
            if (headCommitId is null)
            {
                var startingBranch = repository.Branches.GetValueOrDefault(DefaultBranchName)
                    ?? repository.Branches.Values.OrderBy(branch => branch.Name, StringComparer.Ordinal).First();
                commitId = startingBranch.HeadCommitId;
            }
            else
            {
                commitId = repository.KnownCommitIds.TryGetValue(headCommitId, out var known)
                    ? known
                    : throw ApiException.NotFound(
                        $"The commit '{headCommitId}' was not found in source repository '{sourceRepositoryName}'.");
            }

            var now = Now();
            var branch = new SourceRepositoryBranchState(name, commitId, now);
            AddBranch(repository, branch);
            repository.LastUpdatedTime = now;
            AppendEvent(project.Space, "CreateSourceRepositoryBranch", now, caller, project);
            return ToView(repository, branch);
        }
    }

    /// <summary>A random id in the form of a Git commit id (40 hex digits).</summary>
    internal static string NewCommitId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    internal static void AddBranch(SourceRepositoryState repository, SourceRepositoryBranchState branch)
    {
        repository.Branches.Add(branch.Name, branch);
        repository.KnownCommitIds.Add(branch.HeadCommitId);
    }

    private static SourceRepositoryState FindSourceRepository(ProjectState project, string name) =>
        project.SourceRepositories.GetValueOrDefault(name)
        ?? throw ApiException.NotFound(
            $"The source repository '{name}' was not found in project '{project.Name}' of space '{project.Space.Name}'.");

    private static SourceRepositoryView ToView(SourceRepositoryState repository) =>
        new(
            repository.Project.Space.Name,
            repository.Project.Name,
            repository.Name,
            repository.Id,
            repository.Description,
            repository.CreatedTime,
            repository.LastUpdatedTime);

    private static SourceRepositoryBranchView ToView(SourceRepositoryState repository, SourceRepositoryBranchState branch) =>
        new(
            repository.Project.Space.Name,
            repository.Project.Name,
            repository.Name,
            branch.Name,
            "refs/heads/" + branch.Name,
            branch.HeadCommitId,
            branch.LastUpdatedTime);
}
