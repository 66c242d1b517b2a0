namespace CodeCatalyst.Emulator.Tests.Identity;

/// <summary>
/// boto3, with botocore's own credential providers, resolves credentials through every identity endpoint of the
/// emulator (assume role with a source profile, web identity token file, SSO, container, IMDS) and calls Amplify and
/// STS with them: the endpoints speak what the real ones speak, and what they issue passes the signature check.
/// </summary>
public sealed class IdentityBoto3Tests
{
    private const string SsoToken = "identity-check-sso-token";
    private const string ContainerToken = "identity-check-container-token";

    [Fact]
    public async Task Boto3_resolves_credentials_from_each_source_through_the_emulator_and_calls_Amplify_with_them()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            RequiredToken = SsoToken,
            ContainerAuthorizationToken = ContainerToken,
        });

        var (exitCode, output) = await Boto3Script.RunAsync("boto3_identity_check.py", emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            new Dictionary<string, string>
            {
                // The script writes its own config files in a temporary home.
                ["IDENTITY_CHECK_KEY_ID"] = SampleData.AwsAccessKeyId,
                ["IDENTITY_CHECK_SECRET"] = SampleData.AwsSecretAccessKey,
                ["IDENTITY_CHECK_SSO_TOKEN"] = SsoToken,
                ["IDENTITY_CHECK_CONTAINER_TOKEN"] = ContainerToken,
            });

        Assert.True(exitCode == 0, $"boto3_identity_check.py exited with {exitCode}:\n{output}");
        Assert.Contains("5 credential sources resolved (assume-role, assume-role-with-web-identity, container-role, iam-role, sso)", output);
        var requests = emulator.Server.Requests;
        foreach (var operation in new[] { "AssumeRole", "AssumeRoleWithWebIdentity", "GetRoleCredentials", "GetContainerCredentials", "GetInstanceMetadataToken", "GetInstanceRoleCredentials" })
        {
            Assert.Contains(requests, request => request.Operation == operation && request.StatusCode == 200);
        }

        Assert.True(requests.Count(request => request.Operation == "ListApps" && request.StatusCode == 200) >= 6);
        Assert.All(requests, request => Assert.DoesNotContain(SsoToken, request.Body ?? string.Empty));
    }
}
