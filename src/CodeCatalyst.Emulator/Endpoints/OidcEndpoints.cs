using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Contracts;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>SSO OIDC CreateToken, enough of it for clients that refresh an IAM Identity Center session.</summary>
internal static class OidcEndpoints
{
    private const string RefreshTokenGrant = "refresh_token";

    public static void MapOidcEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/token", CreateTokenAsync).WithName("CreateToken");
    }

    private static async Task<CreateTokenResponse> CreateTokenAsync(HttpRequest request, TokenAuthority tokens)
    {
        var body = await RequestBodyReader.ReadAsync<CreateTokenRequestBody>(request, OidcException.InvalidRequest);
        if (string.IsNullOrEmpty(body.ClientId) || string.IsNullOrEmpty(body.ClientSecret))
        {
            throw OidcException.InvalidRequest("The members 'clientId' and 'clientSecret' are required.");
        }

        if (string.IsNullOrEmpty(body.GrantType))
        {
            throw OidcException.InvalidRequest("The member 'grantType' is required.");
        }

        if (body.GrantType != RefreshTokenGrant)
        {
            throw OidcException.UnsupportedGrantType(
                $"The emulator only supports the '{RefreshTokenGrant}' grant, not '{body.GrantType}'.");
        }

        if (string.IsNullOrEmpty(body.RefreshToken))
        {
            throw OidcException.InvalidGrant("The refresh_token grant needs a non-empty 'refreshToken'.");
        }

        var (accessToken, refreshToken) = tokens.Refresh(body.RefreshToken);
        return new CreateTokenResponse(accessToken, "Bearer", TokenAuthority.AccessTokenLifetimeSeconds, refreshToken);
    }
}
