using System.Text.Json;
using CodeCatalyst.Emulator.Tests.Amplify;

namespace CodeCatalyst.Emulator.Tests.Identity;

/// <summary>The container credentials endpoint and IMDSv2 on the emulator: their answers, their refusals, and rotation.</summary>
public sealed class MetadataCredentialEndpointTests
{
    private const string ContainerToken = "container-authorization-test-token";

    private static async Task<JsonElement> GetJsonAsync(AmplifyTestClient client, string path, Action<HttpRequestMessage>? prepare = null)
    {
        using var response = await SendAsync(client, HttpMethod.Get, path, prepare);
        return await TestEmulator.ReadSuccessAsync(response, 200);
    }

    private static Task<HttpResponseMessage> SendAsync(AmplifyTestClient client, HttpMethod method, string path, Action<HttpRequestMessage>? prepare = null)
    {
        client.Signer.Unsigned = true;
        var request = new HttpRequestMessage(method, path);
        prepare?.Invoke(request);
        return client.Client.SendAsync(request);
    }

    private static void SignWith(AmplifyTestClient client, JsonElement document)
    {
        client.Signer.Unsigned = false;
        client.Signer.AccessKeyId = document.GetProperty("AccessKeyId").GetString()!;
        client.Signer.SecretAccessKey = document.GetProperty("SecretAccessKey").GetString()!;
        client.Signer.SessionToken = document.GetProperty("Token").GetString()!;
    }

    [Fact]
    public async Task Container_credentials_answer_the_ECS_document_and_sign_Amplify_calls()
    {
        var clock = new ManualClock();
        await using var client = await AmplifyTestClient.StartAsync(clock);

        var document = await GetJsonAsync(client, "/container-credentials/task-1");

        Assert.Equal(["AccessKeyId", "Expiration", "RoleArn", "SecretAccessKey", "Token"], TestEmulator.MemberNames(document));
        Assert.Equal("arn:aws:iam::123456789012:role/emulator-container-role", document.GetProperty("RoleArn").GetString());
        Assert.Equal("2026-11-23T11:00:00Z", document.GetProperty("Expiration").GetString());
        SignWith(client, document);
        using var apps = await client.GetAsync("/apps");
        await TestEmulator.ReadSuccessAsync(apps, 200);
        Assert.Contains(client.Emulator.Server.Requests, request => request.Operation == "GetContainerCredentials");
    }

    [Fact]
    public async Task Container_credentials_stay_the_same_until_fifteen_minutes_before_they_expire()
    {
        var clock = new ManualClock();
        await using var client = await AmplifyTestClient.StartAsync(clock);
        var first = await GetJsonAsync(client, "/container-credentials/task-1");

        clock.Advance(TimeSpan.FromMinutes(44));
        var again = await GetJsonAsync(client, "/container-credentials/task-1");
        clock.Advance(TimeSpan.FromMinutes(2));
        var rotated = await GetJsonAsync(client, "/container-credentials/task-1");

        Assert.Equal(first.GetProperty("AccessKeyId").GetString(), again.GetProperty("AccessKeyId").GetString());
        Assert.NotEqual(first.GetProperty("AccessKeyId").GetString(), rotated.GetProperty("AccessKeyId").GetString());
        Assert.Equal("2026-11-23T11:46:00Z", rotated.GetProperty("Expiration").GetString());
        // The old credentials still work until their own expiration.
        SignWith(client, first);
        using var apps = await client.GetAsync("/apps");
        await TestEmulator.ReadSuccessAsync(apps, 200);
    }

    [Fact]
    public async Task A_configured_container_authorization_token_is_required_exactly()
    {
        await using var client = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { ContainerAuthorizationToken = ContainerToken });

        using var without = await SendAsync(client, HttpMethod.Get, "/container-credentials/task-1");
        using var wrong = await SendAsync(client, HttpMethod.Get, "/container-credentials/task-1",
            request => request.Headers.TryAddWithoutValidation("Authorization", ContainerToken + "x"));
        var right = await GetJsonAsync(client, "/container-credentials/task-1",
            request => request.Headers.TryAddWithoutValidation("Authorization", ContainerToken));

        Assert.Equal(401, (int)without.StatusCode);
        Assert.Equal(401, (int)wrong.StatusCode);
        Assert.DoesNotContain(ContainerToken, await wrong.Content.ReadAsStringAsync());
        Assert.StartsWith("ASIA", right.GetProperty("AccessKeyId").GetString());
    }

    private static async Task<string> MetadataTokenAsync(AmplifyTestClient client, string ttl = "21600")
    {
        using var response = await SendAsync(client, HttpMethod.Put, "/latest/api/token",
            request => request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token-ttl-seconds", ttl));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(ttl, response.Headers.GetValues("x-aws-ec2-metadata-token-ttl-seconds").Single());
        return await response.Content.ReadAsStringAsync();
    }

    private static Action<HttpRequestMessage> WithToken(string token) =>
        request => request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token", token);

    [Fact]
    public async Task IMDSv2_gives_the_role_name_then_its_credentials_which_sign_Amplify_calls()
    {
        var clock = new ManualClock();
        await using var client = await AmplifyTestClient.StartAsync(clock);
        var token = await MetadataTokenAsync(client);

        using var roles = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/iam/security-credentials/", WithToken(token));
        var role = await roles.Content.ReadAsStringAsync();
        var document = await GetJsonAsync(client, "/latest/meta-data/iam/security-credentials/" + role, WithToken(token));
        using var region = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/placement/region", WithToken(token));

        Assert.Equal("emulator-instance-role", role);
        Assert.Equal(["AccessKeyId", "Code", "Expiration", "LastUpdated", "SecretAccessKey", "Token", "Type"], TestEmulator.MemberNames(document));
        Assert.Equal("Success", document.GetProperty("Code").GetString());
        Assert.Equal("AWS-HMAC", document.GetProperty("Type").GetString());
        Assert.Equal("2026-11-23T10:00:00Z", document.GetProperty("LastUpdated").GetString());
        Assert.Equal("2026-11-23T11:00:00Z", document.GetProperty("Expiration").GetString());
        Assert.Equal("us-east-1", await region.Content.ReadAsStringAsync());
        SignWith(client, document);
        using var apps = await client.GetAsync("/apps");
        await TestEmulator.ReadSuccessAsync(apps, 200);
    }

    [Fact]
    public async Task IMDS_refuses_reads_without_a_live_session_token()
    {
        var clock = new ManualClock();
        await using var client = await AmplifyTestClient.StartAsync(clock);
        var token = await MetadataTokenAsync(client, "60");

        using var none = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/iam/security-credentials/");
        using var made_up = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/iam/security-credentials/emulator-instance-role", WithToken("made-up"));
        clock.Advance(TimeSpan.FromSeconds(61));
        using var expired = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/iam/security-credentials/", WithToken(token));

        Assert.Equal(401, (int)none.StatusCode);
        Assert.Equal(401, (int)made_up.StatusCode);
        Assert.Equal(401, (int)expired.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("21601")]
    [InlineData("six hours")]
    public async Task An_IMDS_token_request_without_a_TTL_of_1_to_21600_seconds_is_a_400(string? ttl)
    {
        await using var client = await AmplifyTestClient.StartAsync();

        using var response = await SendAsync(client, HttpMethod.Put, "/latest/api/token", request =>
        {
            if (ttl is not null) request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token-ttl-seconds", ttl);
        });

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task IMDS_knows_only_its_own_role()
    {
        await using var client = await AmplifyTestClient.StartAsync();
        var token = await MetadataTokenAsync(client);

        using var response = await SendAsync(client, HttpMethod.Get, "/latest/meta-data/iam/security-credentials/another-role", WithToken(token));

        Assert.Equal(404, (int)response.StatusCode);
    }
}
