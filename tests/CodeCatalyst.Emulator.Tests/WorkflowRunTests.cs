using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class WorkflowRunTests
{
    private const string RunsPath = $"{TestEmulator.ProjectPath}/workflowRuns";

    [Fact]
    public async Task Start_workflow_run_answers_with_the_model_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(
            $"{RunsPath}?workflowId={SampleData.BuildWorkflowId}", """{"clientToken":"token-1"}""");

        var body = await TestEmulator.ReadSuccessAsync(response);
        Assert.Equal(
            new[] { "id", "projectName", "spaceName", "workflowId" },
            body.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal));
        Assert.Equal(SampleData.SpaceName, body.GetProperty("spaceName").GetString());
        Assert.Equal(SampleData.ProjectName, body.GetProperty("projectName").GetString());
        Assert.Equal(SampleData.BuildWorkflowId, body.GetProperty("workflowId").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
    }

    [Fact]
    public async Task Repeated_client_token_returns_the_first_run()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var firstId = await emulator.StartRunAsync(SampleData.BuildWorkflowId, "same-token");
        var secondId = await emulator.StartRunAsync(SampleData.BuildWorkflowId, "same-token");

        Assert.Equal(firstId, secondId);
        using var list = await emulator.PostJsonAsync(RunsPath);
        Assert.Single((await TestEmulator.ReadSuccessAsync(list)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Runs_without_a_client_token_are_always_new()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var firstId = await emulator.StartRunAsync(SampleData.LintWorkflowId);
        var secondId = await emulator.StartRunAsync(SampleData.LintWorkflowId);

        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task A_client_token_reused_for_another_workflow_is_a_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.StartRunAsync(SampleData.BuildWorkflowId, "shared-token");

        using var response = await emulator.PutJsonAsync(
            $"{RunsPath}?workflowId={SampleData.LintWorkflowId}", """{"clientToken":"shared-token"}""");

        await TestEmulator.AssertErrorAsync(response, 409, "ConflictException");
    }

    [Theory]
    [InlineData("""{"clientToken":"has space"}""")]
    [InlineData("""{"clientToken":""}""")]
    [InlineData("""{"clientToken":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""")]
    public async Task Start_workflow_run_rejects_client_tokens_outside_the_model_constraints(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync($"{RunsPath}?workflowId={SampleData.BuildWorkflowId}", body);

        var message = await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Contains("clientToken", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?workflowId=build")]
    public async Task Start_workflow_run_needs_a_workflow_id_that_is_a_uuid(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(RunsPath + query);

        var message = await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Contains("workflowId", message);
    }

    [Fact]
    public async Task Start_workflow_run_of_an_unknown_workflow_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync($"{RunsPath}?workflowId={Guid.NewGuid()}");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Start_workflow_run_in_an_unknown_project_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(
            $"/v1/spaces/{SampleData.SpaceName}/projects/Elsewhere/workflowRuns?workflowId={SampleData.BuildWorkflowId}");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Get_workflow_run_of_an_unknown_id_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{RunsPath}/{Guid.NewGuid()}");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task A_successful_run_moves_from_provisioning_through_in_progress_to_succeeded()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var runId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);

        var provisioning = await GetRunAsync(emulator, runId);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var inProgress = await GetRunAsync(emulator, runId);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var succeeded = await GetRunAsync(emulator, runId);

        Assert.Equal("PROVISIONING", provisioning.GetProperty("status").GetString());
        Assert.False(provisioning.TryGetProperty("endTime", out _));
        Assert.Equal("2026-11-23T10:00:00.000Z", provisioning.GetProperty("startTime").GetString());
        Assert.Equal("2026-11-23T10:00:00.000Z", provisioning.GetProperty("lastUpdatedTime").GetString());

        Assert.Equal("IN_PROGRESS", inProgress.GetProperty("status").GetString());
        Assert.Equal("2026-11-23T10:00:00.500Z", inProgress.GetProperty("lastUpdatedTime").GetString());

        Assert.Equal("SUCCEEDED", succeeded.GetProperty("status").GetString());
        Assert.Equal("2026-11-23T10:00:02.000Z", succeeded.GetProperty("endTime").GetString());
        Assert.Equal("2026-11-23T10:00:02.000Z", succeeded.GetProperty("lastUpdatedTime").GetString());
        Assert.False(succeeded.TryGetProperty("statusReasons", out _));
        Assert.Equal(SampleData.BuildWorkflowId, succeeded.GetProperty("workflowId").GetString());
        Assert.Equal(SampleData.SpaceName, succeeded.GetProperty("spaceName").GetString());
        Assert.Equal(SampleData.ProjectName, succeeded.GetProperty("projectName").GetString());
    }

    [Fact]
    public async Task A_run_of_the_failing_workflow_ends_failed_with_status_reasons()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var runId = await emulator.StartRunAsync(SampleData.FailingWorkflowId);

        clock.Advance(TimeSpan.FromSeconds(2));
        var run = await GetRunAsync(emulator, runId);

        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        var reasons = run.GetProperty("statusReasons");
        Assert.Equal(JsonValueKind.Object, Assert.Single(reasons.EnumerateArray()).ValueKind);
    }

    [Fact]
    public async Task Run_speed_scales_every_phase()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock, runSpeed: 4);
        var runId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);

        clock.Advance(TimeSpan.FromSeconds(0.125));
        Assert.Equal("IN_PROGRESS", await emulator.RunStatusAsync(runId));
        clock.Advance(TimeSpan.FromSeconds(0.375));
        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(runId));
    }

    [Fact]
    public async Task A_queued_workflow_starts_a_new_run_only_after_the_earlier_one_finishes()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var firstId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);
        var secondId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("IN_PROGRESS", await emulator.RunStatusAsync(firstId));
        Assert.Equal("PROVISIONING", await emulator.RunStatusAsync(secondId));

        clock.Advance(TimeSpan.FromSeconds(1.5)); // t = 2.5 s: first done at 2 s, second in progress from 2.5 s
        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(firstId));
        Assert.Equal("IN_PROGRESS", await emulator.RunStatusAsync(secondId));

        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(secondId));
    }

    [Fact]
    public async Task A_superseded_workflow_replaces_the_earlier_active_run()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var firstId = await emulator.StartRunAsync(SampleData.DeployWorkflowId);
        clock.Advance(TimeSpan.FromSeconds(1));

        var secondId = await emulator.StartRunAsync(SampleData.DeployWorkflowId);

        var first = await GetRunAsync(emulator, firstId);
        Assert.Equal("SUPERSEDED", first.GetProperty("status").GetString());
        Assert.Equal("2026-11-23T10:00:01.000Z", first.GetProperty("endTime").GetString());
        Assert.Equal("PROVISIONING", await emulator.RunStatusAsync(secondId));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(secondId));
    }

    [Fact]
    public async Task A_superseded_workflow_leaves_finished_runs_alone()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var firstId = await emulator.StartRunAsync(SampleData.DeployWorkflowId);
        clock.Advance(TimeSpan.FromSeconds(5));

        await emulator.StartRunAsync(SampleData.DeployWorkflowId);

        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(firstId));
    }

    [Fact]
    public async Task A_parallel_workflow_runs_side_by_side()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var firstId = await emulator.StartRunAsync(SampleData.LintWorkflowId);
        var secondId = await emulator.StartRunAsync(SampleData.LintWorkflowId);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("IN_PROGRESS", await emulator.RunStatusAsync(firstId));
        Assert.Equal("IN_PROGRESS", await emulator.RunStatusAsync(secondId));
    }

    [Fact]
    public async Task Runs_progress_on_the_real_clock_by_default()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RunSpeed = 10 });
        var runId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string status;
        do
        {
            await Task.Delay(50);
            status = await emulator.RunStatusAsync(runId);
        }
        while (status != "SUCCEEDED" && DateTime.UtcNow < deadline);

        Assert.Equal("SUCCEEDED", status);
    }

    [Fact]
    public async Task List_workflow_runs_returns_summaries_newest_first_with_workflow_names()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var buildRunId = await emulator.StartRunAsync(SampleData.BuildWorkflowId);
        clock.Advance(TimeSpan.FromSeconds(3));
        var failingRunId = await emulator.StartRunAsync(SampleData.FailingWorkflowId);
        clock.Advance(TimeSpan.FromSeconds(3));

        using var response = await emulator.PostJsonAsync(RunsPath);

        var items = (await TestEmulator.ReadSuccessAsync(response)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { failingRunId, buildRunId }, items.Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(SampleData.FailingWorkflowName, items[0].GetProperty("workflowName").GetString());
        Assert.Equal("FAILED", items[0].GetProperty("status").GetString());
        Assert.Single(items[0].GetProperty("statusReasons").EnumerateArray());
        Assert.Equal(
            new[] { "endTime", "id", "lastUpdatedTime", "startTime", "status", "workflowId", "workflowName" },
            items[1].EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_workflow_runs_filters_by_workflow()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.StartRunAsync(SampleData.BuildWorkflowId);
        var lintRunId = await emulator.StartRunAsync(SampleData.LintWorkflowId);

        using var response = await emulator.PostJsonAsync($"{RunsPath}?workflowId={SampleData.LintWorkflowId}");

        var item = Assert.Single((await TestEmulator.ReadSuccessAsync(response)).GetProperty("items").EnumerateArray());
        Assert.Equal(lintRunId, item.GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_workflow_runs_of_an_unknown_workflow_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"{RunsPath}?workflowId={Guid.NewGuid()}");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    public async Task List_workflow_runs_rejects_max_results_outside_1_to_50(string maxResults)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"{RunsPath}?maxResults={maxResults}");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    [Fact]
    public async Task List_workflow_runs_pages_seeded_runs_in_pages_of_fifty_by_default()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var seededIds = emulator.Server.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.BuildWorkflowId, 120);

        var pages = await ReadAllRunPagesAsync(emulator, maxResults: null);

        Assert.Equal(new[] { 50, 50, 20 }, pages.Select(page => page.Count));
        Assert.Equal(seededIds, pages.SelectMany(page => page));
    }

    [Fact]
    public async Task Runs_started_while_paging_do_not_shift_later_pages()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var seededIds = emulator.Server.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.BuildWorkflowId, 10);
        using var firstPage = await emulator.PostJsonAsync($"{RunsPath}?maxResults=4");
        var first = await TestEmulator.ReadSuccessAsync(firstPage);
        var token = first.GetProperty("nextToken").GetString()!;

        await emulator.StartRunAsync(SampleData.LintWorkflowId);
        using var secondPage = await emulator.PostJsonAsync($"{RunsPath}?maxResults=4&nextToken={Uri.EscapeDataString(token)}");

        var secondIds = (await TestEmulator.ReadSuccessAsync(secondPage)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetString());
        Assert.Equal(seededIds.Skip(4).Take(4), secondIds);
    }

    [Fact]
    public async Task Seeded_runs_have_finished_with_the_workflows_outcome()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var runId = Assert.Single(
            emulator.Server.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.FailingWorkflowId, 1));

        var run = await GetRunAsync(emulator, runId);

        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.True(run.TryGetProperty("endTime", out _));
    }

    private static async Task<JsonElement> GetRunAsync(TestEmulator emulator, string runId)
    {
        using var response = await emulator.GetAsync($"{RunsPath}/{runId}");
        return await TestEmulator.ReadSuccessAsync(response);
    }

    private static async Task<List<List<string>>> ReadAllRunPagesAsync(TestEmulator emulator, int? maxResults)
    {
        var pages = new List<List<string>>();
        string? nextToken = null;
        do
        {
            var query = new List<string>();
            if (maxResults is not null)
            {
                query.Add($"maxResults={maxResults}");
            }

            if (nextToken is not null)
            {
                query.Add($"nextToken={Uri.EscapeDataString(nextToken)}");
            }

            using var response = await emulator.PostJsonAsync(RunsPath + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)));
            var body = await TestEmulator.ReadSuccessAsync(response);
            pages.Add(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList());
            nextToken = body.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
        }
        while (nextToken is not null);

        return pages;
    }
}
