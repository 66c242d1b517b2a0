using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/session", VerifySession).WithName("VerifySession");
    }

    private static VerifySessionResponse VerifySession(HttpRequest request) =>
        // The bearer middleware already accepted the token, so it is present here.
        new(TokenAuthority.IdentityOf(BearerTokenReader.Read(request)!));
}
