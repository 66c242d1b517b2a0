using System.Net.Http.Headers;

namespace CodeCatalyst.Emulator.Tests;

public sealed class SessionAndAuthenticationTests
{
    [Fact]
    public async Task Verify_session_returns_a_stable_identity_that_is_not_the_token()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var first = await emulator.GetAsync("/session");
        using var second = await emulator.GetAsync("/session");

        var identity = (await TestEmulator.ReadSuccessAsync(first)).GetProperty("identity").GetString();
        Assert.False(string.IsNullOrEmpty(identity));
        Assert.DoesNotContain(TestEmulator.DefaultToken, identity);
        Assert.Equal(identity, (await TestEmulator.ReadSuccessAsync(second)).GetProperty("identity").GetString());
    }

    [Fact]
    public async Task Different_tokens_have_different_identities()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "someone-else");
        using var otherResponse = await emulator.Client.SendAsync(request);
        using var defaultResponse = await emulator.GetAsync("/session");

        Assert.NotEqual(
            (await TestEmulator.ReadSuccessAsync(defaultResponse)).GetProperty("identity").GetString(),
            (await TestEmulator.ReadSuccessAsync(otherResponse)).GetProperty("identity").GetString());
    }

    [Fact]
    public async Task Success_responses_carry_a_fresh_request_id()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var first = await emulator.GetAsync("/session");
        using var second = await emulator.GetAsync("/session");

        var firstId = Assert.Single(first.Headers.GetValues("x-amzn-RequestId"));
        Assert.True(Guid.TryParse(firstId, out _));
        Assert.NotEqual(firstId, Assert.Single(second.Headers.GetValues("x-amzn-RequestId")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Requests_without_a_bearer_token_are_denied(string? authorizationHeader)
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/session");
        if (authorizationHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorizationHeader);
        }

        using var response = await emulator.Client.SendAsync(request);

        var message = await TestEmulator.AssertErrorAsync(response, 403, "AccessDeniedException");
        Assert.Contains("bearer token", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_operations_other_than_verify_session_also_need_a_token()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;

        using var response = await emulator.PostJsonAsync($"{TestEmulator.ProjectPath}/workflows");

        await TestEmulator.AssertErrorAsync(response, 403, "AccessDeniedException");
    }

    [Fact]
    public async Task With_a_required_token_only_that_token_is_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = "the-one" });

        using var wrong = await emulator.GetAsync("/session");
        emulator.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "the-one");
        using var right = await emulator.GetAsync("/session");

        await TestEmulator.AssertErrorAsync(wrong, 403, "AccessDeniedException");
        await TestEmulator.ReadSuccessAsync(right);
    }

    [Fact]
    public async Task Admin_endpoints_need_no_token()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = "the-one" });
        emulator.Client.DefaultRequestHeaders.Authorization = null;

        using var response = await emulator.GetAsync("/_emulator/requests");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_answer_with_an_unknown_operation_error()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync("/v1/nothing-here");

        await TestEmulator.AssertErrorAsync(response, 404, "UnknownOperationException");
    }
}
