using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Turns exceptions from later stages into rest-json error responses.</summary>
internal sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException exception) when (!context.Response.HasStarted)
        {
            await ErrorResponseWriter.WriteAsync(context, exception);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // An emulator bug; answer like a server fault so the client sees a proper 500 instead of a reset.
            logger.LogError(exception, "Unhandled error while serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await ErrorResponseWriter.WriteAsync(context, 500, "InternalServerException", "The emulator failed to handle the request.");
        }
    }
}
