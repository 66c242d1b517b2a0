using CodeCatalyst.Emulator.State;
using static CodeCatalyst.Emulator.Tests.Store.StoreTesting;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class SpaceAndProjectStoreTests
{
    private readonly ManualClock clock = new();
    private readonly EmulatorStore store;

    public SpaceAndProjectStoreTests() => store = CreateStore(clock);

    [Fact]
    public void Sample_data_has_two_spaces_with_their_regions_and_subscriptions()
    {
        var spaces = store.ListSpaces();

        Assert.Equal([SampleData.SecondSpaceName, SampleData.SpaceName], spaces.Select(space => space.Name));
        Assert.Equal(new SpaceView(SampleData.SpaceName, "us-west-2", "Example Corp", "A place for us to work together on code."),
            store.GetSpace(SampleData.SpaceName));
        Assert.Equal("eu-west-1", store.GetSpace(SampleData.SecondSpaceName).RegionName);
        var subscription = store.GetSubscription(SampleData.SpaceName);
        Assert.Equal("STANDARD", subscription.SubscriptionType);
        Assert.Equal("ExampleCorpBilling", subscription.AwsAccountName);
        Assert.Equal("FREE", store.GetSubscription(SampleData.SecondSpaceName).SubscriptionType);
    }

    [Fact]
    public void Update_space_changes_the_description_and_an_empty_one_clears_it()
    {
        var updated = store.UpdateSpace(SampleData.SpaceName, "Where the demo lives.");
        var unchanged = store.UpdateSpace(SampleData.SpaceName, description: null);
        var cleared = store.UpdateSpace(SampleData.SpaceName, "");

        Assert.Equal("Where the demo lives.", updated.Description);
        Assert.Equal("Where the demo lives.", unchanged.Description);
        Assert.Null(cleared.Description);
        Assert.Null(store.GetSpace(SampleData.SpaceName).Description);
        Assert.Equal("Example Corp", cleared.DisplayName);
    }

    [Fact]
    public void Deleting_a_space_removes_everything_under_it()
    {
        var deleted = store.DeleteSpace(SampleData.SpaceName);

        Assert.Equal(SampleData.SpaceName, deleted.Name);
        Assert.Equal([SampleData.SecondSpaceName], store.ListSpaces().Select(space => space.Name));
        AssertNotFound(() => store.GetSpace(SampleData.SpaceName));
        AssertNotFound(() => store.GetProject(SampleData.SpaceName, SampleData.ProjectName));
        AssertNotFound(() => store.ListSourceRepositoryBranches(SampleData.SpaceName, SampleData.ProjectName, SampleData.SourceRepositoryName));
        AssertNotFound(() => store.GetDevEnvironment(SampleData.SpaceName, SampleData.ProjectName, SampleData.DevEnvironmentId));
        AssertNotFound(() => store.GetWorkflow(SampleData.SpaceName, SampleData.ProjectName, SampleData.BuildWorkflowId));
        AssertNotFound(() => AllEvents(store));
        Assert.Equal(SampleData.SandboxProjectName, store.GetProject(SampleData.SecondSpaceName, SampleData.SandboxProjectName).Name);
    }

    [Fact]
    public void Reset_brings_back_a_deleted_space()
    {
        store.DeleteSpace(SampleData.SpaceName);

        store.Reset();

        Assert.Equal(SampleData.ProjectName, store.GetProject(SampleData.SpaceName, SampleData.ProjectName).Name);
    }

    [Fact]
    public void Every_space_operation_names_a_missing_space()
    {
        Assert.Contains("'NoSuchSpace'", AssertNotFound(() => store.GetSpace("NoSuchSpace")));
        AssertNotFound(() => store.UpdateSpace("NoSuchSpace", "x"));
        AssertNotFound(() => store.DeleteSpace("NoSuchSpace"));
        AssertNotFound(() => store.GetSubscription("NoSuchSpace"));
        AssertNotFound(() => store.ListProjects("NoSuchSpace"));
        AssertNotFound(() => store.CreateProject("NoSuchSpace", "New project"));
    }

    [Fact]
    public void A_created_project_lists_and_gets_under_a_name_made_from_its_display_name()
    {
        var created = store.CreateProject(SampleData.SpaceName, "Mobile app v2", "The phone app.");

        Assert.Equal("Mobile-app-v2", created.Name);
        Assert.Equal("Mobile app v2", created.DisplayName);
        Assert.Equal("The phone app.", created.Description);
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal(created, store.GetProject(SampleData.SpaceName, "Mobile-app-v2"));
        Assert.Equal(
            [SampleData.PipelineProjectName, "Mobile-app-v2", SampleData.ProjectName],
            store.ListProjects(SampleData.SpaceName).Select(project => project.Name));
        Assert.Empty(store.ListSourceRepositories(SampleData.SpaceName, "Mobile-app-v2"));
    }

    [Fact]
    public void Creating_a_project_whose_name_is_taken_is_a_conflict()
    {
        var message = AssertConflict(() => store.CreateProject(SampleData.SpaceName, SampleData.ProjectName));

        Assert.Contains(SampleData.ProjectName, message);
        Assert.Single(store.ListProjects(SampleData.SpaceName), project => project.Name == SampleData.ProjectName);
    }

    [Fact]
    public void The_same_project_name_may_exist_in_another_space()
    {
        var created = store.CreateProject(SampleData.SecondSpaceName, SampleData.ProjectName);

        Assert.Equal(SampleData.SecondSpaceName, created.SpaceName);
        Assert.NotEqual(store.GetProject(SampleData.SpaceName, SampleData.ProjectName).Id, created.Id);
    }

    [Theory]
    [InlineData(null, "MyDemoProject", "MyDemoProject")]
    [InlineData("EQ", "DataPipeline", "DataPipeline")]
    [InlineData("EQ", "mydemoproject", "")]
    [InlineData("BEGINS_WITH", "My", "MyDemoProject")]
    [InlineData("BEGINS_WITH", "Data", "DataPipeline")]
    [InlineData("GT", "DataPipeline", "MyDemoProject")]
    [InlineData("GE", "DataPipeline", "DataPipeline,MyDemoProject")]
    [InlineData("LT", "MyDemoProject", "DataPipeline")]
    [InlineData("LE", "MyDemoProject", "DataPipeline,MyDemoProject")]
    public void List_projects_filters_by_name_with_every_operator_the_model_allows(
        string? comparisonOperator, string value, string expectedNames)
    {
        var projects = store.ListProjects(SampleData.SpaceName, [new ProjectFilter("name", [value], comparisonOperator)]);

        Assert.Equal(expectedNames, string.Join(",", projects.Select(project => project.Name)));
    }

    [Fact]
    public void A_filter_matches_any_of_its_values_and_every_filter_must_match()
    {
        var anyValue = store.ListProjects(
            SampleData.SpaceName, [new ProjectFilter("name", ["MyDemoProject", "DataPipeline"], "EQ")]);
        var bothFilters = store.ListProjects(
            SampleData.SpaceName,
            [new ProjectFilter("name", ["My", "Data"], "BEGINS_WITH"), new ProjectFilter("name", ["DataPipeline"], "GT")]);

        Assert.Equal(["DataPipeline", "MyDemoProject"], anyValue.Select(project => project.Name));
        Assert.Equal(["MyDemoProject"], bothFilters.Select(project => project.Name));
    }

    [Fact]
    public void The_signed_in_user_has_access_to_every_project()
    {
        var withAccess = store.ListProjects(SampleData.SpaceName, [new ProjectFilter("hasAccessTo", ["true"])]);
        var withoutAccess = store.ListProjects(SampleData.SpaceName, [new ProjectFilter("hasAccessTo", ["false"], "EQ")]);

        Assert.Equal(2, withAccess.Count);
        Assert.Empty(withoutAccess);
    }

    [Theory]
    [InlineData("description", "EQ", "x")]
    [InlineData("Name", "EQ", "x")]
    [InlineData("name", "CONTAINS", "x")]
    [InlineData("name", "eq", "x")]
    [InlineData("hasAccessTo", "BEGINS_WITH", "true")]
    [InlineData("hasAccessTo", "EQ", "yes")]
    public void List_projects_rejects_filters_the_model_does_not_allow(string key, string comparisonOperator, string value)
    {
        var message = AssertValidation(() =>
            store.ListProjects(SampleData.SpaceName, [new ProjectFilter(key, [value], comparisonOperator)]));

        Assert.True(message.Contains(key) || message.Contains(comparisonOperator) || message.Contains(value), message);
    }

    [Fact]
    public void A_filter_needs_a_value()
    {
        AssertValidation(() => store.ListProjects(SampleData.SpaceName, [new ProjectFilter("name", [])]));
    }

    [Fact]
    public void Update_project_changes_only_the_description()
    {
        var before = store.GetProject(SampleData.SpaceName, SampleData.ProjectName);

        var updated = store.UpdateProject(SampleData.SpaceName, SampleData.ProjectName, "My project for the August demonstration.");

        Assert.Equal(before with { Description = "My project for the August demonstration." }, updated);
        Assert.Equal(updated, store.GetProject(SampleData.SpaceName, SampleData.ProjectName));
        AssertNotFound(() => store.UpdateProject(SampleData.SpaceName, "NoSuchProject", "x"));
    }

    [Fact]
    public void Deleting_a_project_removes_its_repositories_workflows_and_dev_environments()
    {
        var deleted = store.DeleteProject(SampleData.SpaceName, SampleData.ProjectName);

        Assert.Equal(SampleData.ProjectName, deleted.Name);
        Assert.Equal([SampleData.PipelineProjectName], store.ListProjects(SampleData.SpaceName).Select(project => project.Name));
        AssertNotFound(() => store.GetProject(SampleData.SpaceName, SampleData.ProjectName));
        AssertNotFound(() => store.GetSourceRepository(SampleData.SpaceName, SampleData.ProjectName, SampleData.SourceRepositoryName));
        AssertNotFound(() => store.ListWorkflows(SampleData.SpaceName, SampleData.ProjectName));
        Assert.Empty(store.ListDevEnvironments(SampleData.SpaceName));
        AssertNotFound(() => store.DeleteProject(SampleData.SpaceName, SampleData.ProjectName));
    }
}
