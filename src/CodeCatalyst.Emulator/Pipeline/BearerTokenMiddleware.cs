using CodeCatalyst.Emulator.Auth;
using Microsoft.AspNetCore.Http;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Marks an endpoint as needing a bearer token (every CodeCatalyst operation does).</summary>
internal sealed class RequiresBearerTokenMetadata
{
    public static readonly RequiresBearerTokenMetadata Instance = new();
}

/// <summary>Rejects requests to bearer-token endpoints unless the token is accepted.</summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, TokenAuthority tokens)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresBearerTokenMetadata>() is not null)
        {
            tokens.Authenticate(BearerTokenReader.Read(context.Request));
        }

        return next(context);
    }
}
