using System.Net.Http.Headers;
using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class OidcTokenTests
{
    private const string RefreshRequest =
        """{"clientId":"client","clientSecret":"secret","grantType":"refresh_token","refreshToken":"my-refresh-token"}""";

    [Fact]
    public async Task A_refresh_token_grant_returns_a_deterministic_bearer_token()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;

        using var first = await emulator.PostJsonAsync("/token", RefreshRequest);
        using var second = await emulator.PostJsonAsync("/token", RefreshRequest);

        var token = await TestEmulator.ReadSuccessAsync(first);
        Assert.StartsWith("oidc-", token.GetProperty("accessToken").GetString());
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(28800, token.GetProperty("expiresIn").GetInt32());
        Assert.NotEqual("my-refresh-token", token.GetProperty("refreshToken").GetString());
        Assert.Equal(token.ToString(), (await TestEmulator.ReadSuccessAsync(second)).ToString());
    }

    [Fact]
    public async Task An_issued_access_token_is_accepted_when_a_token_is_required()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = "configured" });
        using var issued = await emulator.PostJsonAsync("/token", RefreshRequest);
        var accessToken = (await TestEmulator.ReadSuccessAsync(issued)).GetProperty("accessToken").GetString();

        emulator.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var session = await emulator.GetAsync("/session");

        await TestEmulator.ReadSuccessAsync(session);
    }

    [Theory]
    [InlineData("""{"clientSecret":"s","grantType":"refresh_token","refreshToken":"r"}""", "InvalidRequestException", "invalid_request")]
    [InlineData("""{"clientId":"c","clientSecret":"s","refreshToken":"r"}""", "InvalidRequestException", "invalid_request")]
    [InlineData("""{"clientId":"c","clientSecret":"s","grantType":"refresh_token"}""", "InvalidGrantException", "invalid_grant")]
    [InlineData("""{"clientId":"c","clientSecret":"s","grantType":"refresh_token","refreshToken":""}""", "InvalidGrantException", "invalid_grant")]
    [InlineData("""{"clientId":"c","clientSecret":"s","grantType":"client_credentials"}""", "UnsupportedGrantTypeException", "unsupported_grant_type")]
    [InlineData("not json", "InvalidRequestException", "invalid_request")]
    public async Task Bad_token_requests_get_oauth_style_errors(string body, string errorType, string oauthError)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/token", body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(errorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(oauthError, error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_an_invalid_grant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Server.RevokeRefreshToken("my-refresh-token");

        using var response = await emulator.PostJsonAsync("/token", RefreshRequest);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidGrantException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task Token_requests_are_counted_in_the_request_log()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using (await emulator.PostJsonAsync("/token", RefreshRequest))
        using (await emulator.PostJsonAsync("/token", RefreshRequest))
        {
        }

        Assert.Equal(2, emulator.Server.Requests.Count(request => request.Operation == "CreateToken"));
    }
}
