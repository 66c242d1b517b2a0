namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// boto3, built from Amplify's official model and signing with its own SigV4 code, calls every Amplify operation
/// the emulator serves: the emulator speaks the real protocol, and its signature check agrees with botocore's.
/// </summary>
public sealed class AmplifyBoto3Tests
{
    [Fact]
    public async Task Boto3_calls_every_Amplify_operation_signed_and_each_answer_matches_the_model()
    {
        // Real-time jobs (3 s from PENDING to the end): the script checks states a job is in only for a moment (PENDING
        // just after StartJob, RUNNING while polling, in progress for DeleteJob and StopJob), and on a loaded machine
        // a faster clock let a job finish between two calls.
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { RunSpeed = 1 });

        var (exitCode, output) = await Boto3Script.RunAsync("boto3_amplify_check.py", emulator.Server.BaseAddress.ToString().TrimEnd('/'),
            new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = SampleData.AwsAccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = SampleData.AwsSecretAccessKey,
                ["AMPLIFY_CHECK_TEMP_KEY_ID"] = SampleData.AwsTemporaryAccessKeyId,
                ["AMPLIFY_CHECK_TEMP_SECRET"] = SampleData.AwsTemporarySecretAccessKey,
                ["AMPLIFY_CHECK_SESSION_TOKEN"] = SampleData.AwsSessionToken,
            });

        Assert.True(exitCode == 0, $"boto3_amplify_check.py exited with {exitCode}:\n{output}");
        Assert.Contains("11 of 11 operations called", output);
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "StartDeployment" && request.StatusCode == 200);
        Assert.Contains(emulator.Server.Requests, request => request.Operation == "ListApps" && request.StatusCode == 403);
    }
}
