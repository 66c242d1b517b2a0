using System.Text.Json;
using CodeCatalyst.Emulator.Tests.Amplify;

namespace CodeCatalyst.Emulator.Tests.Identity;

/// <summary>The SSO portal's GetRoleCredentials: the bearer token rules, its rest-json errors, and the credentials it issues.</summary>
public sealed class SsoPortalEndpointTests
{
    private const string ConfiguredToken = "sso-portal-test-token";
    private const string CredentialsPath = "/federation/credentials?role_name=Deployer&account_id=111122223333";

    private static async Task<HttpResponseMessage> GetRoleCredentialsAsync(AmplifyTestClient client, string? token, string path = CredentialsPath)
    {
        client.Signer.Unsigned = true;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("x-amz-sso_bearer_token", token);
        }

        return await client.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_configured_token_gets_an_hour_of_role_credentials_that_sign_Amplify_calls()
    {
        var clock = new ManualClock();
        await using var client = await AmplifyTestClient.StartAsync(clock, new EmulatorOptions { RequiredToken = ConfiguredToken });

        using var response = await GetRoleCredentialsAsync(client, ConfiguredToken);

        var credentials = (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("roleCredentials");
        Assert.Equal(["accessKeyId", "expiration", "secretAccessKey", "sessionToken"], TestEmulator.MemberNames(credentials));
        Assert.Equal(clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), credentials.GetProperty("expiration").GetInt64());
        client.Signer.Unsigned = false;
        client.Signer.AccessKeyId = credentials.GetProperty("accessKeyId").GetString()!;
        client.Signer.SecretAccessKey = credentials.GetProperty("secretAccessKey").GetString()!;
        client.Signer.SessionToken = credentials.GetProperty("sessionToken").GetString()!;
        using var apps = await client.GetAsync("/apps");
        await TestEmulator.ReadSuccessAsync(apps, 200);
        Assert.Contains(client.Emulator.Server.Requests, request => request.Operation == "GetRoleCredentials" && request.StatusCode == 200);
    }

    [Fact]
    public async Task The_role_credentials_act_as_the_permission_sets_role_in_that_account()
    {
        await using var client = await StsTestClient.StartAsync(options: new EmulatorOptions { RequiredToken = ConfiguredToken });
        using var response = await GetRoleCredentialsAsync(client, ConfiguredToken);
        var credentials = (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("roleCredentials");
        client.Signer.Unsigned = false;
        client.Signer.AccessKeyId = credentials.GetProperty("accessKeyId").GetString()!;
        client.Signer.SecretAccessKey = credentials.GetProperty("secretAccessKey").GetString()!;
        client.Signer.SessionToken = credentials.GetProperty("sessionToken").GetString()!;

        using var caller = await client.CallAsync("GetCallerIdentity");

        var identity = await StsTestClient.ReadResultAsync(caller, "GetCallerIdentity");
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Deployer_", identity.Value("Arn"));
        Assert.Equal("111122223333", identity.Value("Account"));
    }

    [Fact]
    public async Task A_token_the_emulators_OIDC_endpoint_issued_is_accepted_too()
    {
        await using var client = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { RequiredToken = ConfiguredToken });
        using var issued = await client.Emulator.PostJsonAsync("/token",
            """{"clientId":"c","clientSecret":"s","grantType":"refresh_token","refreshToken":"sso-refresh"}""");
        var accessToken = (await TestEmulator.ReadSuccessAsync(issued)).GetProperty("accessToken").GetString();

        using var response = await GetRoleCredentialsAsync(client, accessToken);

        await TestEmulator.ReadSuccessAsync(response, 200);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("some-other-token")]
    public async Task A_missing_or_unknown_token_is_UnauthorizedException(string? token)
    {
        await using var client = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { RequiredToken = ConfiguredToken });

        using var response = await GetRoleCredentialsAsync(client, token);

        var message = await TestEmulator.AssertErrorAsync(response, 401, "UnauthorizedException");
        if (!string.IsNullOrEmpty(token)) Assert.DoesNotContain(token, message);
    }

    [Theory]
    [InlineData("/federation/credentials?account_id=111122223333")]
    [InlineData("/federation/credentials?role_name=Deployer")]
    [InlineData("/federation/credentials?role_name=Deployer&account_id=12345")]
    [InlineData("/federation/credentials?role_name=bad%20name&account_id=111122223333")]
    public async Task A_missing_or_malformed_role_or_account_is_InvalidRequestException(string path)
    {
        await using var client = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { RequiredToken = ConfiguredToken });

        using var response = await GetRoleCredentialsAsync(client, ConfiguredToken, path);

        await TestEmulator.AssertErrorAsync(response, 400, "InvalidRequestException");
    }

    [Fact]
    public async Task The_request_log_never_holds_the_portal_token()
    {
        await using var client = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { RequiredToken = ConfiguredToken });

        using var response = await GetRoleCredentialsAsync(client, ConfiguredToken);

        var logged = Assert.Single(client.Emulator.Server.Requests);
        Assert.DoesNotContain(ConfiguredToken, JsonSerializer.Serialize(logged));
    }
}
