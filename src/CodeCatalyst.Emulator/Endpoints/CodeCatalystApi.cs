using CodeCatalyst.Emulator.Amplify.Endpoints;
using CodeCatalyst.Emulator.Identity;
using CodeCatalyst.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>
/// Maps every emulated operation. Each resource area lives in its own class; a new area only needs a
/// <c>Map...</c> call here.
/// </summary>
internal static class CodeCatalystApi
{
    public static void MapEmulatorRoutes(this IEndpointRouteBuilder routes)
    {
        // CodeCatalyst operations all need a bearer token.
        var codeCatalyst = routes.MapGroup(string.Empty).WithMetadata(RequiresBearerTokenMetadata.Instance);
        codeCatalyst.MapSessionEndpoints();
        codeCatalyst.MapSpaceEndpoints();
        codeCatalyst.MapProjectEndpoints();
        codeCatalyst.MapWorkflowEndpoints();
        codeCatalyst.MapWorkflowRunEndpoints();
        codeCatalyst.MapSourceRepositoryEndpoints();
        codeCatalyst.MapDevEnvironmentEndpoints();
        codeCatalyst.MapDevEnvironmentSessionEndpoints();
        codeCatalyst.MapAccessTokenEndpoints();
        codeCatalyst.MapUserEndpoints();
        codeCatalyst.MapEventLogEndpoints();

        // AWS Amplify: SigV4-signed, on the routes of its own model (/apps/...), beside CodeCatalyst's /v1/... routes.
        routes.MapAmplifyEndpoints();

        // SSO OIDC is a different service that the emulator also answers, without auth (as its model says).
        routes.MapOidcEndpoints();

        // The identity endpoints AWS credential chains call (STS at POST /, the SSO portal at /federation/..., the
        // container endpoint at /container-credentials/..., IMDS at /latest/...): none of their paths meets the
        // CodeCatalyst (/v1/...), Amplify (/apps/...), OIDC (/token) or admin routes.
        routes.MapStsEndpoints();
        routes.MapSsoPortalEndpoints();
        routes.MapMetadataCredentialEndpoints();

        routes.MapGroup(AdminPaths.Prefix).MapAdminEndpoints();

        // Real services answer unknown routes with a modeled-looking error rather than an empty 404.
        routes.MapFallback(static context => Protocol.ErrorResponseWriter.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            "UnknownOperationException",
            $"The emulator does not implement {context.Request.Method} {context.Request.Path}."));
    }
}
