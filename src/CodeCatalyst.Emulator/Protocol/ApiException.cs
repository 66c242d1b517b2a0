namespace CodeCatalyst.Emulator.Protocol;

/// <summary>
/// A modeled service error. Handlers throw it; <see cref="Pipeline.ApiExceptionMiddleware"/> turns it into the
/// rest-json error response, so no handler has to know how errors look on the wire.
/// </summary>
internal class ApiException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The shape name clients map to an exception class (sent in <c>x-amzn-ErrorType</c>).</summary>
    public string ErrorType { get; } = errorType;

    public static ApiException Validation(string message) => new(400, "ValidationException", message);

    public static ApiException AccessDenied(string message) => new(403, "AccessDeniedException", message);

    public static ApiException ServiceQuotaExceeded(string message) => new(402, "ServiceQuotaExceededException", message);

    public static ApiException NotFound(string message) => new(404, "ResourceNotFoundException", message);

    public static ApiException Conflict(string message) => new(409, "ConflictException", message);
}

/// <summary>
/// An SSO OIDC error. That service's error shapes carry OAuth-style <c>error</c> / <c>error_description</c>
/// members instead of <c>message</c>.
/// </summary>
internal sealed class OidcException(string errorType, string oauthErrorCode, string description)
    : ApiException(400, errorType, description)
{
    public string OAuthErrorCode { get; } = oauthErrorCode;

    public static OidcException InvalidRequest(string description) =>
        new("InvalidRequestException", "invalid_request", description);

    public static OidcException InvalidGrant(string description) =>
        new("InvalidGrantException", "invalid_grant", description);

    public static OidcException UnsupportedGrantType(string description) =>
        new("UnsupportedGrantTypeException", "unsupported_grant_type", description);
}
