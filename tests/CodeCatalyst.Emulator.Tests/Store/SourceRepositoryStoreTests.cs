using System.Text.RegularExpressions;
using CodeCatalyst.Emulator.State;
using static CodeCatalyst.Emulator.Tests.Store.StoreTesting;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class SourceRepositoryStoreTests
{
    private const string Space = SampleData.SpaceName;
    private const string Project = SampleData.ProjectName;
    private const string Repository = SampleData.SourceRepositoryName;

    private readonly ManualClock clock = new();
    private readonly EmulatorStore store;

    public SourceRepositoryStoreTests() => store = CreateStore(clock);

    [Fact]
    public void Sample_repositories_list_by_name_with_their_branches()
    {
        var repositories = store.ListSourceRepositories(Space, Project);
        var branches = store.ListSourceRepositoryBranches(Space, Project, Repository);

        Assert.Equal([SampleData.DocsRepositoryName, Repository], repositories.Select(repository => repository.Name));
        Assert.Equal([SampleData.FeatureBranchName, SampleData.SourceBranchName], branches.Select(branch => branch.Name));
        Assert.Equal(["refs/heads/feature/login", "refs/heads/main"], branches.Select(branch => branch.Ref));
        Assert.All(branches, branch => Assert.Matches("^[0-9a-f]{40}$", branch.HeadCommitId));
        Assert.Equal([SampleData.SourceBranchName],
            store.ListSourceRepositoryBranches(Space, Project, SampleData.DocsRepositoryName).Select(branch => branch.Name));
    }

    [Fact]
    public void Sample_ids_and_commits_are_the_same_after_a_reset()
    {
        var repositoryBefore = store.GetSourceRepository(Space, Project, Repository);
        var branchesBefore = store.ListSourceRepositoryBranches(Space, Project, Repository);

        store.Reset();

        Assert.Equal(repositoryBefore, store.GetSourceRepository(Space, Project, Repository));
        Assert.Equal(branchesBefore, store.ListSourceRepositoryBranches(Space, Project, Repository));
    }

    [Fact]
    public void A_new_repository_lists_and_has_a_main_branch()
    {
        var created = store.CreateSourceRepository(Space, Project, "service-api", "The API.");

        Assert.Equal(new SourceRepositoryView(Space, Project, "service-api", created.Id, "The API.", clock.GetUtcNow(), clock.GetUtcNow()),
            created);
        Assert.Equal(created, store.GetSourceRepository(Space, Project, "service-api"));
        Assert.Contains(store.ListSourceRepositories(Space, Project), repository => repository.Name == "service-api");
        var branch = Assert.Single(store.ListSourceRepositoryBranches(Space, Project, "service-api"));
        Assert.Equal("main", branch.Name);
        Assert.Equal("refs/heads/main", branch.Ref);
        Assert.Matches("^[0-9a-f]{40}$", branch.HeadCommitId);
        Assert.Equal(clock.GetUtcNow(), branch.LastUpdatedTime);
    }

    [Fact]
    public void Creating_a_repository_that_exists_is_a_conflict()
    {
        Assert.Contains(Repository, AssertConflict(() => store.CreateSourceRepository(Space, Project, Repository)));
    }

    [Fact]
    public void Deleting_a_repository_removes_its_branches()
    {
        store.CreateSourceRepository(Space, Project, "scratch");
        store.CreateSourceRepositoryBranch(Space, Project, "scratch", "experiment");

        var deleted = store.DeleteSourceRepository(Space, Project, "scratch");

        Assert.Equal("scratch", deleted.Name);
        AssertNotFound(() => store.ListSourceRepositoryBranches(Space, Project, "scratch"));
        AssertNotFound(() => store.GetSourceRepository(Space, Project, "scratch"));
        AssertNotFound(() => store.GetSourceRepositoryCloneUrls(Space, Project, "scratch"));
        AssertNotFound(() => store.CreateSourceRepositoryBranch(Space, Project, "scratch", "again"));
        Assert.DoesNotContain(store.ListSourceRepositories(Space, Project), repository => repository.Name == "scratch");
        store.CreateSourceRepository(Space, Project, "scratch");
        Assert.Equal(["main"], store.ListSourceRepositoryBranches(Space, Project, "scratch").Select(branch => branch.Name));
    }

    [Fact]
    public void Deleting_a_repository_removes_the_workflows_defined_in_it()
    {
        store.DeleteSourceRepository(Space, Project, Repository);

        Assert.Empty(store.ListWorkflows(Space, Project));
        AssertNotFound(() => store.GetWorkflow(Space, Project, SampleData.BuildWorkflowId));
        AssertNotFound(() => store.DeleteSourceRepository(Space, Project, Repository));
    }

    [Fact]
    public void A_new_branch_starts_at_the_head_of_main_unless_told_otherwise()
    {
        var branches = store.ListSourceRepositoryBranches(Space, Project, Repository).ToDictionary(branch => branch.Name);
        clock.Advance(TimeSpan.FromMinutes(5));

        var fromMain = store.CreateSourceRepositoryBranch(Space, Project, Repository, "release/1.0");
        var fromFeature = store.CreateSourceRepositoryBranch(
            Space, Project, Repository, "feature/login-fix", branches[SampleData.FeatureBranchName].HeadCommitId.ToUpperInvariant());

        Assert.Equal(branches["main"].HeadCommitId, fromMain.HeadCommitId);
        Assert.Equal("refs/heads/release/1.0", fromMain.Ref);
        Assert.Equal(clock.GetUtcNow(), fromMain.LastUpdatedTime);
        Assert.Equal(branches[SampleData.FeatureBranchName].HeadCommitId, fromFeature.HeadCommitId);
        Assert.Equal(4, store.ListSourceRepositoryBranches(Space, Project, Repository).Count);
        Assert.Equal(clock.GetUtcNow(), store.GetSourceRepository(Space, Project, Repository).LastUpdatedTime);
    }

    [Fact]
    public void Creating_a_branch_that_exists_is_a_conflict()
    {
        Assert.Contains("'main'", AssertConflict(() => store.CreateSourceRepositoryBranch(Space, Project, Repository, "main")));
    }

    [Fact]
    public void A_branch_cannot_start_from_a_commit_the_repository_does_not_have()
    {
        var message = AssertNotFound(() =>
            store.CreateSourceRepositoryBranch(Space, Project, Repository, "topic", new string('a', 40)));

        Assert.Contains(new string('a', 40), message);
        Assert.Equal(2, store.ListSourceRepositoryBranches(Space, Project, Repository).Count);
    }

    [Fact]
    public void Missing_projects_and_repositories_are_not_found()
    {
        AssertNotFound(() => store.GetSourceRepository(Space, Project, "nope"));
        AssertNotFound(() => store.ListSourceRepositoryBranches(Space, Project, "nope"));
        AssertNotFound(() => store.CreateSourceRepository(Space, "NoSuchProject", "repo"));
        AssertNotFound(() => store.ListSourceRepositories("NoSuchSpace", Project));
    }

    [Fact]
    public void Clone_urls_name_the_space_region_project_and_repository()
    {
        Assert.Equal(
            "https://git.us-west-2.codecatalyst.aws/v1/ExampleCorp/MyDemoProject/MyDemoRepo",
            store.GetSourceRepositoryCloneUrls(Space, Project, Repository).Https);
        Assert.Equal(
            "https://git.eu-west-1.codecatalyst.aws/v1/AnyCompany/Sandbox/playground",
            store.GetSourceRepositoryCloneUrls(SampleData.SecondSpaceName, SampleData.SandboxProjectName, "playground").Https);
    }

    [Fact]
    public void Repository_ids_are_uuids()
    {
        Assert.All(
            store.ListSourceRepositories(Space, Project),
            repository => Assert.Matches(new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), repository.Id));
    }
}
