using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>ListSpaces, GetSpace, UpdateSpace, DeleteSpace and GetSubscription on the generated wire layer.</summary>
internal static class SpaceEndpoints
{
    public static void MapSpaceEndpoints(this IEndpointRouteBuilder routes)
    {
        ListSpacesRequest.Map(routes, ListSpaces);
        GetSpaceRequest.Map(routes, static (request, context) => ToGetResponse(context.Store().GetSpace(request.Name)));
        UpdateSpaceRequest.Map(routes, UpdateSpace);
        DeleteSpaceRequest.Map(routes, static (request, context) =>
        {
            var space = context.Store().DeleteSpace(request.Name);
            return new DeleteSpaceResponse { Name = space.Name, DisplayName = space.DisplayName };
        });
        GetSubscriptionRequest.Map(routes, static (request, context) =>
        {
            var subscription = context.Store().GetSubscription(request.SpaceName);
            return new GetSubscriptionResponse
            {
                SubscriptionType = subscription.SubscriptionType,
                AwsAccountName = subscription.AwsAccountName,
                PendingSubscriptionType = subscription.PendingSubscriptionType,
                PendingSubscriptionStartTime = subscription.PendingSubscriptionStartTime,
            };
        });
    }

    private static ListSpacesResponse ListSpaces(ListSpacesRequest request, HttpContext context)
    {
        // ListSpaces takes no page size in the model; the service's own page is used.
        var page = PageToken.Paginate(context.Store().ListSpaces(), static space => space.Name, "ListSpaces", request.NextToken, null);
        return new ListSpacesResponse
        {
            NextToken = page.NextToken,
            Items = page.Items.Select(static space => new SpaceSummary
            {
                Name = space.Name,
                RegionName = space.RegionName,
                DisplayName = space.DisplayName,
                Description = space.Description,
            }).ToList(),
        };
    }

    private static UpdateSpaceResponse UpdateSpace(UpdateSpaceRequest request, HttpContext context)
    {
        var space = context.Store().UpdateSpace(request.Name, request.Description, context.Caller());
        return new UpdateSpaceResponse { Name = space.Name, DisplayName = space.DisplayName, Description = space.Description };
    }

    private static GetSpaceResponse ToGetResponse(SpaceView space) => new()
    {
        Name = space.Name,
        RegionName = space.RegionName,
        DisplayName = space.DisplayName,
        Description = space.Description,
    };
}
