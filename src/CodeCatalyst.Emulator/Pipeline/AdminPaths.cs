using Microsoft.AspNetCore.Http;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>
/// The emulator's own control endpoints live under a prefix no AWS route can start with, so they can never
/// shadow an API operation added later.
/// </summary>
internal static class AdminPaths
{
    public const string Prefix = "/_emulator";

    public static bool IsAdmin(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
