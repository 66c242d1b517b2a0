using System.Diagnostics;

namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// Points boto3, an independent client built from the official service models, at the emulator. If boto3
/// parses every response and raises the modeled exceptions, the emulator speaks the real wire protocol.
/// </summary>
public sealed class Boto3ClientTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Boto3_talks_to_the_emulator_as_to_the_real_service()
    {
        const string Token = "boto3-check-token";
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = Token, RunSpeed = 5 });

        var (exitCode, output) = await RunPythonAsync(
            Path.Combine(AppContext.BaseDirectory, "boto3_client_check.py"),
            emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            Token);

        Assert.True(exitCode == 0, $"boto3_client_check.py exited with {exitCode}:\n{output}");
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "CreateToken");
    }

    [Fact]
    public async Task Boto3_calls_every_codecatalyst_operation_and_each_answer_matches_the_model()
    {
        const string Token = "boto3-all-operations-token";
        // Fast enough that the script's dev environment waits take a fraction of a second.
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = Token, RunSpeed = 10 });

        var (exitCode, output) = await RunPythonAsync(
            Path.Combine(AppContext.BaseDirectory, "boto3_all_operations_check.py"),
            emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            Token);

        Assert.True(exitCode == 0, $"boto3_all_operations_check.py exited with {exitCode}:\n{output}");
        Assert.Contains("38 of 38 operations called", output);
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(string scriptPath, string baseUrl, string token)
    {
        var startInfo = new ProcessStartInfo("python3")
        {
            ArgumentList = { scriptPath, baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["AWS_BEARER_TOKEN_CODECATALYST"] = token;
        // Nothing from the machine's own AWS setup may change what the client does.
        startInfo.Environment["AWS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "codecatalyst-emulator-no-config", "config");
        startInfo.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Path.GetTempPath(), "codecatalyst-emulator-no-config", "credentials");
        foreach (var variable in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CODECATALYST", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS" })
        {
            startInfo.Environment.Remove(variable);
        }

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
