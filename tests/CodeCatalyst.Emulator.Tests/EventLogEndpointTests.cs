using System.Net.Http.Headers;
using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class EventLogEndpointTests
{
    private const string EventLogsPath = $"/v1/spaces/{SampleData.SpaceName}/eventLogs";
    private const string RepositoriesPath = $"{TestEmulator.ProjectPath}/sourceRepositories";
    private const string WholeHistory = """{"startTime":"2000-01-01T00:00:00Z","endTime":"2100-01-01T00:00:00Z"}""";

    [Fact]
    public async Task Actions_write_entries_that_list_events_returns_with_the_caller_and_project()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("event-log-test", "1.0"));
        var requestIds = new List<string>();
        foreach (var (path, send) in new (string, Func<string, Task<HttpResponseMessage>>)[]
        {
            ($"{RepositoriesPath}/audited", path => emulator.PutJsonAsync(path)),
            ($"{RepositoriesPath}/audited/branches/topic", path => emulator.PutJsonAsync(path)),
            ($"{RepositoriesPath}/audited", emulator.DeleteAsync),
        })
        {
            using var response = await send(path);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            requestIds.Add(Assert.Single(response.Headers.GetValues("x-amzn-RequestId")));
        }

        using var listed = await emulator.PostJsonAsync(EventLogsPath, WholeHistory);

        var entries = (await TestEmulator.ReadSuccessAsync(listed, 200)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["CreateSourceRepository", "CreateSourceRepositoryBranch", "DeleteSourceRepository"],
            entries.Select(entry => entry.GetProperty("eventName").GetString()));
        Assert.Equal(requestIds, entries.Select(entry => entry.GetProperty("requestId").GetString()));
        var first = entries[0];
        Assert.Equal(
            ["eventCategory", "eventName", "eventSource", "eventTime", "eventType", "id", "operationType", "projectInformation",
                "requestId", "sourceIpAddress", "userAgent", "userIdentity"],
            TestEmulator.MemberNames(first));
        Assert.Equal("MUTATION", first.GetProperty("operationType").GetString());
        Assert.Equal(SampleData.ProjectName, first.GetProperty("projectInformation").GetProperty("name").GetString());
        Assert.Equal(SampleData.SignedInUserId, first.GetProperty("userIdentity").GetProperty("principalId").GetString());
        Assert.Equal("USER", first.GetProperty("userIdentity").GetProperty("userType").GetString());
        Assert.Contains("event-log-test/1.0", first.GetProperty("userAgent").GetString());
        Assert.Equal("127.0.0.1", first.GetProperty("sourceIpAddress").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", first.GetProperty("eventTime").GetString());
    }

    [Fact]
    public async Task Dev_environment_and_session_actions_are_logged_too()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var session = await emulator.PutJsonAsync(
            $"{DevEnvironmentEndpointTests.SampleDevEnvironmentPath}/session", """{"sessionConfiguration":{"sessionType":"SSH"}}"""))
        {
            await TestEmulator.ReadSuccessAsync(session, 200);
        }

        using (var stop = await emulator.PutJsonAsync($"{DevEnvironmentEndpointTests.SampleDevEnvironmentPath}/stop"))
        {
            await TestEmulator.ReadSuccessAsync(stop, 200);
        }

        using var listed = await emulator.PostJsonAsync(EventLogsPath, WholeHistory);

        Assert.Equal(
            ["StartDevEnvironmentSession", "StopDevEnvironment"],
            (await TestEmulator.ReadSuccessAsync(listed, 200)).GetProperty("items").EnumerateArray()
                .Select(entry => entry.GetProperty("eventName").GetString()));
    }

    [Fact]
    public async Task List_event_logs_filters_by_event_name_and_time_window()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        await CreateRepositoryAsync(emulator, "early");
        clock.Advance(TimeSpan.FromHours(1));
        await CreateRepositoryAsync(emulator, "late");
        using (var deleted = await emulator.DeleteAsync($"{RepositoriesPath}/late"))
        {
            await TestEmulator.ReadSuccessAsync(deleted, 200);
        }

        var start = clock.GetUtcNow().AddMinutes(-30).UtcDateTime.ToString("O");
        var end = clock.GetUtcNow().UtcDateTime.ToString("O");
        var (inWindow, _) = await emulator.ListAllAsync(EventLogsPath, 250, new { startTime = start, endTime = end });
        var (creates, _) = await emulator.ListAllAsync(
            EventLogsPath, 250, new { startTime = "2000-01-01T00:00:00Z", endTime = "2100-01-01T00:00:00Z", eventName = "CreateSourceRepository" });

        Assert.Equal(["CreateSourceRepository", "DeleteSourceRepository"], inWindow.Select(entry => entry.GetProperty("eventName").GetString()));
        Assert.Equal(2, creates.Count);
        Assert.All(creates, entry => Assert.Equal("CreateSourceRepository", entry.GetProperty("eventName").GetString()));
    }

    [Fact]
    public async Task List_event_logs_pages_oldest_first_and_a_token_is_bound_to_its_window()
    {
        await using var emulator = await TestEmulator.StartAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await CreateRepositoryAsync(emulator, name);
        }

        var (entries, pages) = await emulator.ListAllAsync(
            EventLogsPath, 2, new { startTime = "2000-01-01T00:00:00Z", endTime = "2100-01-01T00:00:00Z" });
        using var firstPage = await emulator.PostJsonAsync(
            EventLogsPath, """{"startTime":"2000-01-01T00:00:00Z","endTime":"2100-01-01T00:00:00Z","maxResults":1}""");
        var token = (await TestEmulator.ReadSuccessAsync(firstPage, 200)).GetProperty("nextToken").GetString();
        using var otherWindow = await emulator.PostJsonAsync(
            EventLogsPath, JsonSerializer.Serialize(new { startTime = "2001-01-01T00:00:00Z", endTime = "2100-01-01T00:00:00Z", nextToken = token }));

        Assert.Equal(2, pages);
        Assert.Equal(3, entries.Select(entry => entry.GetProperty("id").GetString()).Distinct().Count());
        var times = entries.Select(entry => entry.GetProperty("eventTime").GetString()!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Contains("nextToken", await TestEmulator.AssertErrorAsync(otherWindow, 400, "ValidationException"));
    }

    [Theory]
    [InlineData("""{"endTime":"2100-01-01T00:00:00Z"}""", "startTime")]
    [InlineData("""{"startTime":"2100-01-01T00:00:00Z","endTime":"2000-01-01T00:00:00Z"}""", "endTime")]
    [InlineData("""{"startTime":"2000-01-01T00:00:00Z","endTime":"2100-01-01T00:00:00Z","maxResults":251}""", "maxResults")]
    public async Task List_event_logs_rejects_a_missing_or_reversed_window_and_oversized_pages(string body, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(EventLogsPath, body);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task List_event_logs_of_an_unknown_space_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/v1/spaces/NoSuchSpace/eventLogs", WholeHistory);

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    private static async Task CreateRepositoryAsync(TestEmulator emulator, string name)
    {
        using var response = await emulator.PutJsonAsync($"{RepositoriesPath}/{name}");
        await TestEmulator.ReadSuccessAsync(response, 201);
    }
}
