namespace CodeCatalyst.Emulator;

/// <summary>One request the emulator received (admin endpoints excluded), as it answered it.</summary>
/// <param name="Time">When the request arrived.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> the response carried.</param>
/// <param name="Operation">The API operation the route maps to (for example <c>ListWorkflows</c> or <c>CreateToken</c>); null when no route matched.</param>
/// <param name="QueryString">The raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="StatusCode">The status sent; 0 when the connection was dropped without a response.</param>
/// <param name="HadAuthorizationHeader">Whether any <c>Authorization</c> header was sent.</param>
/// <param name="BearerToken">The bearer token presented, if the header used the Bearer scheme.</param>
/// <param name="Body">The request body as text, or null when empty.</param>
/// <param name="Fault">Null for a normal answer; otherwise how an injected fault answered (<c>status</c> or <c>drop</c>).</param>
public sealed record RecordedRequest(
    DateTimeOffset Time,
    string RequestId,
    string Method,
    string Path,
    string QueryString,
    string? Operation,
    int StatusCode,
    bool HadAuthorizationHeader,
    string? BearerToken,
    string? Body,
    string? Fault)
{
    public bool WasFaulted => Fault is not null;

    /// <summary>
    /// The access key id a SigV4 <c>Authorization</c> header names (whether or not the signature was right), so a
    /// test can tell which credentials signed a call; null for other requests. Never a secret or a session token.
    /// </summary>
    public string? AwsAccessKeyId { get; init; }
}
