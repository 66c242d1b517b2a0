using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class WorkflowTests
{
    private const string WorkflowsPath = $"{TestEmulator.ProjectPath}/workflows";

    [Fact]
    public async Task Get_workflow_returns_every_member_of_the_model_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{WorkflowsPath}/{SampleData.BuildWorkflowId}");

        var workflow = await TestEmulator.ReadSuccessAsync(response);
        Assert.Equal(SampleData.SpaceName, workflow.GetProperty("spaceName").GetString());
        Assert.Equal(SampleData.ProjectName, workflow.GetProperty("projectName").GetString());
        Assert.Equal(SampleData.BuildWorkflowId, workflow.GetProperty("id").GetString());
        Assert.Equal(SampleData.BuildWorkflowName, workflow.GetProperty("name").GetString());
        Assert.Equal(SampleData.SourceRepositoryName, workflow.GetProperty("sourceRepositoryName").GetString());
        Assert.Equal(SampleData.SourceBranchName, workflow.GetProperty("sourceBranchName").GetString());
        Assert.Equal(".codecatalyst/workflows/build.yaml", workflow.GetProperty("definition").GetProperty("path").GetString());
        Assert.Equal("2026-01-05T09:00:00.000Z", workflow.GetProperty("createdTime").GetString());
        Assert.Equal("2026-02-10T14:30:00.000Z", workflow.GetProperty("lastUpdatedTime").GetString());
        Assert.Equal("QUEUED", workflow.GetProperty("runMode").GetString());
        Assert.Equal("ACTIVE", workflow.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Workflow_ids_are_matched_regardless_of_case()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{WorkflowsPath}/{SampleData.BuildWorkflowId.ToUpperInvariant()}");

        Assert.Equal(SampleData.BuildWorkflowId, (await TestEmulator.ReadSuccessAsync(response)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Get_workflow_of_an_unknown_id_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{WorkflowsPath}/{Guid.NewGuid()}");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("/v1/spaces/NoSuchSpace/projects/MyDemoProject/workflows/5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11")]
    [InlineData("/v1/spaces/ExampleCorp/projects/NoSuchProject/workflows/5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11")]
    public async Task Unknown_space_or_project_is_not_found(string path)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync(path);

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("/v1/spaces/ab/projects/MyDemoProject/workflows/5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11", "spaceName")]
    [InlineData("/v1/spaces/bad%20name/projects/MyDemoProject/workflows/5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11", "spaceName")]
    [InlineData("/v1/spaces/ExampleCorp/projects/-dash-first/workflows/5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11", "projectName")]
    [InlineData("/v1/spaces/ExampleCorp/projects/MyDemoProject/workflows/not-a-uuid", "id")]
    public async Task Get_workflow_rejects_members_that_break_the_model_constraints(string path, string member)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync(path);

        var message = await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Contains(member, message);
    }

    [Fact]
    public async Task Space_names_follow_each_operations_own_length_limits()
    {
        // ListWorkflows declares spaceName with a minimum length of 1 while GetWorkflow requires 3.
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/v1/spaces/ab/projects/MyDemoProject/workflows");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task List_workflows_returns_all_sample_workflows_as_summaries()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(WorkflowsPath);

        var body = await TestEmulator.ReadSuccessAsync(response);
        Assert.False(body.TryGetProperty("nextToken", out _));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            new[] { SampleData.BuildWorkflowName, SampleData.DeployWorkflowName, SampleData.FailingWorkflowName, SampleData.LintWorkflowName },
            items.Select(item => item.GetProperty("name").GetString()));
        var names = items[0].EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { "createdTime", "definition", "id", "lastUpdatedTime", "name", "runMode", "sourceBranchName", "sourceRepositoryName", "status" },
            names);
    }

    [Fact]
    public async Task List_workflows_accepts_an_empty_body_and_one_sort_criterion()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var emptyBody = await emulator.Client.PostAsync(WorkflowsPath, content: null);
        using var sorted = await emulator.PostJsonAsync(WorkflowsPath, """{"sortBy":[{}]}""");

        await TestEmulator.ReadSuccessAsync(emptyBody);
        await TestEmulator.ReadSuccessAsync(sorted);
    }

    [Fact]
    public async Task List_workflows_rejects_more_than_one_sort_criterion()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(WorkflowsPath, """{"sortBy":[{},{}]}""");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    [Fact]
    public async Task Malformed_json_bodies_are_validation_errors()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(WorkflowsPath, "{not json");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    [Fact]
    public async Task List_workflows_pages_through_every_workflow_exactly_once()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var seenIds = new List<string>();
        string? nextToken = null;
        var pages = 0;

        do
        {
            var query = "?maxResults=1" + (nextToken is null ? string.Empty : "&nextToken=" + Uri.EscapeDataString(nextToken));
            using var response = await emulator.PostJsonAsync(WorkflowsPath + query);
            var body = await TestEmulator.ReadSuccessAsync(response);
            seenIds.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            nextToken = body.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
            pages++;
        }
        while (nextToken is not null);

        Assert.Equal(4, pages);
        Assert.Equal(4, seenIds.Distinct().Count());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    public async Task List_workflows_rejects_max_results_outside_1_to_100(string maxResults)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"{WorkflowsPath}?maxResults={maxResults}");

        var message = await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Contains("maxResults", message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJTY29wZSI6Im90aGVyIiwiTGFzdEtleSI6ImEifQ")]
    public async Task List_workflows_rejects_a_token_it_did_not_issue(string nextToken)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"{WorkflowsPath}?nextToken={nextToken}");

        var message = await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Contains("nextToken", message);
    }

    [Fact]
    public async Task A_list_workflows_token_cannot_be_used_for_list_workflow_runs()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var firstPage = await emulator.PostJsonAsync($"{WorkflowsPath}?maxResults=1");
        var token = (await TestEmulator.ReadSuccessAsync(firstPage)).GetProperty("nextToken").GetString()!;

        using var response = await emulator.PostJsonAsync(
            $"{TestEmulator.ProjectPath}/workflowRuns?nextToken={Uri.EscapeDataString(token)}");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    [Fact]
    public async Task Timestamps_are_iso8601_utc_with_milliseconds()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(WorkflowsPath);

        foreach (var item in (await TestEmulator.ReadSuccessAsync(response)).GetProperty("items").EnumerateArray())
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", item.GetProperty("createdTime").GetString());
            Assert.Equal(JsonValueKind.String, item.GetProperty("lastUpdatedTime").ValueKind);
        }
    }
}
