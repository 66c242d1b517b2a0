using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>Sessions on a running dev environment, on the generated wire layer.</summary>
internal static class DevEnvironmentSessionEndpoints
{
    public static void MapDevEnvironmentSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        StartDevEnvironmentSessionRequest.Map(routes, StartDevEnvironmentSession);
        StopDevEnvironmentSessionRequest.Map(routes, StopDevEnvironmentSession);
        ListDevEnvironmentSessionsRequest.Map(routes, ListDevEnvironmentSessions);
    }

    private static StartDevEnvironmentSessionResponse StartDevEnvironmentSession(
        StartDevEnvironmentSessionRequest request, HttpContext context)
    {
        var session = context.Store().StartDevEnvironmentSession(
            request.SpaceName, request.ProjectName, request.Id, request.SessionConfiguration.SessionType, context.Caller());
        return new StartDevEnvironmentSessionResponse
        {
            AccessDetails = new DevEnvironmentAccessDetails { StreamUrl = session.StreamUrl, TokenValue = session.TokenValue },
            SessionId = session.SessionId,
            SpaceName = session.SpaceName,
            ProjectName = session.ProjectName,
            Id = session.DevEnvironmentId,
        };
    }

    private static StopDevEnvironmentSessionResponse StopDevEnvironmentSession(
        StopDevEnvironmentSessionRequest request, HttpContext context)
    {
        var session = context.Store().StopDevEnvironmentSession(
            request.SpaceName, request.ProjectName, request.Id, request.SessionId, context.Caller());
        return new StopDevEnvironmentSessionResponse
        {
            SpaceName = session.SpaceName,
            ProjectName = session.ProjectName,
            Id = session.DevEnvironmentId,
            SessionId = session.Id,
        };
    }

    private static ListDevEnvironmentSessionsResponse ListDevEnvironmentSessions(
        ListDevEnvironmentSessionsRequest request, HttpContext context)
    {
        var page = PageToken.Paginate(
            context.Store().ListDevEnvironmentSessions(request.SpaceName, request.ProjectName, request.DevEnvironmentId),
            static session => session.ListingKey,
            $"ListDevEnvironmentSessions/{request.SpaceName}/{request.ProjectName}/{request.DevEnvironmentId.ToLowerInvariant()}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static session => new DevEnvironmentSessionSummary
            {
                SpaceName = session.SpaceName,
                ProjectName = session.ProjectName,
                DevEnvironmentId = session.DevEnvironmentId,
                StartedTime = session.StartedTime,
                Id = session.Id,
            })
            .ToList();
        return new ListDevEnvironmentSessionsResponse { Items = items, NextToken = page.NextToken };
    }
}
