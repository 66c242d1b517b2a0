namespace CodeCatalyst.Emulator;

/// <summary>
/// A failure to inject into the next matching requests, to exercise clients' retry and error handling.
/// Admin endpoints are never faulted.
/// </summary>
public sealed record FaultSpec
{
    /// <summary>The status to answer with, for example 500, 429 or 503. Ignored when <see cref="DropConnection"/> is set.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>How many matching requests fail before the emulator answers normally again.</summary>
    public int Count { get; init; } = 1;

    /// <summary>When set, sent as the <c>Retry-After</c> header.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Abort the connection without any response, as a network failure would.</summary>
    public bool DropConnection { get; init; }

    /// <summary>
    /// Let the request be handled first (its change is made, as when a service fails after acting), then answer
    /// with the fault instead of the real answer, or drop the connection. Tests a client's retries of operations
    /// that must not be sent twice.
    /// </summary>
    public bool AfterHandling { get; init; }

    /// <summary>Only requests whose path contains this text (ordinal, case-insensitive) are faulted.</summary>
    public string? PathContains { get; init; }

    /// <summary>The <c>x-amzn-ErrorType</c> to send; by default derived from the status code.</summary>
    public string? ErrorType { get; init; }

    public string? Message { get; init; }
}
