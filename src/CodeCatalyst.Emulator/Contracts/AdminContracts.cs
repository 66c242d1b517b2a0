namespace CodeCatalyst.Emulator.Contracts;

// Bodies of the emulator's own /_emulator endpoints (not part of any AWS model).

/// <summary>A fault as the admin endpoint reads and lists it (names match the JSON members, not <see cref="FaultSpec"/>).</summary>
internal sealed class FaultRequestBody
{
    public int? Status { get; set; }

    public int? Count { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public bool? Drop { get; set; }

    public bool? AfterHandling { get; set; }

    public string? PathContains { get; set; }

    public string? ErrorType { get; set; }

    public string? Message { get; set; }
}

internal sealed class SeedRunsRequestBody
{
    public string? SpaceName { get; set; }

    public string? ProjectName { get; set; }

    public string? WorkflowId { get; set; }

    public int? Count { get; set; }
}

internal sealed record SeedRunsResponse(IReadOnlyList<string> RunIds);

internal sealed class RevokeRefreshTokenRequestBody
{
    public string? RefreshToken { get; set; }
}

internal sealed record RequestLogResponse(IReadOnlyList<RecordedRequest> Requests);

internal sealed record FaultListResponse(IReadOnlyList<FaultRequestBody> Faults);
