using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class SourceRepositoryEndpointTests
{
    private const string RepositoriesPath = $"{TestEmulator.ProjectPath}/sourceRepositories";
    private const string DemoRepositoryPath = $"{RepositoriesPath}/{SampleData.SourceRepositoryName}";

    [Fact]
    public async Task Create_source_repository_answers_201_and_the_repository_can_be_read_and_listed()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var created = await emulator.PutJsonAsync($"{RepositoriesPath}/new-repo", """{"description":"Scripts"}""");
        using var read = await emulator.GetAsync($"{RepositoriesPath}/new-repo");
        using var listed = await emulator.PostJsonAsync(RepositoriesPath);

        var answer = await TestEmulator.ReadSuccessAsync(created, 201);
        Assert.Equal(["description", "name", "projectName", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal(
            (SampleData.SpaceName, SampleData.ProjectName, "new-repo", "Scripts"),
            (answer.GetProperty("spaceName").GetString(), answer.GetProperty("projectName").GetString(),
                answer.GetProperty("name").GetString(), answer.GetProperty("description").GetString()));
        var repository = await TestEmulator.ReadSuccessAsync(read, 200);
        Assert.Equal(
            ["createdTime", "description", "lastUpdatedTime", "name", "projectName", "spaceName"],
            TestEmulator.MemberNames(repository));
        Assert.Equal(repository.GetProperty("createdTime").GetString(), repository.GetProperty("lastUpdatedTime").GetString());
        var names = (await TestEmulator.ReadSuccessAsync(listed, 200)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("name").GetString());
        Assert.Contains("new-repo", names);
    }

    [Fact]
    public async Task A_new_repository_starts_with_a_main_branch()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await emulator.PutJsonAsync($"{RepositoriesPath}/new-repo");
        await TestEmulator.ReadSuccessAsync(created, 201);

        using var branches = await emulator.PostJsonAsync($"{RepositoriesPath}/new-repo/branches");

        var branch = Assert.Single((await TestEmulator.ReadSuccessAsync(branches, 200)).GetProperty("items").EnumerateArray());
        Assert.Equal(("main", "refs/heads/main"), (branch.GetProperty("name").GetString(), branch.GetProperty("ref").GetString()));
        Assert.Matches("^[0-9a-f]{40}$", branch.GetProperty("headCommitId").GetString());
    }

    [Fact]
    public async Task Create_source_repository_with_a_taken_name_is_a_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(DemoRepositoryPath);

        var message = await TestEmulator.AssertErrorAsync(response, 409, "ConflictException");
        Assert.Contains(SampleData.SourceRepositoryName, message);
    }

    [Theory]
    [InlineData($"{RepositoriesPath}/repo.git", "name")]
    [InlineData($"{RepositoriesPath}/bad%20name", "name")]
    [InlineData("/v1/spaces/ab/projects/MyDemoProject/sourceRepositories/new-repo", "spaceName")]
    public async Task Create_source_repository_rejects_names_the_model_does_not_allow(string path, string member)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(path);

        Assert.Contains(member, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Create_source_repository_in_an_unknown_project_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync($"/v1/spaces/{SampleData.SpaceName}/projects/NoSuchProject/sourceRepositories/new-repo");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Get_source_repository_of_an_unknown_name_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{RepositoriesPath}/NoSuchRepo");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task List_source_repositories_pages_through_every_repository_in_name_order()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var (items, pages) = await emulator.ListAllAsync(RepositoriesPath, maxResults: 1);

        Assert.Equal(2, pages);
        Assert.Equal([SampleData.DocsRepositoryName, SampleData.SourceRepositoryName], items.Select(item => item.GetProperty("name").GetString()));
        Assert.Equal(["createdTime", "description", "id", "lastUpdatedTime", "name"], TestEmulator.MemberNames(items[0]));
        Assert.Matches("^[0-9a-f-]{36}$", items[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task List_source_repositories_rejects_max_results_outside_1_to_200(int maxResults)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(RepositoriesPath, $$"""{"maxResults":{{maxResults}}}""");

        Assert.Contains("maxResults", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task A_repository_token_is_refused_for_another_projects_listing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var firstPage = await emulator.PostJsonAsync(RepositoriesPath, """{"maxResults":1}""");
        var token = (await TestEmulator.ReadSuccessAsync(firstPage, 200)).GetProperty("nextToken").GetString();

        using var response = await emulator.PostJsonAsync(
            $"/v1/spaces/{SampleData.SpaceName}/projects/{SampleData.PipelineProjectName}/sourceRepositories",
            JsonSerializer.Serialize(new { nextToken = token }));

        Assert.Contains("nextToken", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Deleting_a_repository_answers_its_names_and_takes_its_branches_with_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var created = await emulator.PutJsonAsync($"{RepositoriesPath}/short-lived"))
        {
            await TestEmulator.ReadSuccessAsync(created, 201);
        }

        using (var branch = await emulator.PutJsonAsync($"{RepositoriesPath}/short-lived/branches/topic"))
        {
            await TestEmulator.ReadSuccessAsync(branch, 201);
        }

        using var deleted = await emulator.DeleteAsync($"{RepositoriesPath}/short-lived");
        using var readAfter = await emulator.GetAsync($"{RepositoriesPath}/short-lived");
        using var branchesAfter = await emulator.PostJsonAsync($"{RepositoriesPath}/short-lived/branches");
        using var recreated = await emulator.PutJsonAsync($"{RepositoriesPath}/short-lived");
        using var branchesOfRecreated = await emulator.PostJsonAsync($"{RepositoriesPath}/short-lived/branches");

        var answer = await TestEmulator.ReadSuccessAsync(deleted, 200);
        Assert.Equal(["name", "projectName", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal("short-lived", answer.GetProperty("name").GetString());
        await TestEmulator.AssertErrorAsync(readAfter, 404, "ResourceNotFoundException");
        await TestEmulator.AssertErrorAsync(branchesAfter, 404, "ResourceNotFoundException");
        await TestEmulator.ReadSuccessAsync(recreated, 201);
        var branchNames = (await TestEmulator.ReadSuccessAsync(branchesOfRecreated, 200)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("name").GetString());
        Assert.Equal(["main"], branchNames);
    }

    [Fact]
    public async Task Delete_source_repository_of_an_unknown_name_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.DeleteAsync($"{RepositoriesPath}/NoSuchRepo");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Clone_urls_name_the_space_project_and_repository()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{DemoRepositoryPath}/cloneUrls");
        using var unknown = await emulator.GetAsync($"{RepositoriesPath}/NoSuchRepo/cloneUrls");

        var urls = await TestEmulator.ReadSuccessAsync(response, 200);
        Assert.Equal(["https"], TestEmulator.MemberNames(urls));
        Assert.Equal(
            $"https://git.us-west-2.codecatalyst.aws/v1/{SampleData.SpaceName}/{SampleData.ProjectName}/{SampleData.SourceRepositoryName}",
            urls.GetProperty("https").GetString());
        await TestEmulator.AssertErrorAsync(unknown, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task List_branches_pages_through_the_sample_branches_with_their_refs()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var (items, pages) = await emulator.ListAllAsync($"{DemoRepositoryPath}/branches", maxResults: 1);

        Assert.Equal(2, pages);
        Assert.Equal([SampleData.FeatureBranchName, SampleData.SourceBranchName], items.Select(item => item.GetProperty("name").GetString()));
        Assert.Equal("refs/heads/feature/login", items[0].GetProperty("ref").GetString());
        Assert.Equal(["headCommitId", "lastUpdatedTime", "name", "ref"], TestEmulator.MemberNames(items[0]));
    }

    [Fact]
    public async Task List_branches_rejects_max_results_above_50()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"{DemoRepositoryPath}/branches", """{"maxResults":51}""");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    [Fact]
    public async Task A_branch_name_with_a_slash_travels_encoded_and_is_created_as_written()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var mainHead = await HeadCommitOfAsync(emulator, SampleData.SourceBranchName);

        using var created = await emulator.PutJsonAsync(
            $"{DemoRepositoryPath}/branches/{Uri.EscapeDataString("release/2026.11")}",
            JsonSerializer.Serialize(new { headCommitId = mainHead }));

        var branch = await TestEmulator.ReadSuccessAsync(created, 201);
        Assert.Equal(["headCommitId", "lastUpdatedTime", "name", "ref"], TestEmulator.MemberNames(branch));
        Assert.Equal(
            ("release/2026.11", "refs/heads/release/2026.11", mainHead),
            (branch.GetProperty("name").GetString(), branch.GetProperty("ref").GetString(), branch.GetProperty("headCommitId").GetString()));
        Assert.Equal(mainHead, await HeadCommitOfAsync(emulator, "release/2026.11"));
    }

    [Fact]
    public async Task Create_branch_that_exists_is_a_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync($"{DemoRepositoryPath}/branches/{Uri.EscapeDataString(SampleData.FeatureBranchName)}");

        Assert.Contains(SampleData.FeatureBranchName, await TestEmulator.AssertErrorAsync(response, 409, "ConflictException"));
    }

    [Fact]
    public async Task Create_branch_at_a_commit_the_repository_never_had_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(
            $"{DemoRepositoryPath}/branches/topic", JsonSerializer.Serialize(new { headCommitId = new string('a', 40) }));

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Create_branch_rejects_a_name_longer_than_100_characters()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync($"{DemoRepositoryPath}/branches/{new string('b', 101)}");

        Assert.Contains("name", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    private static async Task<string?> HeadCommitOfAsync(TestEmulator emulator, string branchName)
    {
        var (items, _) = await emulator.ListAllAsync($"{DemoRepositoryPath}/branches", maxResults: 50);
        return items.Single(item => item.GetProperty("name").GetString() == branchName).GetProperty("headCommitId").GetString();
    }
}
