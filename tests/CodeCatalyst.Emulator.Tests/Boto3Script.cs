using System.Diagnostics;

namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// Runs one of the python checks that drive the emulator with boto3 (an independent client built from the official
/// models), isolated from the machine's own AWS setup and bounded in time.
/// </summary>
internal static class Boto3Script
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Variables that would change what boto3 does, whatever the check: removed unless the check sets them.</summary>
    private static readonly string[] MachineSettings =
    {
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CODECATALYST", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_AMPLIFY", "AWS_RETRY_MODE",
        "AWS_MAX_ATTEMPTS", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_BEARER_TOKEN_CODECATALYST",
    };

    /// <summary>
    /// Runs <paramref name="scriptName"/> (copied next to the test assembly) with the emulator's base URL as its first
    /// argument, no config or credentials files of the machine's, and <paramref name="environment"/> on top.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string scriptName, string baseUrl, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, scriptName), baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var variable in MachineSettings)
        {
            startInfo.Environment.Remove(variable);
        }

        var noConfig = Path.Combine(Path.GetTempPath(), "codecatalyst-emulator-no-config");
        startInfo.Environment["AWS_CONFIG_FILE"] = Path.Combine(noConfig, "config");
        startInfo.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(noConfig, "credentials");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("python3 could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {Timeout}\n{await standardOutput}\n{await standardError}");
        }

        return (process.ExitCode, $"{await standardOutput}\n{await standardError}");
    }
}
