using System.Globalization;
using CodeCatalyst.Emulator.Diagnostics;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Answers requests with an injected fault instead of passing them on, while faults are pending.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults)
{
    public const string DroppedConnection = "drop";
    public const string ErrorStatus = "status";

    private static readonly object AppliedFaultKey = new();

    /// <summary>How an injected fault answered this request, or null when none did.</summary>
    public static string? AppliedFault(HttpContext context) => context.Items[AppliedFaultKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = AdminPaths.IsAdmin(context) ? null : faults.TryConsume(context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.AfterHandling)
        {
            // Handle the request for real (state changes, event log entries), then throw its answer away.
            var answer = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = answer;
            }

            // Clear drops every header, the request id set before this middleware ran among them: put it back.
            var requestId = context.Response.Headers[RequestIdMiddleware.HeaderName];
            context.Response.Clear();
            context.Response.Headers[RequestIdMiddleware.HeaderName] = requestId;
        }

        if (fault.DropConnection)
        {
            context.Items[AppliedFaultKey] = DroppedConnection;
            RequestLoggingMiddleware.RecordNow(context);
            context.Abort();
            return;
        }

        context.Items[AppliedFaultKey] = ErrorStatus;
        if (fault.RetryAfterSeconds is { } retryAfterSeconds)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await ErrorResponseWriter.WriteAsync(
            context,
            fault.StatusCode,
            fault.ErrorType ?? (AmplifyEndpointMetadata.IsAmplify(context)
                ? DefaultAmplifyErrorType(fault.StatusCode)
                : DefaultErrorType(fault.StatusCode)),
            fault.Message ?? $"Injected fault: the emulator answered with status {fault.StatusCode}.");
    }

    /// <summary>Error types that make clients take the same path as for the real service's failure of that status.</summary>
    private static string DefaultErrorType(int statusCode) => statusCode switch
    {
        400 => "ValidationException",
        402 => "ServiceQuotaExceededException",
        403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        409 => "ConflictException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        >= 500 => "InternalServerException",
        _ => "BadRequestException",
    };

    /// <summary>The same for Amplify's routes, whose model names its errors differently.</summary>
    private static string DefaultAmplifyErrorType(int statusCode) => statusCode switch
    {
        401 => "UnauthorizedException",
        403 => "AccessDeniedException",
        404 => "NotFoundException",
        429 => "LimitExceededException",
        503 => "DependentServiceFailureException",
        >= 500 => "InternalFailureException",
        _ => "BadRequestException",
    };
}
