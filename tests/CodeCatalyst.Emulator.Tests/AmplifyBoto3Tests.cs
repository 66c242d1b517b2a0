using System.Diagnostics;

namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// boto3, built from Amplify's official model and signing with its own SigV4 code, calls every Amplify operation
/// the emulator serves: the emulator speaks the real protocol, and its signature check agrees with botocore's.
/// </summary>
public sealed class AmplifyBoto3Tests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Boto3_calls_every_Amplify_operation_signed_and_each_answer_matches_the_model()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RunSpeed = 10 });

        var (exitCode, output) = await RunScriptAsync(emulator.Server.BaseAddress.ToString().TrimEnd('/'));

        Assert.True(exitCode == 0, $"boto3_amplify_check.py exited with {exitCode}:\n{output}");
        Assert.Contains("11 of 11 operations called", output);
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "StartDeployment" && request.StatusCode == 200);
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "ListApps" && request.StatusCode == 403);
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string baseUrl)
    {
        var startInfo = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "boto3_amplify_check.py"), baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing from the machine's own AWS setup may change what the client does.
        var noConfig = Path.Combine(Path.GetTempPath(), "codecatalyst-emulator-no-config");
        startInfo.Environment["AWS_CONFIG_FILE"] = Path.Combine(noConfig, "config");
        startInfo.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(noConfig, "credentials");
        foreach (var variable in new[]
                 {
                     "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_AMPLIFY", "AWS_RETRY_MODE",
                     "AWS_MAX_ATTEMPTS", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
                 })
        {
            startInfo.Environment.Remove(variable);
        }

        startInfo.Environment["AWS_ACCESS_KEY_ID"] = SampleData.AwsAccessKeyId;
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = SampleData.AwsSecretAccessKey;
        startInfo.Environment["AMPLIFY_CHECK_TEMP_KEY_ID"] = SampleData.AwsTemporaryAccessKeyId;
        startInfo.Environment["AMPLIFY_CHECK_TEMP_SECRET"] = SampleData.AwsTemporarySecretAccessKey;
        startInfo.Environment["AMPLIFY_CHECK_SESSION_TOKEN"] = SampleData.AwsSessionToken;

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
