using Microsoft.AspNetCore.Http;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Gives every response an <c>x-amzn-RequestId</c>, as AWS services do, successes and errors alike.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-amzn-RequestId";

    public Task InvokeAsync(HttpContext context)
    {
        // TraceIdentifier carries the id so the request log can record the same value.
        context.TraceIdentifier = Guid.NewGuid().ToString();
        context.Response.Headers[HeaderName] = context.TraceIdentifier;
        return next(context);
    }
}
