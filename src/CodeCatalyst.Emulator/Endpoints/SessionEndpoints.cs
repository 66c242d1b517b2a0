using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        // The bearer middleware already accepted the token, so it is present here.
        VerifySessionRequest.Map(routes, static (_, context) =>
            new VerifySessionResponse { Identity = TokenAuthority.IdentityOf(BearerTokenReader.Read(context.Request)!) });
    }
}
