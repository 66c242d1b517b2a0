namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// Points boto3, an independent client built from the official service models, at the emulator. If boto3
/// parses every response and raises the modeled exceptions, the emulator speaks the real wire protocol.
/// </summary>
public sealed class Boto3ClientTests
{
    [Fact]
    public async Task Boto3_talks_to_the_emulator_as_to_the_real_service()
    {
        const string Token = "boto3-check-token";
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = Token, RunSpeed = 5 });

        var (exitCode, output) = await Boto3Script.RunAsync("boto3_client_check.py", emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            new Dictionary<string, string> { ["AWS_BEARER_TOKEN_CODECATALYST"] = Token });

        Assert.True(exitCode == 0, $"boto3_client_check.py exited with {exitCode}:\n{output}");
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "CreateToken");
    }

    [Fact]
    public async Task Boto3_calls_every_codecatalyst_operation_and_each_answer_matches_the_model()
    {
        const string Token = "boto3-all-operations-token";
        // Fast enough that the script's dev environment waits take a fraction of a second.
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RequiredToken = Token, RunSpeed = 10 });

        var (exitCode, output) = await Boto3Script.RunAsync("boto3_all_operations_check.py", emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            new Dictionary<string, string> { ["AWS_BEARER_TOKEN_CODECATALYST"] = Token });

        Assert.True(exitCode == 0, $"boto3_all_operations_check.py exited with {exitCode}:\n{output}");
        Assert.Contains("38 of 38 operations called", output);
    }
}
