using System.Globalization;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>ListEventLogs, on the generated wire layer.</summary>
internal static class EventLogEndpoints
{
    public static void MapEventLogEndpoints(this IEndpointRouteBuilder routes)
    {
        ListEventLogsRequest.Map(routes, ListEventLogs);
    }

    private static ListEventLogsResponse ListEventLogs(ListEventLogsRequest request, HttpContext context)
    {
        // A token is only good for the same time window and event name it was issued for.
        var scope = string.Create(
            CultureInfo.InvariantCulture,
            $"ListEventLogs/{request.SpaceName}/{request.StartTime.UtcTicks}/{request.EndTime.UtcTicks}/{request.EventName}");
        var page = PageToken.Paginate(
            context.Store().ListEventLogs(request.SpaceName, request.StartTime, request.EndTime, request.EventName),
            static entry => entry.ListingKey,
            scope,
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static entry => new EventLogEntry
            {
                Id = entry.Id,
                EventName = entry.EventName,
                EventType = entry.EventType,
                EventCategory = entry.EventCategory,
                EventSource = entry.EventSource,
                EventTime = entry.EventTime,
                OperationType = entry.OperationType,
                UserIdentity = new UserIdentity
                {
                    UserType = entry.UserIdentity.UserType,
                    PrincipalId = entry.UserIdentity.PrincipalId,
                    UserName = entry.UserIdentity.UserName,
                    AwsAccountId = entry.UserIdentity.AwsAccountId,
                },
                ProjectInformation = entry.ProjectInformation is { } project
                    ? new ProjectInformation { Name = project.Name, ProjectId = project.ProjectId }
                    : null,
                RequestId = entry.RequestId,
                ErrorCode = entry.ErrorCode,
                SourceIpAddress = entry.SourceIpAddress,
                UserAgent = entry.UserAgent,
            })
            .ToList();
        return new ListEventLogsResponse { NextToken = page.NextToken, Items = items };
    }
}
