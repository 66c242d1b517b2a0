using System.Globalization;

namespace CodeCatalyst.Emulator;

/// <summary>
/// Standalone entry point:
/// <c>dotnet run --project src/CodeCatalyst.Emulator -- [--urls URL] [--token T] [--data FILE] [--run-speed N]
/// [--aws-credentials KEYID:SECRET[:SESSIONTOKEN]]... [--container-authorization-token T]</c>.
/// </summary>
internal static class Program
{
    private const string Usage =
        "Usage: CodeCatalyst.Emulator [--urls http://127.0.0.1:5080] [--token TOKEN] [--data FILE] [--run-speed N] [--aws-credentials KEYID:SECRET[:SESSIONTOKEN]]... [--container-authorization-token TOKEN]";

    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = ParseArguments(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(options);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot start the emulator: {exception.Message}");
            return 1;
        }

        await using (server)
        {
            Console.WriteLine($"CodeCatalyst emulator listening on {server.BaseAddress}");
            Console.WriteLine(options.RequiredToken is null
                ? "Any non-empty bearer token is accepted."
                : "Only the configured bearer token (or one issued by POST /token) is accepted.");
            Console.WriteLine(
                $"Amplify and STS (SigV4) accept the access keys {string.Join(", ", options.AwsCredentials.Select(credential => credential.AccessKeyId))}, and the temporary credentials the identity endpoints issue.");
            Console.WriteLine(
                $"Identity endpoints: STS at {server.BaseAddress} (AWS_ENDPOINT_URL_STS), SSO portal (AWS_ENDPOINT_URL_SSO), "
                + $"{server.BaseAddress}container-credentials/any (AWS_CONTAINER_CREDENTIALS_FULL_URI"
                + (options.ContainerAuthorizationToken is null ? ")" : ", with the configured authorization token)")
                + ", IMDSv2 (AWS_EC2_METADATA_SERVICE_ENDPOINT).");
            Console.WriteLine($"Sample workflow ids: build {SampleData.BuildWorkflowId}, integration-tests {SampleData.FailingWorkflowId}");
            Console.WriteLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync();
        }

        return 0;
    }

    private static EmulatorOptions ParseArguments(string[] args)
    {
        var options = new EmulatorOptions();
        var awsCredentials = new List<AwsTestCredential>();
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"The option {name} needs a value.");
            }

            var value = args[++index];
            options = name switch
            {
                "--urls" => options with { Urls = value },
                "--token" => options with { RequiredToken = value },
                "--data" => options with { DataFile = value },
                "--run-speed" => options with { RunSpeed = ParseRunSpeed(value) },
                "--aws-credentials" => options with { AwsCredentials = AddAwsCredentials(awsCredentials, value) },
                "--container-authorization-token" => options with { ContainerAuthorizationToken = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    /// <summary>KEYID:SECRET or KEYID:SECRET:SESSIONTOKEN; the first use replaces the built-in test credentials.</summary>
    private static List<AwsTestCredential> AddAwsCredentials(List<AwsTestCredential> given, string value)
    {
        var parts = value.Split(':');
        given.Add(parts.Length is 2 or 3 && parts.All(part => part.Length > 0)
            ? new AwsTestCredential(parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : throw new ArgumentException("--aws-credentials needs KEYID:SECRET or KEYID:SECRET:SESSIONTOKEN."));
        return [.. given];
    }

    private static double ParseRunSpeed(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 && double.IsFinite(speed)
            ? speed
            : throw new ArgumentException($"--run-speed needs a positive number, not '{value}'.");
}
