using CodeCatalyst.Emulator.State;
using static CodeCatalyst.Emulator.Tests.Store.StoreTesting;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class EventLogStoreTests
{
    private const string Space = SampleData.SpaceName;
    private const string Project = SampleData.ProjectName;

    private readonly ManualClock clock = new();
    private readonly EmulatorStore store;

    public EventLogStoreTests() => store = CreateStore(clock);

    [Fact]
    public void A_fresh_space_has_an_empty_event_log()
    {
        Assert.Empty(AllEvents(store));
    }

    [Fact]
    public void Every_state_changing_action_writes_an_entry_in_order()
    {
        var step = TimeSpan.FromSeconds(3);
        store.CreateProject(Space, "Audit target");
        clock.Advance(step);
        store.UpdateProject(Space, "Audit-target", "Described.");
        store.CreateSourceRepository(Space, "Audit-target", "code");
        store.CreateSourceRepositoryBranch(Space, "Audit-target", "code", "topic");
        var environment = store.CreateDevEnvironment(
            Space, "Audit-target", SmallDevEnvironment() with { Repositories = [new DevEnvironmentRepository("code")] });
        clock.Advance(step);
        store.UpdateDevEnvironment(Space, "Audit-target", environment.Id, new DevEnvironmentChanges(Alias: "audited"));
        var session = store.StartDevEnvironmentSession(Space, "Audit-target", environment.Id, "SSM");
        store.StopDevEnvironmentSession(Space, "Audit-target", environment.Id, session.SessionId);
        store.StopDevEnvironment(Space, "Audit-target", environment.Id);
        clock.Advance(step);
        store.StartDevEnvironment(Space, "Audit-target", environment.Id);
        store.DeleteDevEnvironment(Space, "Audit-target", environment.Id);
        store.DeleteSourceRepository(Space, "Audit-target", "code");
        store.StartWorkflowRun(Space, Project, SampleData.BuildWorkflowId, clientToken: null);
        store.DeleteProject(Space, "Audit-target");
        store.UpdateSpace(Space, "Audited space.");

        var events = AllEvents(store);

        Assert.Equal(
            [
                "CreateProject", "UpdateProject", "CreateSourceRepository", "CreateSourceRepositoryBranch",
                "CreateDevEnvironment", "UpdateDevEnvironment", "StartDevEnvironmentSession", "StopDevEnvironmentSession",
                "StopDevEnvironment", "StartDevEnvironment", "DeleteDevEnvironment", "DeleteSourceRepository",
                "StartWorkflowRun", "DeleteProject", "UpdateSpace",
            ],
            events.Select(entry => entry.EventName));
        Assert.Equal(events.Select(entry => entry.EventTime).Order(), events.Select(entry => entry.EventTime));
        Assert.Equal(events.Count, events.Select(entry => entry.Id).Distinct().Count());
        Assert.Equal(events.Select(entry => entry.ListingKey).Order(StringComparer.Ordinal), events.Select(entry => entry.ListingKey));
    }

    [Fact]
    public void An_entry_carries_the_members_the_model_requires_and_the_project()
    {
        var project = store.CreateProject(Space, "Audited", caller: new CallerContext("request-1", "192.0.2.10", "aws-cli/2.15"));

        var entry = Assert.Single(AllEvents(store));

        Assert.True(Guid.TryParse(entry.Id, out _));
        Assert.Equal(("CreateProject", "MUTATION", clock.GetUtcNow()), (entry.EventName, entry.OperationType, entry.EventTime));
        Assert.False(string.IsNullOrEmpty(entry.EventType));
        Assert.False(string.IsNullOrEmpty(entry.EventCategory));
        Assert.False(string.IsNullOrEmpty(entry.EventSource));
        Assert.Equal(new EventUserIdentityView("USER", SampleData.SignedInUserId, SampleData.SignedInUserName, null), entry.UserIdentity);
        Assert.Equal(new EventProjectView("Audited", project.Id), entry.ProjectInformation);
        Assert.Equal(("request-1", "192.0.2.10", "aws-cli/2.15"), (entry.RequestId, entry.SourceIpAddress, entry.UserAgent));
        Assert.Null(entry.ErrorCode);
    }

    [Fact]
    public void Space_level_actions_name_no_project()
    {
        store.UpdateSpace(Space, "New description.");

        Assert.Null(Assert.Single(AllEvents(store)).ProjectInformation);
    }

    [Fact]
    public void Reads_failures_and_no_op_calls_write_nothing()
    {
        store.GetProject(Space, Project);
        store.ListProjects(Space);
        store.ListDevEnvironments(Space);
        store.StartDevEnvironment(Space, Project, SampleData.DevEnvironmentId);
        AssertConflict(() => store.CreateProject(Space, Project));
        AssertNotFound(() => store.DeleteSourceRepository(Space, Project, "nope"));

        Assert.Empty(AllEvents(store));
    }

    [Fact]
    public void Events_stay_in_the_space_they_happened_in()
    {
        store.CreateProject(SampleData.SecondSpaceName, "Elsewhere");

        Assert.Empty(AllEvents(store));
        Assert.Single(AllEvents(store, SampleData.SecondSpaceName));
    }

    [Fact]
    public void The_time_window_includes_both_ends_and_the_event_name_narrows_it()
    {
        var first = clock.GetUtcNow();
        store.CreateProject(Space, "First one");
        clock.Advance(TimeSpan.FromMinutes(1));
        store.UpdateProject(Space, "First-one", "Changed.");
        clock.Advance(TimeSpan.FromMinutes(1));
        store.CreateProject(Space, "Second one");
        var last = clock.GetUtcNow();

        Assert.Equal(3, store.ListEventLogs(Space, first, last).Count);
        Assert.Equal(["UpdateProject"], store.ListEventLogs(Space, first.AddSeconds(1), last.AddSeconds(-1)).Select(entry => entry.EventName));
        Assert.Equal(2, store.ListEventLogs(Space, first, last, "CreateProject").Count);
        Assert.Empty(store.ListEventLogs(Space, first, last, "createproject"));
        Assert.Empty(store.ListEventLogs(Space, last.AddSeconds(1), last.AddDays(1)));
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var now = clock.GetUtcNow();

        AssertValidation(() => store.ListEventLogs(Space, now, now.AddSeconds(-1)));
        AssertNotFound(() => store.ListEventLogs("NoSuchSpace", now, now));
    }
}
