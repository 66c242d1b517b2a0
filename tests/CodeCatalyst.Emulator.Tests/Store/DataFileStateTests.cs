using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.State;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class DataFileStateTests : IDisposable
{
    private const string DevEnvironmentId = "11111111-2222-4333-8444-555555555555";

    private readonly string temporaryDirectory = Directory.CreateTempSubdirectory("codecatalyst-emulator-state-").FullName;

    public void Dispose() => Directory.Delete(temporaryDirectory, recursive: true);

    [Fact]
    public void A_minimal_data_file_gets_a_signed_in_user_a_region_and_a_main_branch()
    {
        var store = Load("""
            {"spaces":[{"name":"OtherCorp","projects":[{"name":"Tools","sourceRepositories":[{"name":"tools"}],
              "devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","status":"STOPPED",
                "repositories":[{"repositoryName":"tools"}]}]}]}]}
            """);

        Assert.Equal("MaryMajor", store.GetSignedInUser().UserName);
        Assert.Equal(new SpaceView("OtherCorp", "us-west-2", "OtherCorp", null), store.GetSpace("OtherCorp"));
        Assert.Equal(["main"], store.ListSourceRepositoryBranches("OtherCorp", "Tools", "tools").Select(branch => branch.Name));
        var environment = store.GetDevEnvironment("OtherCorp", "Tools", DevEnvironmentId);
        Assert.Equal(("STOPPED", "dev.standard1.small", 16, 15), (
            environment.Status, environment.InstanceType, environment.PersistentStorageSizeInGiB, environment.InactivityTimeoutMinutes));
        Assert.Equal(store.GetSignedInUser().UserId, environment.CreatorId);
        Assert.Null(store.GetSubscription("OtherCorp").SubscriptionType);
    }

    [Theory]
    [InlineData("""{"users":[{"userName":"x"}],"spaces":[]}""")]
    [InlineData("""{"users":[{"userName":"SameName"},{"userName":"samename"}],"spaces":[]}""")]
    [InlineData("""{"spaces":[{"name":"Good","regionName":"mars-north-1","projects":[]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","sourceRepositories":[{"name":"r"},{"name":"r"}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","sourceRepositories":[{"name":"r","branches":[]}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","sourceRepositories":[{"name":"r","branches":[{"name":"main","headCommitId":"abc"}]}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","repositories":[{"repositoryName":"missing"}]}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","sourceRepositories":[{"name":"r"}],"devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","repositories":[{"repositoryName":"r","branchName":"nope"}]}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","persistentStorage":{"sizeInGiB":20}}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","instanceType":"dev.huge"}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","devEnvironments":[{"id":"11111111-2222-4333-8444-555555555555","status":"STARTING"}]}]}]}""")]
    [InlineData("""{"spaces":[{"name":"Good","projects":[{"name":"Proj","devEnvironments":[{"id":"not-a-uuid"}]}]}]}""")]
    public void A_data_file_the_api_could_not_serve_is_refused(string content)
    {
        Assert.Throws<InvalidDataException>(() => Load(content));
    }

    private EmulatorStore Load(string content)
    {
        var path = Path.Combine(temporaryDirectory, Guid.NewGuid() + ".json");
        File.WriteAllText(path, content);
        return new EmulatorStore(DataSetLoader.LoadFile(path), new ManualClock(), runSpeed: 1);
    }
}
