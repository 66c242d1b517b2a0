using CodeCatalyst.Emulator.State;
using static CodeCatalyst.Emulator.Tests.Store.StoreTesting;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class DevEnvironmentStoreTests
{
    private const string Space = SampleData.SpaceName;
    private const string Project = SampleData.ProjectName;

    private readonly ManualClock clock = new();
    private readonly EmulatorStore store;

    public DevEnvironmentStoreTests() => store = CreateStore(clock);

    [Fact]
    public void The_sample_dev_environment_is_running_and_belongs_to_the_signed_in_user()
    {
        var environment = store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId.ToUpperInvariant());

        Assert.Equal(SampleData.DevEnvironmentId, environment.Id);
        Assert.Equal("RUNNING", environment.Status);
        Assert.Equal(SampleData.DevEnvironmentAlias, environment.Alias);
        Assert.Equal(SampleData.SignedInUserId, environment.CreatorId);
        Assert.Equal([new DevEnvironmentRepository(SampleData.SourceRepositoryName, "main")], environment.Repositories);
        Assert.Equal([new DevEnvironmentIde("VSCode")], environment.Ides);
        Assert.Equal(16, environment.PersistentStorageSizeInGiB);
    }

    [Fact]
    public void A_created_dev_environment_goes_pending_starting_running_on_the_clock()
    {
        var start = clock.GetUtcNow();

        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(alias: "my-env"));
        var atCreation = store.GetDevEnvironment(Space, Project, created.Id);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var stillPending = store.GetDevEnvironment(Space, Project, created.Id);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var starting = store.GetDevEnvironment(Space, Project, created.Id);
        clock.Advance(TimeSpan.FromSeconds(1));
        var running = store.GetDevEnvironment(Space, Project, created.Id);

        Assert.Equal("PENDING", created.Status);
        Assert.Equal(("PENDING", start), (atCreation.Status, atCreation.LastUpdatedTime));
        Assert.Equal("PENDING", stillPending.Status);
        Assert.Equal(("STARTING", start.AddSeconds(0.5)), (starting.Status, starting.LastUpdatedTime));
        Assert.Equal(("RUNNING", start.AddSeconds(1.5)), (running.Status, running.LastUpdatedTime));
        Assert.Equal("my-env", running.Alias);
        Assert.Equal(SampleData.SignedInUserId, running.CreatorId);
        Assert.Equal(15, running.InactivityTimeoutMinutes);
    }

    [Fact]
    public void The_run_speed_shortens_every_transition()
    {
        var fastStore = CreateStore(clock, runSpeed: 2);
        var created = fastStore.CreateDevEnvironment(Space, Project, SmallDevEnvironment());

        clock.Advance(TimeSpan.FromSeconds(0.75));

        Assert.Equal("RUNNING", fastStore.GetDevEnvironment(Space, Project, created.Id).Status);
    }

    [Fact]
    public void Stop_goes_stopping_then_stopped_and_start_goes_starting_then_running()
    {
        var stopping = store.StopDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        var starting = store.StartDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var running = store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId);

        Assert.Equal("STOPPING", stopping.Status);
        Assert.Equal("STOPPED", stopped.Status);
        Assert.Equal("STARTING", starting.Status);
        Assert.Equal("RUNNING", running.Status);
        Assert.Equal(clock.GetUtcNow(), running.LastUpdatedTime);
    }

    [Fact]
    public void Start_applies_the_settings_it_is_given()
    {
        StopAndWait(SampleData.DevEnvironmentId);

        var started = store.StartDevEnvironment(
            Space, Project, SampleData.DevEnvironmentId, [new DevEnvironmentIde("PyCharm", "public.ecr.aws/jetbrains/py")],
            "dev.standard1.large", 60);

        Assert.Equal([new DevEnvironmentIde("PyCharm", "public.ecr.aws/jetbrains/py")], started.Ides);
        Assert.Equal(("dev.standard1.large", 60), (started.InstanceType, started.InactivityTimeoutMinutes));
    }

    [Fact]
    public void Starting_a_running_one_or_stopping_a_stopped_one_changes_nothing()
    {
        var eventsBefore = AllEvents(store).Count;

        var startedAgain = store.StartDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        StopAndWait(SampleData.DevEnvironmentId);
        var stoppedAgain = store.StopDevEnvironment(Space, Project, SampleData.DevEnvironmentId);

        Assert.Equal("RUNNING", startedAgain.Status);
        Assert.Equal("STOPPED", stoppedAgain.Status);
        Assert.Equal(["StopDevEnvironment"], AllEvents(store).Skip(eventsBefore).Select(entry => entry.EventName));
    }

    [Fact]
    public void Starting_while_stopping_and_stopping_while_starting_are_conflicts()
    {
        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment());
        store.StopDevEnvironment(Space, Project, SampleData.DevEnvironmentId);

        Assert.Contains("STOPPED", AssertConflict(() => store.StartDevEnvironment(Space, Project, SampleData.DevEnvironmentId)));
        Assert.Contains("RUNNING", AssertConflict(() => store.StopDevEnvironment(Space, Project, created.Id)));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        AssertConflict(() => store.StopDevEnvironment(Space, Project, created.Id));
    }

    [Fact]
    public void A_deleted_dev_environment_is_deleting_and_then_gone()
    {
        var deleting = store.DeleteDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        var listedWhileDeleting = store.ListDevEnvironments(Space, Project);
        var deletedAgain = store.DeleteDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        AssertConflict(() => store.StartDevEnvironment(Space, Project, SampleData.DevEnvironmentId));
        AssertConflict(() => store.StopDevEnvironment(Space, Project, SampleData.DevEnvironmentId));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("DELETING", deleting.Status);
        Assert.Equal("DELETING", Assert.Single(listedWhileDeleting).Status);
        Assert.Equal("DELETING", deletedAgain.Status);
        AssertNotFound(() => store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId));
        AssertNotFound(() => store.DeleteDevEnvironment(Space, Project, SampleData.DevEnvironmentId));
        Assert.Empty(store.ListDevEnvironments(Space, Project));
        Assert.Single(AllEvents(store), entry => entry.EventName == "DeleteDevEnvironment");
    }

    [Fact]
    public void A_repeated_client_token_returns_the_dev_environment_it_created()
    {
        var first = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(clientToken: "create-1"));
        clock.Advance(TimeSpan.FromSeconds(2));

        var retried = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(clientToken: "create-1"));

        Assert.Equal(first.Id, retried.Id);
        Assert.Equal("RUNNING", retried.Status);
        Assert.Equal(2, store.ListDevEnvironments(Space, Project).Count);
        Assert.Single(AllEvents(store), entry => entry.EventName == "CreateDevEnvironment");
    }

    [Fact]
    public void A_client_token_reused_for_a_different_request_is_a_conflict()
    {
        store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(clientToken: "create-1"));

        AssertConflict(() => store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(clientToken: "create-1", alias: "other")));
        Assert.Equal(2, store.ListDevEnvironments(Space, Project).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(48)]
    public void Persistent_storage_must_be_16_32_or_64_GiB(int sizeInGiB)
    {
        var message = AssertValidation(() =>
            store.CreateDevEnvironment(Space, Project, SmallDevEnvironment() with { PersistentStorageSizeInGiB = sizeInGiB }));

        Assert.Contains("16, 32 or 64", message);
    }

    [Fact]
    public void Creating_needs_one_ide()
    {
        AssertValidation(() => store.CreateDevEnvironment(Space, Project, SmallDevEnvironment() with { Ides = null }));
        AssertValidation(() => store.CreateDevEnvironment(
            Space, Project, SmallDevEnvironment() with { Ides = [new DevEnvironmentIde("VSCode"), new DevEnvironmentIde("GoLand")] }));
        Assert.Single(store.ListDevEnvironments(Space, Project));
    }

    [Fact]
    public void Creating_with_a_repository_or_branch_the_project_lacks_is_not_found()
    {
        AssertNotFound(() => store.CreateDevEnvironment(
            Space, Project, SmallDevEnvironment() with { Repositories = [new DevEnvironmentRepository("nope")] }));
        Assert.Contains("'nope'", AssertNotFound(() => store.CreateDevEnvironment(
            Space, Project, SmallDevEnvironment() with { Repositories = [new DevEnvironmentRepository(SampleData.SourceRepositoryName, "nope")] })));
        AssertNotFound(() => store.CreateDevEnvironment(Space, "NoSuchProject", SmallDevEnvironment()));
    }

    [Fact]
    public void A_dev_environment_may_clone_no_repository()
    {
        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment() with { Repositories = null });

        Assert.Empty(created.Repositories);
    }

    [Fact]
    public void Changing_the_alias_does_not_restart()
    {
        var updated = store.UpdateDevEnvironment(Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(Alias: "renamed"));
        var cleared = store.UpdateDevEnvironment(Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(Alias: ""));

        Assert.Equal(("renamed", "RUNNING"), (updated.Alias, updated.Status));
        Assert.Null(cleared.Alias);
        Assert.Equal(clock.GetUtcNow(), cleared.LastUpdatedTime);
    }

    [Fact]
    public void A_new_instance_type_restarts_a_running_dev_environment_and_ends_its_sessions()
    {
        store.StartDevEnvironmentSession(Space, Project, SampleData.DevEnvironmentId, "SSM");

        var updated = store.UpdateDevEnvironment(
            Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(InstanceType: "dev.standard1.medium"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var starting = store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var running = store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId);

        Assert.Equal(("STOPPING", "dev.standard1.medium"), (updated.Status, updated.InstanceType));
        Assert.Equal("STARTING", starting.Status);
        Assert.Equal("RUNNING", running.Status);
        Assert.Empty(store.ListDevEnvironmentSessions(Space, Project, SampleData.DevEnvironmentId));
    }

    [Fact]
    public void A_stopped_dev_environment_takes_new_settings_without_starting()
    {
        StopAndWait(SampleData.DevEnvironmentId);

        var updated = store.UpdateDevEnvironment(
            Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(InstanceType: "dev.standard1.xlarge", InactivityTimeoutMinutes: 0));

        Assert.Equal(("STOPPED", "dev.standard1.xlarge", 0), (updated.Status, updated.InstanceType, updated.InactivityTimeoutMinutes));
    }

    [Fact]
    public void Settings_that_need_a_restart_cannot_change_while_it_is_starting()
    {
        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment());

        AssertConflict(() => store.UpdateDevEnvironment(
            Space, Project, created.Id, new DevEnvironmentChanges(InstanceType: "dev.standard1.large")));
        var renamed = store.UpdateDevEnvironment(Space, Project, created.Id, new DevEnvironmentChanges(Alias: "new-name"));

        Assert.Equal(("new-name", "dev.standard1.small"), (renamed.Alias, renamed.InstanceType));
    }

    [Fact]
    public void A_repeated_update_client_token_returns_the_first_answer_without_a_second_change()
    {
        var first = store.UpdateDevEnvironment(
            Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(Alias: "first", ClientToken: "update-1"));
        clock.Advance(TimeSpan.FromSeconds(5));

        var retried = store.UpdateDevEnvironment(
            Space, Project, SampleData.DevEnvironmentId, new DevEnvironmentChanges(Alias: "second", ClientToken: "update-1"));

        Assert.Equal(first, retried);
        Assert.Equal("first", store.GetDevEnvironment(Space, Project, SampleData.DevEnvironmentId).Alias);
        Assert.Single(AllEvents(store), entry => entry.EventName == "UpdateDevEnvironment");
    }

    [Fact]
    public void Dev_environments_list_oldest_first_by_project_or_for_the_whole_space()
    {
        var second = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment());
        var inPipeline = store.CreateDevEnvironment(
            Space, SampleData.PipelineProjectName, SmallDevEnvironment() with { Repositories = [new DevEnvironmentRepository(SampleData.PipelineRepositoryName)] });

        var inProject = store.ListDevEnvironments(Space, Project);
        var inSpace = store.ListDevEnvironments(Space);

        Assert.Equal([SampleData.DevEnvironmentId, second.Id], inProject.Select(environment => environment.Id));
        Assert.Equal([SampleData.DevEnvironmentId, second.Id, inPipeline.Id], inSpace.Select(environment => environment.Id));
        Assert.Equal(SampleData.PipelineProjectName, inSpace[2].ProjectName);
        Assert.Empty(store.ListDevEnvironments(SampleData.SecondSpaceName));
        AssertNotFound(() => store.ListDevEnvironments(Space, "NoSuchProject"));
    }

    [Fact]
    public void Dev_environments_filter_by_status_alias_creator_or_instance_type()
    {
        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment(alias: "demo-two") with { InstanceType = "dev.standard1.large" });

        Assert.Equal([created.Id], Ids(new DevEnvironmentFilter("status", ["PENDING", "STARTING"])));
        Assert.Equal([SampleData.DevEnvironmentId], Ids(new DevEnvironmentFilter("status", ["RUNNING"], "EQ")));
        Assert.Equal([SampleData.DevEnvironmentId, created.Id], Ids(new DevEnvironmentFilter("alias", ["demo-"], "BEGINS_WITH")));
        Assert.Equal([created.Id], Ids(new DevEnvironmentFilter("instanceType", ["dev.standard1.large"])));
        Assert.Equal(2, Ids(new DevEnvironmentFilter("creatorId", [SampleData.SignedInUserId])).Count);
        Assert.Empty(Ids(new DevEnvironmentFilter("creatorId", [SampleData.OtherUserId])));
    }

    [Theory]
    [InlineData("color", "EQ")]
    [InlineData("status", "GT")]
    public void Dev_environment_filters_outside_the_supported_keys_and_operators_are_refused(string key, string comparisonOperator)
    {
        AssertValidation(() => Ids(new DevEnvironmentFilter(key, ["x"], comparisonOperator)));
    }

    [Fact]
    public void Every_dev_environment_operation_names_a_missing_one()
    {
        var missing = Guid.NewGuid().ToString();

        Assert.Contains(missing, AssertNotFound(() => store.GetDevEnvironment(Space, Project, missing)));
        AssertNotFound(() => store.StartDevEnvironment(Space, Project, missing));
        AssertNotFound(() => store.StopDevEnvironment(Space, Project, missing));
        AssertNotFound(() => store.UpdateDevEnvironment(Space, Project, missing, new DevEnvironmentChanges(Alias: "x")));
        AssertNotFound(() => store.DeleteDevEnvironment(Space, Project, missing));
        AssertNotFound(() => store.GetDevEnvironment(Space, SampleData.PipelineProjectName, SampleData.DevEnvironmentId));
    }

    private IReadOnlyList<string> Ids(DevEnvironmentFilter filter) =>
        store.ListDevEnvironments(Space, Project, [filter]).Select(environment => environment.Id).ToList();

    private void StopAndWait(string id)
    {
        store.StopDevEnvironment(Space, Project, id);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("STOPPED", store.GetDevEnvironment(Space, Project, id).Status);
    }
}
