using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.Amplify;

/// <summary>
/// Amplify's modeled error shapes (rest-json: <c>x-amzn-ErrorType</c> plus <c>{"message": ...}</c>), and the
/// 403 errors the AWS front door answers before a request reaches the service (signature checks).
/// </summary>
internal static class AmplifyErrors
{
    public static ApiException BadRequest(string message) => new(400, "BadRequestException", message);

    public static ApiException Unauthorized(string message) => new(401, "UnauthorizedException", message);

    public static ApiException NotFound(string message) => new(404, "NotFoundException", message);

    public static ApiException LimitExceeded(string message) => new(429, "LimitExceededException", message);

    public static ApiException InternalFailure(string message) => new(500, "InternalFailureException", message);

    public static ApiException DependentServiceFailure(string message) => new(503, "DependentServiceFailureException", message);

    // Signature errors: the shapes and messages AWS sends for SigV4 failures (not in Amplify's model; botocore
    // raises them as a plain ClientError with this code).
    public static ApiException MissingAuthenticationToken() =>
        new(403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    public static ApiException IncompleteSignature(string message) => new(403, "IncompleteSignatureException", message);

    public static ApiException UnrecognizedClient() =>
        new(403, "UnrecognizedClientException", "The security token included in the request is invalid.");

    public static ApiException InvalidSignature(string message) => new(403, "InvalidSignatureException", message);

    /// <summary>Temporary credentials used after their expiration (AWS's common error, 403 on every rest-json service).</summary>
    public static ApiException ExpiredToken() =>
        new(403, "ExpiredTokenException", "The security token included in the request is expired");

    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>
    /// The request layer and the shared paging helper speak CodeCatalyst's error names; on Amplify's routes the same
    /// failures are Amplify's shapes.
    /// </summary>
    public static ApiException Translate(ApiException exception) => exception.ErrorType switch
    {
        "ValidationException" => BadRequest(exception.Message),
        "ResourceNotFoundException" => NotFound(exception.Message),
        "ThrottlingException" => LimitExceeded(exception.Message),
        "InternalServerException" => InternalFailure(exception.Message),
        _ => exception,
    };
}
