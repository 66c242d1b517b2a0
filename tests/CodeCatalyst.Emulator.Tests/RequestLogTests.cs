using System.Net.Http.Headers;

namespace CodeCatalyst.Emulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task The_log_records_method_path_query_status_token_operation_and_body()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using (await emulator.PutJsonAsync(
                   $"{TestEmulator.ProjectPath}/workflowRuns?workflowId={SampleData.BuildWorkflowId}", """{"clientToken":"abc"}"""))
        {
        }

        var entry = Assert.Single(emulator.Server.Requests);
        Assert.Equal("PUT", entry.Method);
        Assert.Equal($"{TestEmulator.ProjectPath}/workflowRuns", entry.Path);
        Assert.Equal($"?workflowId={SampleData.BuildWorkflowId}", entry.QueryString);
        Assert.Equal(200, entry.StatusCode);
        Assert.Equal("StartWorkflowRun", entry.Operation);
        Assert.True(entry.HadAuthorizationHeader);
        Assert.Equal(TestEmulator.DefaultToken, entry.BearerToken);
        Assert.Equal("""{"clientToken":"abc"}""", entry.Body);
        Assert.False(entry.WasFaulted);
        Assert.True(Guid.TryParse(entry.RequestId, out _));
    }

    [Fact]
    public async Task The_log_records_rejected_requests_without_a_token()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;

        using (await emulator.GetAsync("/session"))
        {
        }

        var entry = Assert.Single(emulator.Server.Requests);
        Assert.Equal(403, entry.StatusCode);
        Assert.False(entry.HadAuthorizationHeader);
        Assert.Null(entry.BearerToken);
        Assert.Null(entry.Body);
    }

    [Fact]
    public async Task The_logged_request_id_matches_the_response_header()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync("/session");

        Assert.Equal(Assert.Single(response.Headers.GetValues("x-amzn-RequestId")), Assert.Single(emulator.Server.Requests).RequestId);
    }

    [Fact]
    public async Task Clearing_the_log_empties_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (await emulator.GetAsync("/session"))
        {
        }

        emulator.Server.ClearRequests();

        Assert.Empty(emulator.Server.Requests);
    }

    [Fact]
    public async Task The_log_is_served_and_cleared_over_http_without_logging_itself()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (await emulator.GetAsync("/session"))
        {
        }

        using var listed = await emulator.GetAsync("/_emulator/requests");
        var entry = Assert.Single((await TestEmulator.ReadSuccessAsync(listed)).GetProperty("requests").EnumerateArray());
        using var cleared = await emulator.Client.DeleteAsync("/_emulator/requests");

        Assert.Equal("/session", entry.GetProperty("path").GetString());
        Assert.Equal("VerifySession", entry.GetProperty("operation").GetString());
        Assert.Equal(200, entry.GetProperty("statusCode").GetInt32());
        Assert.Equal(TestEmulator.DefaultToken, entry.GetProperty("bearerToken").GetString());
        Assert.Equal(204, (int)cleared.StatusCode);
        Assert.Empty(emulator.Server.Requests);
    }

    [Fact]
    public async Task Reset_restores_the_starting_data_and_clears_log_and_faults()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.StartRunAsync(SampleData.BuildWorkflowId);
        emulator.Server.InjectFaults(new FaultSpec { PathContains = "/never-called" });

        using var reset = await emulator.PostJsonAsync("/_emulator/reset");

        Assert.Equal(204, (int)reset.StatusCode);
        Assert.Empty(emulator.Server.Requests);
        using var faults = await emulator.GetAsync("/_emulator/faults");
        Assert.Empty((await TestEmulator.ReadSuccessAsync(faults)).GetProperty("faults").EnumerateArray());
        using var runs = await emulator.PostJsonAsync($"{TestEmulator.ProjectPath}/workflowRuns");
        Assert.Empty((await TestEmulator.ReadSuccessAsync(runs)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Runs_can_be_seeded_over_http()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var seeded = await emulator.PostJsonAsync(
            "/_emulator/seed-runs",
            $$"""{"spaceName":"{{SampleData.SpaceName}}","projectName":"{{SampleData.ProjectName}}","workflowId":"{{SampleData.BuildWorkflowId}}","count":3}""");
        var runIds = (await TestEmulator.ReadSuccessAsync(seeded)).GetProperty("runIds").EnumerateArray().ToList();

        Assert.Equal(3, runIds.Count);
        Assert.Equal("SUCCEEDED", await emulator.RunStatusAsync(runIds[0].GetString()!));
    }

    [Fact]
    public async Task Seeding_runs_of_an_unknown_workflow_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var seeded = await emulator.PostJsonAsync(
            "/_emulator/seed-runs",
            $$"""{"spaceName":"{{SampleData.SpaceName}}","projectName":"{{SampleData.ProjectName}}","workflowId":"{{Guid.NewGuid()}}","count":3}""");

        await TestEmulator.AssertErrorAsync(seeded, 404, "ResourceNotFoundException");
    }
}
