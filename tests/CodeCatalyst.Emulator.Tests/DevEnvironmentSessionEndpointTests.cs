using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class DevEnvironmentSessionEndpointTests
{
    private const string SessionPath = $"{DevEnvironmentEndpointTests.SampleDevEnvironmentPath}/session";
    private const string SessionsPath = $"{DevEnvironmentEndpointTests.SampleDevEnvironmentPath}/sessions";
    private const string SsmSession = """{"sessionConfiguration":{"sessionType":"SSM"}}""";

    [Fact]
    public async Task A_session_on_a_running_dev_environment_hands_out_credentials_once_and_lists_without_them()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var started = await emulator.PutJsonAsync(SessionPath, SsmSession);
        var answer = await TestEmulator.ReadSuccessAsync(started, 200);
        using var listed = await emulator.PostJsonAsync(SessionsPath);
        var listingText = await listed.Content.ReadAsStringAsync();

        Assert.Equal(["accessDetails", "id", "projectName", "sessionId", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal(SampleData.DevEnvironmentId, answer.GetProperty("id").GetString());
        var accessDetails = answer.GetProperty("accessDetails");
        var tokenValue = accessDetails.GetProperty("tokenValue").GetString()!;
        Assert.StartsWith("wss://", accessDetails.GetProperty("streamUrl").GetString());
        Assert.False(string.IsNullOrEmpty(tokenValue));
        var session = Assert.Single(JsonDocument.Parse(listingText).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(["devEnvironmentId", "id", "projectName", "spaceName", "startedTime"], TestEmulator.MemberNames(session));
        Assert.Equal(answer.GetProperty("sessionId").GetString(), session.GetProperty("id").GetString());
        Assert.DoesNotContain(tokenValue, listingText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_session_answers_its_ids_and_removes_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var sessionId = await StartSessionAsync(emulator);

        using var stopped = await emulator.DeleteAsync($"{SessionPath}/{sessionId}");
        using var again = await emulator.DeleteAsync($"{SessionPath}/{sessionId}");
        var (remaining, _) = await emulator.ListAllAsync(SessionsPath, 50);

        var answer = await TestEmulator.ReadSuccessAsync(stopped, 200);
        Assert.Equal(["id", "projectName", "sessionId", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal(sessionId, answer.GetProperty("sessionId").GetString());
        await TestEmulator.AssertErrorAsync(again, 404, "ResourceNotFoundException");
        Assert.Empty(remaining);
    }

    [Fact]
    public async Task Sessions_start_only_on_running_dev_environments()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var pending = await DevEnvironmentEndpointTests.CreateAsync(emulator);

        using var onPending = await emulator.PutJsonAsync($"{DevEnvironmentEndpointTests.DevEnvironmentsPath}/{pending}/session", SsmSession);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        using var onRunning = await emulator.PutJsonAsync($"{DevEnvironmentEndpointTests.DevEnvironmentsPath}/{pending}/session", SsmSession);

        Assert.Contains("RUNNING", await TestEmulator.AssertErrorAsync(onPending, 409, "ConflictException"));
        await TestEmulator.ReadSuccessAsync(onRunning, 200);
    }

    [Fact]
    public async Task Stopping_the_dev_environment_ends_its_sessions_and_refuses_new_ones()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        await StartSessionAsync(emulator);

        using var stop = await emulator.PutJsonAsync($"{DevEnvironmentEndpointTests.SampleDevEnvironmentPath}/stop");
        await TestEmulator.ReadSuccessAsync(stop, 200);
        var (remaining, _) = await emulator.ListAllAsync(SessionsPath, 50);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var onStopped = await emulator.PutJsonAsync(SessionPath, SsmSession);

        Assert.Empty(remaining);
        Assert.Contains("STOPPED", await TestEmulator.AssertErrorAsync(onStopped, 409, "ConflictException"));
    }

    [Fact]
    public async Task List_sessions_pages_oldest_first()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var started = new List<string>();
        for (var index = 0; index < 3; index++)
        {
            started.Add(await StartSessionAsync(emulator));
        }

        var (items, pages) = await emulator.ListAllAsync(SessionsPath, maxResults: 2);

        Assert.Equal(2, pages);
        Assert.Equal(started, items.Select(item => item.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("""{"sessionConfiguration":{"sessionType":"RDP"}}""", "sessionType")]
    [InlineData("{}", "sessionConfiguration")]
    [InlineData("""{"sessionConfiguration":{"sessionType":"SSM","executeCommandSessionConfiguration":{"command":""}}}""", "command")]
    public async Task Start_session_rejects_configurations_the_model_does_not_allow(string body, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(SessionPath, body);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Sessions_of_an_unknown_dev_environment_are_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var unknownPath = $"{DevEnvironmentEndpointTests.DevEnvironmentsPath}/{Guid.NewGuid()}";

        using var start = await emulator.PutJsonAsync($"{unknownPath}/session", SsmSession);
        using var list = await emulator.PostJsonAsync($"{unknownPath}/sessions");

        await TestEmulator.AssertErrorAsync(start, 404, "ResourceNotFoundException");
        await TestEmulator.AssertErrorAsync(list, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task List_sessions_rejects_max_results_above_200()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(SessionsPath, """{"maxResults":201}""");

        await TestEmulator.AssertErrorAsync(response, 400, "ValidationException");
    }

    private static async Task<string> StartSessionAsync(TestEmulator emulator)
    {
        using var response = await emulator.PutJsonAsync(SessionPath, SsmSession);
        return (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("sessionId").GetString()!;
    }
}
