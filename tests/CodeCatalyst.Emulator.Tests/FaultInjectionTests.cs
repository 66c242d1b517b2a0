namespace CodeCatalyst.Emulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task An_injected_500_fails_the_next_request_only()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 500 });

        using var faulted = await emulator.GetAsync("/session");
        using var normal = await emulator.GetAsync("/session");

        await TestEmulator.AssertErrorAsync(faulted, 500, "InternalServerException");
        Assert.Equal(200, (int)normal.StatusCode);
    }

    [Fact]
    public async Task An_injected_429_is_a_throttling_error_with_retry_after()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 429, RetryAfterSeconds = 3, Count = 2 });

        using var first = await emulator.GetAsync("/session");
        using var second = await emulator.GetAsync("/session");
        using var third = await emulator.GetAsync("/session");

        await TestEmulator.AssertErrorAsync(first, 429, "ThrottlingException");
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        await TestEmulator.AssertErrorAsync(second, 429, "ThrottlingException");
        Assert.Equal(200, (int)third.StatusCode);
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_client_no_response()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { DropConnection = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync("/session"));
        using var normal = await emulator.GetAsync("/session");

        Assert.Equal(200, (int)normal.StatusCode);
    }

    [Fact]
    public async Task A_fault_after_handling_makes_the_change_then_answers_with_the_fault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 500, AfterHandling = true, PathContains = "/v1/accessTokens" });

        using var faulted = await emulator.PutJsonAsync("/v1/accessTokens", """{"name": "made-anyway"}""");
        await TestEmulator.AssertErrorAsync(faulted, 500, "InternalServerException");

        var (tokens, _) = await emulator.ListAllAsync("/v1/accessTokens", 10);
        Assert.Equal("made-anyway", Assert.Single(tokens).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_dropped_connection_after_handling_makes_the_change_and_is_set_through_the_admin_endpoint()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var added = await emulator.PostJsonAsync("/_emulator/faults", """{"drop": true, "afterHandling": true, "pathContains": "/v1/accessTokens"}""");
        Assert.Equal(204, (int)added.StatusCode);

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PutJsonAsync("/v1/accessTokens", """{"name": "made-then-dropped"}"""));

        var (tokens, _) = await emulator.ListAllAsync("/v1/accessTokens", 10);
        Assert.Equal("made-then-dropped", Assert.Single(tokens).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_fault_with_a_path_filter_skips_other_paths()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 503, PathContains = "/workflowRuns" });

        using var session = await emulator.GetAsync("/session");
        using var runs = await emulator.PostJsonAsync($"{TestEmulator.ProjectPath}/workflowRuns");

        Assert.Equal(200, (int)session.StatusCode);
        await TestEmulator.AssertErrorAsync(runs, 503, "ServiceUnavailableException");
    }

    [Fact]
    public async Task Faulted_requests_are_marked_in_the_request_log()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 500 });
        emulator.Server.InjectFaults(new FaultSpec { DropConnection = true });

        using (await emulator.GetAsync("/session"))
        {
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync("/session"));
        using (await emulator.GetAsync("/session"))
        {
        }

        var log = emulator.Server.Requests;
        Assert.Equal(3, log.Count);
        Assert.Equal(("status", 500), (log[0].Fault, log[0].StatusCode));
        Assert.Equal(("drop", 0), (log[1].Fault, log[1].StatusCode));
        Assert.False(log[2].WasFaulted);
        Assert.Equal("VerifySession", log[0].Operation);
    }

    [Fact]
    public async Task Faults_can_be_injected_and_listed_over_http()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var added = await emulator.PostJsonAsync(
            "/_emulator/faults", """{"status": 429, "count": 2, "retryAfterSeconds": 1, "pathContains": "/session"}""");
        using var listed = await emulator.GetAsync("/_emulator/faults");
        var pending = Assert.Single((await TestEmulator.ReadSuccessAsync(listed)).GetProperty("faults").EnumerateArray());
        using var throttled = await emulator.GetAsync("/session");

        Assert.Equal(204, (int)added.StatusCode);
        Assert.Equal(429, pending.GetProperty("status").GetInt32());
        Assert.Equal(2, pending.GetProperty("count").GetInt32());
        await TestEmulator.AssertErrorAsync(throttled, 429, "ThrottlingException");
    }

    [Fact]
    public async Task A_connection_drop_can_be_injected_over_http()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var added = await emulator.PostJsonAsync("/_emulator/faults", """{"drop": true}""");

        Assert.Equal(204, (int)added.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync("/session"));
    }

    [Fact]
    public async Task Admin_endpoints_are_never_faulted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { StatusCode = 500 });

        using var admin = await emulator.GetAsync("/_emulator/requests");
        using var api = await emulator.GetAsync("/session");

        Assert.Equal(200, (int)admin.StatusCode);
        Assert.Equal(500, (int)api.StatusCode);
    }

    [Fact]
    public async Task Invalid_faults_are_rejected()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/faults", """{"status": 200}""");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Server.InjectFaults(new FaultSpec { Count = 0 }));
    }

    [Fact]
    public async Task Clearing_faults_cancels_pending_ones()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.InjectFaults(new FaultSpec { Count = 5 });

        using var cleared = await emulator.Client.DeleteAsync("/_emulator/faults");
        using var response = await emulator.GetAsync("/session");

        Assert.Equal(204, (int)cleared.StatusCode);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
