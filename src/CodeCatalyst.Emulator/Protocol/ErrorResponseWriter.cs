using System.Text.Json;
using CodeCatalyst.Emulator.Identity;
using Microsoft.AspNetCore.Http;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>The one place that writes error responses the way rest-json AWS services do (and STS, the Query way).</summary>
internal static class ErrorResponseWriter
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static Task WriteAsync(HttpContext context, ApiException exception) => exception switch
    {
        // STS speaks the Query protocol: the same failures, as XML.
        _ when StsEndpointMetadata.IsSts(context) => StsErrors.WriteAsync(context, exception.StatusCode, exception.ErrorType, exception.Message),
        OidcException oidc => WriteAsync(
            context,
            oidc.StatusCode,
            oidc.ErrorType,
            new Dictionary<string, string> { ["error"] = oidc.OAuthErrorCode, ["error_description"] = oidc.Message }),
        _ => WriteAsync(context, exception.StatusCode, exception.ErrorType, exception.Message),
    };

    public static Task WriteAsync(HttpContext context, int statusCode, string errorType, string message) =>
        StsEndpointMetadata.IsSts(context)
            ? StsErrors.WriteAsync(context, statusCode, errorType, message)
            : WriteAsync(context, statusCode, errorType, new Dictionary<string, string> { ["message"] = message });

    private static async Task WriteAsync(
        HttpContext context, int statusCode, string errorType, IReadOnlyDictionary<string, string> body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers[ErrorTypeHeader] = errorType;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, body, WireJson.Options, context.RequestAborted);
    }
}
