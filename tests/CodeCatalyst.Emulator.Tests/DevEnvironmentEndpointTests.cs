using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class DevEnvironmentEndpointTests
{
    internal const string DevEnvironmentsPath = $"{TestEmulator.ProjectPath}/devEnvironments";
    internal const string SampleDevEnvironmentPath = $"{DevEnvironmentsPath}/{SampleData.DevEnvironmentId}";
    private const string SpaceDevEnvironmentsPath = $"/v1/spaces/{SampleData.SpaceName}/devEnvironments";

    internal const string SmallDevEnvironment = """
        {"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":16},"ides":[{"name":"VSCode"}],
         "repositories":[{"repositoryName":"MyDemoRepo","branchName":"main"}],"alias":"my-env"}
        """;

    private static readonly TimeSpan PendingTime = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan TransitionTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_created_dev_environment_answers_201_then_goes_pending_starting_running_on_the_clock()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);

        using var created = await emulator.PutJsonAsync(DevEnvironmentsPath, SmallDevEnvironment);
        var answer = await TestEmulator.ReadSuccessAsync(created, 201);
        var id = answer.GetProperty("id").GetString()!;
        var atCreation = await StatusAsync(emulator, id);
        clock.Advance(PendingTime);
        var afterPending = await StatusAsync(emulator, id);
        clock.Advance(TransitionTime);
        var afterStarting = await StatusAsync(emulator, id);

        Assert.Equal(["id", "projectName", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal(("PENDING", "STARTING", "RUNNING"), (atCreation, afterPending, afterStarting));
    }

    [Fact]
    public async Task Stop_then_start_goes_stopping_stopped_then_starting_running_on_the_clock()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);

        using var stopped = await emulator.PutJsonAsync($"{SampleDevEnvironmentPath}/stop");
        var stopAnswer = await TestEmulator.ReadSuccessAsync(stopped, 200);
        clock.Advance(TransitionTime);
        var afterStopping = await StatusAsync(emulator, SampleData.DevEnvironmentId);
        using var started = await emulator.PutJsonAsync($"{SampleDevEnvironmentPath}/start");
        var startAnswer = await TestEmulator.ReadSuccessAsync(started, 200);
        clock.Advance(TransitionTime);
        var afterStarting = await StatusAsync(emulator, SampleData.DevEnvironmentId);

        Assert.Equal(["id", "projectName", "spaceName", "status"], TestEmulator.MemberNames(stopAnswer));
        Assert.Equal("STOPPING", stopAnswer.GetProperty("status").GetString());
        Assert.Equal("STOPPED", afterStopping);
        Assert.Equal(["id", "projectName", "spaceName", "status"], TestEmulator.MemberNames(startAnswer));
        Assert.Equal("STARTING", startAnswer.GetProperty("status").GetString());
        Assert.Equal("RUNNING", afterStarting);
    }

    [Fact]
    public async Task Get_dev_environment_returns_every_member_the_sample_has()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{DevEnvironmentsPath}/{SampleData.DevEnvironmentId.ToUpperInvariant()}");

        var environment = await TestEmulator.ReadSuccessAsync(response, 200);
        Assert.Equal(
            ["alias", "creatorId", "id", "ides", "inactivityTimeoutMinutes", "instanceType", "lastUpdatedTime", "persistentStorage",
                "projectName", "repositories", "spaceName", "status"],
            TestEmulator.MemberNames(environment));
        Assert.Equal(SampleData.DevEnvironmentId, environment.GetProperty("id").GetString());
        Assert.Equal(SampleData.SignedInUserId, environment.GetProperty("creatorId").GetString());
        Assert.Equal("RUNNING", environment.GetProperty("status").GetString());
        Assert.Equal(16, environment.GetProperty("persistentStorage").GetProperty("sizeInGiB").GetInt32());
        Assert.Equal("VSCode", environment.GetProperty("ides")[0].GetProperty("name").GetString());
        Assert.Equal(
            """[{"repositoryName":"MyDemoRepo","branchName":"main"}]""",
            environment.GetProperty("repositories").GetRawText());
    }

    [Fact]
    public async Task Get_dev_environment_of_an_unknown_id_is_not_found_and_a_malformed_id_is_invalid()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var unknown = await emulator.GetAsync($"{DevEnvironmentsPath}/{Guid.NewGuid()}");
        using var malformed = await emulator.GetAsync($"{DevEnvironmentsPath}/not-a-uuid");

        await TestEmulator.AssertErrorAsync(unknown, 404, "ResourceNotFoundException");
        Assert.Contains("id", await TestEmulator.AssertErrorAsync(malformed, 400, "ValidationException"));
    }

    [Theory]
    [InlineData("""{"instanceType":"dev.standard1.huge","persistentStorage":{"sizeInGiB":16},"ides":[{"name":"VSCode"}]}""", "instanceType")]
    [InlineData("""{"instanceType":"dev.standard1.small","ides":[{"name":"VSCode"}]}""", "persistentStorage")]
    [InlineData("""{"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":65},"ides":[{"name":"VSCode"}]}""", "sizeInGiB")]
    [InlineData("""{"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":20},"ides":[{"name":"VSCode"}]}""", "16, 32 or 64")]
    [InlineData("""{"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":16},"ides":[{"name":"VSCode"},{"name":"PyCharm"}]}""", "ides")]
    [InlineData("""{"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":16},"ides":[{"name":"VSCode"}],"alias":"no spaces"}""", "alias")]
    public async Task Create_dev_environment_rejects_what_the_model_and_reference_do_not_allow(string body, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(DevEnvironmentsPath, body);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Create_dev_environment_cloning_an_unknown_repository_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(
            DevEnvironmentsPath,
            SmallDevEnvironment.Replace("MyDemoRepo", "NoSuchRepo", StringComparison.Ordinal));

        Assert.Contains("NoSuchRepo", await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task A_repeated_client_token_returns_the_same_dev_environment_and_a_reused_one_is_a_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var withToken = SmallDevEnvironment.Replace("\"alias\"", "\"clientToken\":\"create-once\",\"alias\"", StringComparison.Ordinal);

        using var first = await emulator.PutJsonAsync(DevEnvironmentsPath, withToken);
        using var retry = await emulator.PutJsonAsync(DevEnvironmentsPath, withToken);
        using var different = await emulator.PutJsonAsync(DevEnvironmentsPath, withToken.Replace("my-env", "other-env", StringComparison.Ordinal));

        Assert.Equal(
            (await TestEmulator.ReadSuccessAsync(first, 201)).GetProperty("id").GetString(),
            (await TestEmulator.ReadSuccessAsync(retry, 201)).GetProperty("id").GetString());
        await TestEmulator.AssertErrorAsync(different, 409, "ConflictException");
    }

    [Fact]
    public async Task Stopping_a_dev_environment_that_is_still_starting_is_a_conflict()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var id = await CreateAsync(emulator);

        using var response = await emulator.PutJsonAsync($"{DevEnvironmentsPath}/{id}/stop");

        Assert.Contains("RUNNING", await TestEmulator.AssertErrorAsync(response, 409, "ConflictException"));
    }

    [Fact]
    public async Task Start_and_stop_of_an_unknown_dev_environment_are_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var start = await emulator.PutJsonAsync($"{DevEnvironmentsPath}/{Guid.NewGuid()}/start");
        using var stop = await emulator.PutJsonAsync($"{DevEnvironmentsPath}/{Guid.NewGuid()}/stop");

        await TestEmulator.AssertErrorAsync(start, 404, "ResourceNotFoundException");
        await TestEmulator.AssertErrorAsync(stop, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task List_dev_environments_covers_the_whole_space_and_pages_oldest_first()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var pipelineEnvironment = await CreateAsync(emulator, $"/v1/spaces/{SampleData.SpaceName}/projects/{SampleData.PipelineProjectName}/devEnvironments", "{\"instanceType\":\"dev.standard1.medium\",\"persistentStorage\":{\"sizeInGiB\":32},\"ides\":[{\"name\":\"PyCharm\"}]}");

        var (items, pages) = await emulator.ListAllAsync(SpaceDevEnvironmentsPath, maxResults: 1);

        Assert.Equal(2, pages);
        Assert.Equal([SampleData.DevEnvironmentId, pipelineEnvironment], items.Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(
            [SampleData.ProjectName, SampleData.PipelineProjectName],
            items.Select(item => item.GetProperty("projectName").GetString()));
        Assert.Equal("""{"sizeInGiB":32}""", items[1].GetProperty("persistentStorage").GetRawText());
        Assert.Equal("[]", items[1].GetProperty("repositories").GetRawText());
    }

    [Fact]
    public async Task List_dev_environments_narrows_to_a_project_and_to_filters()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var created = await CreateAsync(emulator);

        var (inPipeline, _) = await emulator.ListAllAsync(SpaceDevEnvironmentsPath, 50, new { projectName = SampleData.PipelineProjectName });
        var (running, _) = await emulator.ListAllAsync(
            SpaceDevEnvironmentsPath, 50, new { filters = new[] { new { key = "status", values = new[] { "RUNNING" } } } });
        var (byAlias, _) = await emulator.ListAllAsync(
            SpaceDevEnvironmentsPath, 50, new { filters = new[] { new { key = "alias", values = new[] { "my" }, comparisonOperator = "BEGINS_WITH" } } });

        Assert.Empty(inPipeline);
        Assert.Equal([SampleData.DevEnvironmentId], running.Select(item => item.GetProperty("id").GetString()));
        Assert.Equal([created], byAlias.Select(item => item.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("""{"filters":[{"key":"color","values":["blue"]}]}""", "color")]
    [InlineData("""{"filters":[{"key":"status"}]}""", "values")]
    [InlineData("""{"maxResults":51}""", "maxResults")]
    public async Task List_dev_environments_rejects_unknown_filters_and_oversized_pages(string body, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(SpaceDevEnvironmentsPath, body);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task List_dev_environments_of_an_unknown_project_is_not_found()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(SpaceDevEnvironmentsPath, """{"projectName":"NoSuchProject"}""");

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Update_changes_the_alias_in_place_and_a_new_instance_type_restarts_a_running_dev_environment()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);

        using var renamed = await emulator.PatchJsonAsync(SampleDevEnvironmentPath, """{"alias":"renamed","clientToken":"update-1"}""");
        var renamedAnswer = await TestEmulator.ReadSuccessAsync(renamed, 200);
        var statusAfterRename = await StatusAsync(emulator, SampleData.DevEnvironmentId);
        using var resized = await emulator.PatchJsonAsync(SampleDevEnvironmentPath, """{"instanceType":"dev.standard1.large"}""");
        var resizedAnswer = await TestEmulator.ReadSuccessAsync(resized, 200);
        var statusAfterResize = await StatusAsync(emulator, SampleData.DevEnvironmentId);

        Assert.Equal(
            ["alias", "clientToken", "id", "ides", "inactivityTimeoutMinutes", "instanceType", "projectName", "spaceName"],
            TestEmulator.MemberNames(renamedAnswer));
        Assert.Equal(("renamed", "update-1"), (renamedAnswer.GetProperty("alias").GetString(), renamedAnswer.GetProperty("clientToken").GetString()));
        Assert.Equal("RUNNING", statusAfterRename);
        Assert.Equal("dev.standard1.large", resizedAnswer.GetProperty("instanceType").GetString());
        Assert.Equal("STOPPING", statusAfterResize);
    }

    [Fact]
    public async Task Update_with_an_empty_alias_removes_it()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PatchJsonAsync(SampleDevEnvironmentPath, """{"alias":""}""");

        Assert.False((await TestEmulator.ReadSuccessAsync(response, 200)).TryGetProperty("alias", out _));
    }

    [Fact]
    public async Task Update_of_the_instance_type_while_starting_is_a_conflict()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);
        var id = await CreateAsync(emulator);

        using var response = await emulator.PatchJsonAsync($"{DevEnvironmentsPath}/{id}", """{"instanceType":"dev.standard1.large"}""");

        await TestEmulator.AssertErrorAsync(response, 409, "ConflictException");
    }

    [Fact]
    public async Task Update_rejects_an_inactivity_timeout_above_1200_minutes()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PatchJsonAsync(SampleDevEnvironmentPath, """{"inactivityTimeoutMinutes":1201}""");

        Assert.Contains("inactivityTimeoutMinutes", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task A_deleted_dev_environment_is_deleting_then_gone()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);

        using var deleted = await emulator.DeleteAsync(SampleDevEnvironmentPath);
        var answer = await TestEmulator.ReadSuccessAsync(deleted, 200);
        var whileDeleting = await StatusAsync(emulator, SampleData.DevEnvironmentId);
        clock.Advance(TransitionTime);
        using var afterwards = await emulator.GetAsync(SampleDevEnvironmentPath);
        var (listed, _) = await emulator.ListAllAsync(SpaceDevEnvironmentsPath, 50);

        Assert.Equal(["id", "projectName", "spaceName"], TestEmulator.MemberNames(answer));
        Assert.Equal("DELETING", whileDeleting);
        await TestEmulator.AssertErrorAsync(afterwards, 404, "ResourceNotFoundException");
        Assert.Empty(listed);
    }

    internal static async Task<string> StatusAsync(TestEmulator emulator, string id)
    {
        using var response = await emulator.GetAsync($"{DevEnvironmentsPath}/{id}");
        return (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("status").GetString()!;
    }

    internal static async Task<string> CreateAsync(TestEmulator emulator, string path = DevEnvironmentsPath, string body = SmallDevEnvironment)
    {
        using var response = await emulator.PutJsonAsync(path, body);
        return (await TestEmulator.ReadSuccessAsync(response, 201)).GetProperty("id").GetString()!;
    }
}
