using System.Xml.Linq;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>Marks the STS endpoint: its errors are Query-protocol XML, not rest-json.</summary>
internal sealed class StsEndpointMetadata
{
    public static readonly StsEndpointMetadata Instance = new();

    public static bool IsSts(HttpContext context) =>
        context.Features.Get<IEndpointFeature>()?.Endpoint?.Metadata.GetMetadata<StsEndpointMetadata>() is not null;
}

/// <summary>
/// STS's errors (sts 2011-06-15 model plus the common Query errors) and how they look on the wire:
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;</c>.
/// </summary>
internal static class StsErrors
{
    public static readonly XNamespace Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static ApiException Validation(string message) => new(400, "ValidationError", message);

    public static ApiException InvalidAction(string action) =>
        new(400, "InvalidAction", $"Could not find operation {action} for version {StsEndpoints.ApiVersion}");

    public static ApiException InvalidIdentityToken(string message) => new(400, "InvalidIdentityToken", message);

    /// <summary>The model's ExpiredTokenException: a web identity token past its <c>exp</c> claim.</summary>
    public static ApiException ExpiredWebIdentityToken(string message) => new(400, "ExpiredTokenException", message);

    /// <summary>
    /// The shared layers (signature check, faults, the 500 guard) speak rest-json names; STS answers the same failures
    /// with its Query names, as AWS does (InvalidSignatureException on Amplify is SignatureDoesNotMatch on STS).
    /// </summary>
    public static string CodeFor(string errorType) => errorType switch
    {
        "MissingAuthenticationTokenException" => "MissingAuthenticationToken",
        "IncompleteSignatureException" => "IncompleteSignature",
        "UnrecognizedClientException" => "InvalidClientTokenId",
        "InvalidSignatureException" => "SignatureDoesNotMatch",
        "ValidationException" => "ValidationError",
        "ThrottlingException" => "Throttling",
        "ServiceUnavailableException" => "ServiceUnavailable",
        "InternalServerException" => "InternalFailure",
        "AccessDeniedException" => "AccessDenied",
        _ => errorType,
    };

    /// <summary>Signature failures keep their status; the expired-credentials one is STS's ExpiredToken.</summary>
    public static ApiException FromSignatureCheck(ApiException exception) => exception.ErrorType == "ExpiredTokenException"
        ? new ApiException(exception.StatusCode, "ExpiredToken", exception.Message)
        : new ApiException(exception.StatusCode, CodeFor(exception.ErrorType), exception.Message);

    public static async Task WriteAsync(HttpContext context, int statusCode, string errorType, string message)
    {
        var document = new XElement(
            Namespace + "ErrorResponse",
            new XElement(
                Namespace + "Error",
                new XElement(Namespace + "Type", statusCode >= 500 ? "Receiver" : "Sender"),
                new XElement(Namespace + "Code", CodeFor(errorType)),
                new XElement(Namespace + "Message", message)),
            new XElement(Namespace + "RequestId", context.TraceIdentifier));
        await WriteXmlAsync(context, statusCode, document);
    }

    public static async Task WriteXmlAsync(HttpContext context, int statusCode, XElement document)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/xml";
        await response.WriteAsync(document.ToString(SaveOptions.DisableFormatting), context.RequestAborted);
    }
}
