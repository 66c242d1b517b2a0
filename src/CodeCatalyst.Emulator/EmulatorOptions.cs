namespace CodeCatalyst.Emulator;

/// <summary>How an emulator instance behaves. The command line sets the same values (see Program).</summary>
public sealed record EmulatorOptions
{
    /// <summary>
    /// When set, the only bearer token accepted (besides tokens the emulator's own OIDC endpoint issued).
    /// When null, any non-empty bearer token is accepted.
    /// </summary>
    public string? RequiredToken { get; init; }

    /// <summary>A data file to start from instead of the built-in sample data (format: sample-data.json).</summary>
    public string? DataFile { get; init; }

    /// <summary>Divides every run phase's duration: 2 runs workflows twice as fast, 0.5 half as fast.</summary>
    public double RunSpeed { get; init; } = 1;

    /// <summary>Where Kestrel listens. Port 0 picks a free port; <see cref="EmulatorServer.BaseAddress"/> tells which.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>
    /// The long-term AWS credentials the SigV4 routes (Amplify, STS) accept, besides the temporary ones the identity
    /// endpoints issue; by default <see cref="SampleData.AwsAccessKeyId"/> and
    /// the temporary <see cref="SampleData.AwsTemporaryAccessKeyId"/> (with its session token).
    /// </summary>
    public IReadOnlyList<AwsTestCredential> AwsCredentials { get; init; } =
    [
        new(SampleData.AwsAccessKeyId, SampleData.AwsSecretAccessKey),
        new(SampleData.AwsTemporaryAccessKeyId, SampleData.AwsTemporarySecretAccessKey, SampleData.AwsSessionToken),
    ];

    /// <summary>
    /// When set, the container credentials endpoint (<c>/container-credentials/...</c>) answers only requests whose
    /// <c>Authorization</c> header is exactly this value, as AWS_CONTAINER_AUTHORIZATION_TOKEN sends it. When null,
    /// it asks for no authorization, as the ECS relative-URI endpoint does.
    /// </summary>
    public string? ContainerAuthorizationToken { get; init; }

    /// <summary>The largest deployment upload (PUT to a CreateDeployment URL) the emulator takes.</summary>
    public long MaxDeploymentUploadBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The clock runs are timed against; tests can pass a controllable one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
