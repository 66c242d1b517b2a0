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

    /// <summary>The clock runs are timed against; tests can pass a controllable one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
