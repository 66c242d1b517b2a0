using CodeCatalyst.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>What every handler takes from the request besides its members: the store, and who is calling.</summary>
internal static class EndpointContext
{
    public static EmulatorStore Store(this HttpContext context) => context.RequestServices.GetRequiredService<EmulatorStore>();

    /// <summary>The caller as the event log records it: the request id the response carries, address and agent.</summary>
    public static CallerContext Caller(this HttpContext context) => new(
        context.TraceIdentifier,
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
