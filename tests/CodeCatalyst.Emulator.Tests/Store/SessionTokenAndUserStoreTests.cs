using System.Text.Json;
using CodeCatalyst.Emulator.State;
using static CodeCatalyst.Emulator.Tests.Store.StoreTesting;

namespace CodeCatalyst.Emulator.Tests.Store;

public sealed class SessionTokenAndUserStoreTests
{
    private const string Space = SampleData.SpaceName;
    private const string Project = SampleData.ProjectName;
    private const string Running = SampleData.DevEnvironmentId;

    private readonly ManualClock clock = new();
    private readonly EmulatorStore store;

    public SessionTokenAndUserStoreTests() => store = CreateStore(clock);

    [Fact]
    public void A_session_on_a_running_dev_environment_gives_access_details_and_lists()
    {
        var started = store.StartDevEnvironmentSession(Space, Project, Running, "SSM");

        Assert.Equal((Space, Project, Running), (started.SpaceName, started.ProjectName, started.DevEnvironmentId));
        Assert.StartsWith(SampleData.SignedInUserName + "-", started.SessionId);
        Assert.InRange(started.SessionId.Length, 1, 96);
        Assert.StartsWith("wss://ssmmessages.us-west-2.amazonaws.com/", started.StreamUrl);
        Assert.True(started.TokenValue.Length >= 32);
        var listed = Assert.Single(store.ListDevEnvironmentSessions(Space, Project, Running));
        Assert.Equal((started.SessionId, clock.GetUtcNow(), Running), (listed.Id, listed.StartedTime, listed.DevEnvironmentId));
        Assert.DoesNotContain(started.TokenValue, JsonSerializer.Serialize(listed));
    }

    [Fact]
    public void Sessions_list_only_for_their_own_dev_environment()
    {
        var other = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment());
        clock.Advance(TimeSpan.FromSeconds(2));
        var first = store.StartDevEnvironmentSession(Space, Project, Running, "SSM");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = store.StartDevEnvironmentSession(Space, Project, Running, "SSH");
        var onOther = store.StartDevEnvironmentSession(Space, Project, other.Id, "SSM");

        Assert.Equal([first.SessionId, second.SessionId], store.ListDevEnvironmentSessions(Space, Project, Running).Select(session => session.Id));
        Assert.Equal([onOther.SessionId], store.ListDevEnvironmentSessions(Space, Project, other.Id).Select(session => session.Id));
    }

    [Fact]
    public void Sessions_start_only_on_running_dev_environments()
    {
        var created = store.CreateDevEnvironment(Space, Project, SmallDevEnvironment());
        store.StopDevEnvironment(Space, Project, Running);

        Assert.Contains("PENDING", AssertConflict(() => store.StartDevEnvironmentSession(Space, Project, created.Id, "SSM")));
        Assert.Contains("STOPPING", AssertConflict(() => store.StartDevEnvironmentSession(Space, Project, Running, "SSM")));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("STOPPED", AssertConflict(() => store.StartDevEnvironmentSession(Space, Project, Running, "SSM")));
        AssertNotFound(() => store.StartDevEnvironmentSession(Space, Project, Guid.NewGuid().ToString(), "SSM"));
    }

    [Fact]
    public void Stopping_the_dev_environment_ends_its_sessions()
    {
        store.StartDevEnvironmentSession(Space, Project, Running, "SSM");
        store.StartDevEnvironmentSession(Space, Project, Running, "SSM");

        store.StopDevEnvironment(Space, Project, Running);

        Assert.Empty(store.ListDevEnvironmentSessions(Space, Project, Running));
    }

    [Fact]
    public void A_stopped_session_no_longer_lists_and_cannot_be_stopped_twice()
    {
        var kept = store.StartDevEnvironmentSession(Space, Project, Running, "SSM");
        var stopped = store.StartDevEnvironmentSession(Space, Project, Running, "SSM");

        var answer = store.StopDevEnvironmentSession(Space, Project, Running, stopped.SessionId);

        Assert.Equal(stopped.SessionId, answer.Id);
        Assert.Equal([kept.SessionId], store.ListDevEnvironmentSessions(Space, Project, Running).Select(session => session.Id));
        Assert.Contains(stopped.SessionId, AssertNotFound(() => store.StopDevEnvironmentSession(Space, Project, Running, stopped.SessionId)));
    }

    [Fact]
    public void An_access_token_shows_its_secret_once_and_lists_without_it()
    {
        var created = store.CreateAccessToken("laptop");

        var listed = Assert.Single(store.ListAccessTokens());

        Assert.Equal(clock.GetUtcNow().AddYears(1), created.ExpiresTime);
        Assert.True(created.Secret.Length >= 32);
        Assert.Equal((created.AccessTokenId, "laptop", created.ExpiresTime), (listed.Id, listed.Name, listed.ExpiresTime));
        Assert.DoesNotContain(created.Secret, JsonSerializer.Serialize(store.ListAccessTokens()));
        Assert.True(store.IsValidAccessTokenSecret(created.Secret));
        Assert.False(store.IsValidAccessTokenSecret(created.Secret + "x"));
    }

    [Fact]
    public void Access_tokens_list_oldest_first_and_a_deleted_one_is_gone()
    {
        var first = store.CreateAccessToken("first", clock.GetUtcNow().AddDays(30));
        var second = store.CreateAccessToken("second");

        store.DeleteAccessToken(first.AccessTokenId.ToUpperInvariant());

        Assert.Equal([second.AccessTokenId], store.ListAccessTokens().Select(token => token.Id));
        Assert.False(store.IsValidAccessTokenSecret(first.Secret));
        Assert.Contains(first.AccessTokenId, AssertNotFound(() => store.DeleteAccessToken(first.AccessTokenId)));
    }

    [Fact]
    public void An_expired_access_token_still_lists_but_no_longer_works()
    {
        var created = store.CreateAccessToken("short", clock.GetUtcNow().AddMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Single(store.ListAccessTokens());
        Assert.False(store.IsValidAccessTokenSecret(created.Secret));
    }

    [Fact]
    public void An_access_token_cannot_expire_in_the_past()
    {
        AssertValidation(() => store.CreateAccessToken("old", clock.GetUtcNow().AddSeconds(-1)));
        Assert.Empty(store.ListAccessTokens());
    }

    [Fact]
    public void The_hundred_and_first_access_token_exceeds_the_quota()
    {
        for (var index = 0; index < EmulatorStore.MaxAccessTokensPerUser; index++)
        {
            store.CreateAccessToken($"token-{index}");
        }

        AssertApiError(402, "ServiceQuotaExceededException", () => store.CreateAccessToken("one-too-many"));
        store.DeleteAccessToken(store.ListAccessTokens()[0].Id);
        store.CreateAccessToken("fits-again");
    }

    [Fact]
    public void Reset_forgets_access_tokens()
    {
        store.CreateAccessToken("laptop");

        store.Reset();

        Assert.Empty(store.ListAccessTokens());
    }

    [Fact]
    public void User_details_are_found_by_id_or_by_user_name()
    {
        var byId = store.GetUserDetails(id: SampleData.SignedInUserId);
        var byName = store.GetUserDetails(userName: "marymajor");
        var other = store.GetUserDetails(SampleData.OtherUserId, SampleData.OtherUserName);

        Assert.Equal(new UserView(SampleData.SignedInUserId, "MaryMajor", "Mary Major", "mary.major@example.com", true, "1"), byId);
        Assert.Equal(byId, byName);
        Assert.Equal(byId, store.GetSignedInUser());
        Assert.Equal(("JaneDoe", false), (other.UserName, other.EmailVerified));
    }

    [Fact]
    public void Unknown_or_mismatched_users_are_not_found_and_a_lookup_needs_a_key()
    {
        Assert.Contains("NoSuchUser", AssertNotFound(() => store.GetUserDetails(userName: "NoSuchUser")));
        AssertNotFound(() => store.GetUserDetails(id: Guid.NewGuid().ToString()));
        AssertNotFound(() => store.GetUserDetails(SampleData.SignedInUserId, SampleData.OtherUserName));
        AssertValidation(() => store.GetUserDetails());
    }
}
