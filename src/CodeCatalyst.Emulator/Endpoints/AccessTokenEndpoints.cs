using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>Personal access tokens, on the generated wire layer. Only CreateAccessToken ever answers with a secret.</summary>
internal static class AccessTokenEndpoints
{
    // The model caps ListAccessTokens' maxResults at 10, below the emulator's usual page size.
    private const int AccessTokenPageSize = 10;

    public static void MapAccessTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        CreateAccessTokenRequest.Map(routes, CreateAccessToken);
        ListAccessTokensRequest.Map(routes, ListAccessTokens);
        DeleteAccessTokenRequest.Map(routes, DeleteAccessToken);
    }

    private static CreateAccessTokenResponse CreateAccessToken(CreateAccessTokenRequest request, HttpContext context)
    {
        var token = context.Store().CreateAccessToken(request.Name, request.ExpiresTime);
        return new CreateAccessTokenResponse
        {
            Secret = token.Secret,
            Name = token.Name,
            ExpiresTime = token.ExpiresTime,
            AccessTokenId = token.AccessTokenId,
        };
    }

    private static ListAccessTokensResponse ListAccessTokens(ListAccessTokensRequest request, HttpContext context)
    {
        var page = PageToken.Paginate(
            context.Store().ListAccessTokens(),
            static token => token.ListingKey,
            "ListAccessTokens",
            request.NextToken,
            request.MaxResults ?? AccessTokenPageSize);
        var items = page.Items
            .Select(static token => new AccessTokenSummary { Id = token.Id, Name = token.Name, ExpiresTime = token.ExpiresTime })
            .ToList();
        return new ListAccessTokensResponse { Items = items, NextToken = page.NextToken };
    }

    private static DeleteAccessTokenResponse DeleteAccessToken(DeleteAccessTokenRequest request, HttpContext context)
    {
        context.Store().DeleteAccessToken(request.Id);
        return new DeleteAccessTokenResponse();
    }
}
