namespace CodeCatalyst.Emulator.Tests;

public sealed class DataSetTests : IDisposable
{
    private readonly string temporaryDirectory = Directory.CreateTempSubdirectory("codecatalyst-emulator-tests-").FullName;

    public void Dispose() => Directory.Delete(temporaryDirectory, recursive: true);

    [Theory]
    [InlineData(SampleData.BuildWorkflowId, SampleData.BuildWorkflowName, "QUEUED")]
    [InlineData(SampleData.FailingWorkflowId, SampleData.FailingWorkflowName, "QUEUED")]
    [InlineData(SampleData.DeployWorkflowId, SampleData.DeployWorkflowName, "SUPERSEDED")]
    [InlineData(SampleData.LintWorkflowId, SampleData.LintWorkflowName, "PARALLEL")]
    public async Task Sample_data_constants_name_the_built_in_workflows(string workflowId, string name, string runMode)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{TestEmulator.ProjectPath}/workflows/{workflowId}");

        var workflow = await TestEmulator.ReadSuccessAsync(response);
        Assert.Equal(name, workflow.GetProperty("name").GetString());
        Assert.Equal(runMode, workflow.GetProperty("runMode").GetString());
        Assert.Equal($".codecatalyst/workflows/{name}.yaml", workflow.GetProperty("definition").GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_sample_data_file_is_the_built_in_data_set()
    {
        var sampleFile = Path.Combine(AppContext.BaseDirectory, "sample-data.json");
        await using var builtIn = await TestEmulator.StartAsync();
        await using var fromFile = await TestEmulator.StartAsync(new EmulatorOptions { DataFile = sampleFile });

        using var builtInList = await builtIn.PostJsonAsync($"{TestEmulator.ProjectPath}/workflows");
        using var fileList = await fromFile.PostJsonAsync($"{TestEmulator.ProjectPath}/workflows");

        Assert.Equal(
            (await TestEmulator.ReadSuccessAsync(builtInList)).ToString(),
            (await TestEmulator.ReadSuccessAsync(fileList)).ToString());
    }

    [Fact]
    public async Task A_data_file_sets_resources_durations_and_outcomes()
    {
        var dataFile = WriteDataFile("""
            {
              "spaces": [{
                "name": "OtherCorp",
                "projects": [{
                  "name": "Tools",
                  "workflows": [{
                    "id": "11111111-2222-4333-8444-555555555555",
                    "name": "slow-check",
                    "runMode": "PARALLEL",
                    "provisioningSeconds": 1,
                    "runDurationSeconds": 10,
                    "outcome": "FAILED"
                  }]
                }]
              }]
            }
            """);
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { DataFile = dataFile, TimeProvider = clock });
        const string ProjectPath = "/v1/spaces/OtherCorp/projects/Tools";

        using var workflowResponse = await emulator.GetAsync($"{ProjectPath}/workflows/11111111-2222-4333-8444-555555555555");
        using var started = await emulator.PutJsonAsync($"{ProjectPath}/workflowRuns?workflowId=11111111-2222-4333-8444-555555555555");
        var runId = (await TestEmulator.ReadSuccessAsync(started)).GetProperty("id").GetString();
        clock.Advance(TimeSpan.FromSeconds(10.5));
        using var running = await emulator.GetAsync($"{ProjectPath}/workflowRuns/{runId}");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var finished = await emulator.GetAsync($"{ProjectPath}/workflowRuns/{runId}");
        using var sampleSpace = await emulator.PostJsonAsync($"{TestEmulator.ProjectPath}/workflows");

        var workflow = await TestEmulator.ReadSuccessAsync(workflowResponse);
        Assert.Equal(".codecatalyst/workflows/slow-check.yaml", workflow.GetProperty("definition").GetProperty("path").GetString());
        Assert.Equal("ACTIVE", workflow.GetProperty("status").GetString());
        Assert.Equal("IN_PROGRESS", (await TestEmulator.ReadSuccessAsync(running)).GetProperty("status").GetString());
        Assert.Equal("FAILED", (await TestEmulator.ReadSuccessAsync(finished)).GetProperty("status").GetString());
        await TestEmulator.AssertErrorAsync(sampleSpace, 404, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("""{"spaces":[{"name":"x","projects":[]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","workflows":[{"id":"nope","name":"w"}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","workflows":[{"id":"11111111-2222-4333-8444-555555555555","name":"w","runMode":"SOMETIMES"}]}]}]}""")]
    [InlineData("{ not json")]
    public async Task A_data_file_the_api_could_not_serve_is_refused_at_start(string content)
    {
        var dataFile = WriteDataFile(content);

        await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { DataFile = dataFile }));
    }

    private string WriteDataFile(string content)
    {
        var path = Path.Combine(temporaryDirectory, Guid.NewGuid() + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
