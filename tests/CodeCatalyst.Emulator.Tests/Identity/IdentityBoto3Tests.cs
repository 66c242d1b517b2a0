using System.Diagnostics;

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
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Boto3_resolves_credentials_from_each_source_through_the_emulator_and_calls_Amplify_with_them()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            RequiredToken = SsoToken,
            ContainerAuthorizationToken = ContainerToken,
        });

        var (exitCode, output) = await RunScriptAsync(emulator.Server.BaseAddress.ToString().TrimEnd('/'));

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

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string baseUrl)
    {
        var startInfo = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "boto3_identity_check.py"), baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The script writes its own config files in a temporary home; nothing of the machine's AWS setup may leak in.
        foreach (var variable in new[]
                 {
                     "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                     "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS", "AWS_REGION", "AWS_DEFAULT_REGION",
                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
                 })
        {
            startInfo.Environment.Remove(variable);
        }

        startInfo.Environment["IDENTITY_CHECK_KEY_ID"] = SampleData.AwsAccessKeyId;
        startInfo.Environment["IDENTITY_CHECK_SECRET"] = SampleData.AwsSecretAccessKey;
        startInfo.Environment["IDENTITY_CHECK_SSO_TOKEN"] = SsoToken;
        startInfo.Environment["IDENTITY_CHECK_CONTAINER_TOKEN"] = ContainerToken;

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("python3 could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {ScriptTimeout}\n{await standardOutput}\n{await standardError}");
        }

        return (process.ExitCode, $"{await standardOutput}\n{await standardError}");
    }
}
