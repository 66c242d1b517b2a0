using System.Net.Http.Headers;

namespace CodeCatalyst.Emulator.Tests.Amplify;

/// <summary>How the emulator's Amplify routes answer requests that are not properly signed (403, as AWS answers).</summary>
public sealed class AmplifySignatureTests
{
    [Fact]
    public async Task A_request_without_a_signature_is_refused_as_missing_authentication()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.Unsigned = true;

        using var response = await amplify.GetAsync("/apps");

        Assert.Equal("Missing Authentication Token", await TestEmulator.AssertErrorAsync(response, 403, "MissingAuthenticationTokenException"));
    }

    [Fact]
    public async Task A_bearer_token_is_not_a_signature()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.Unsigned = true;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apps");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestEmulator.DefaultToken);

        using var response = await amplify.Client.SendAsync(request);

        await TestEmulator.AssertErrorAsync(response, 403, "IncompleteSignatureException");
    }

    [Fact]
    public async Task An_unknown_access_key_is_an_unrecognized_client()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.AccessKeyId = "AKIAEXAMPLEUNKNOWN00";

        using var response = await amplify.GetAsync("/apps");

        Assert.Equal(
            "The security token included in the request is invalid.",
            await TestEmulator.AssertErrorAsync(response, 403, "UnrecognizedClientException"));
    }

    [Fact]
    public async Task A_wrong_secret_is_an_invalid_signature()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.SecretAccessKey = "not-the-secret";

        using var response = await amplify.GetAsync("/apps");

        Assert.StartsWith(
            "The request signature we calculated does not match the signature you provided.",
            await TestEmulator.AssertErrorAsync(response, 403, "InvalidSignatureException"));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_an_invalid_signature_and_starts_nothing()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.ReplaceBodyAfterSigning = """{"jobType":"RETRY","jobId":"1"}""";

        using var response = await amplify.PostAsync($"/apps/{SampleData.AmplifyRepositoryAppId}/branches/main/jobs", """{"jobType":"RELEASE"}""");

        await TestEmulator.AssertErrorAsync(response, 403, "InvalidSignatureException");
        amplify.Signer.ReplaceBodyAfterSigning = null;
        using var jobs = await amplify.GetAsync($"/apps/{SampleData.AmplifyRepositoryAppId}/branches/main/jobs");
        Assert.Equal(3, (await TestEmulator.ReadSuccessAsync(jobs, 200)).GetProperty("jobSummaries").GetArrayLength());
    }

    [Theory]
    [InlineData(-6, false)]
    [InlineData(6, false)]
    [InlineData(-4, true)]
    [InlineData(4, true)]
    public async Task Requests_are_accepted_within_five_minutes_of_the_emulator_clock(int offsetMinutes, bool accepted)
    {
        await using var amplify = await AmplifyTestClient.StartAsync(new ManualClock());
        amplify.Signer.ClockOffset = TimeSpan.FromMinutes(offsetMinutes);

        using var response = await amplify.GetAsync("/apps");

        if (accepted)
        {
            await TestEmulator.ReadSuccessAsync(response, 200);
        }
        else
        {
            var message = await TestEmulator.AssertErrorAsync(response, 403, "InvalidSignatureException");
            Assert.StartsWith(offsetMinutes < 0 ? "Signature expired:" : "Signature not yet current:", message);
        }
    }

    [Fact]
    public async Task Temporary_credentials_need_their_session_token()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.AccessKeyId = SampleData.AwsTemporaryAccessKeyId;
        amplify.Signer.SecretAccessKey = SampleData.AwsTemporarySecretAccessKey;

        using (var withoutToken = await amplify.GetAsync("/apps"))
        {
            await TestEmulator.AssertErrorAsync(withoutToken, 403, "UnrecognizedClientException");
        }

        amplify.Signer.SessionToken = SampleData.AwsSessionToken;
        using var withToken = await amplify.GetAsync("/apps");
        await TestEmulator.ReadSuccessAsync(withToken, 200);
    }

    [Fact]
    public async Task A_signature_scoped_to_another_service_is_refused()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Signer.Service = "codecatalyst";

        using var response = await amplify.GetAsync("/apps");

        await TestEmulator.AssertErrorAsync(response, 403, "InvalidSignatureException");
    }

    [Fact]
    public async Task Branch_names_with_a_slash_are_signed_and_routed_as_sent()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var response = await amplify.GetAsync($"/apps/{SampleData.AmplifyRepositoryAppId}/branches/feature%2Flogin");

        var message = await TestEmulator.AssertErrorAsync(response, 404, "NotFoundException");
        Assert.Contains("feature/login", message);
    }

    [Fact]
    public async Task CodeCatalyst_routes_still_take_the_bearer_token_and_no_signature()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"/v1/spaces/{SampleData.SpaceName}");

        await TestEmulator.ReadSuccessAsync(response, 200);
    }
}
