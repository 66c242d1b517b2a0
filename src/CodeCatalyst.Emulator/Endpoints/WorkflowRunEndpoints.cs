using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeCatalyst.Emulator.Endpoints;

internal static class WorkflowRunEndpoints
{
    // A FAILED run carries one reason; the model's reason structure has no members to fill in.
    private static readonly IReadOnlyList<WorkflowRunStatusReason> FailureReasons = [new WorkflowRunStatusReason()];

    public static void MapWorkflowRunEndpoints(this IEndpointRouteBuilder routes)
    {
        StartWorkflowRunRequest.Map(routes, StartWorkflowRun);
        GetWorkflowRunRequest.Map(routes, GetWorkflowRun);
        ListWorkflowRunsRequest.Map(routes, ListWorkflowRuns);
    }

    private static StartWorkflowRunResponse StartWorkflowRun(StartWorkflowRunRequest request, HttpContext context)
    {
        var run = context.Store()
            .StartWorkflowRun(request.SpaceName, request.ProjectName, request.WorkflowId, request.ClientToken, context.Caller());
        return new StartWorkflowRunResponse { SpaceName = run.SpaceName, ProjectName = run.ProjectName, Id = run.Id, WorkflowId = run.WorkflowId };
    }

    private static GetWorkflowRunResponse GetWorkflowRun(GetWorkflowRunRequest request, HttpContext context)
    {
        var run = context.Store().GetWorkflowRun(request.SpaceName, request.ProjectName, request.Id);
        return new GetWorkflowRunResponse
        {
            SpaceName = run.SpaceName,
            ProjectName = run.ProjectName,
            Id = run.Id,
            WorkflowId = run.WorkflowId,
            Status = run.Snapshot.Status,
            StatusReasons = StatusReasonsOf(run.Snapshot),
            StartTime = run.StartTime,
            EndTime = run.Snapshot.EndTime,
            LastUpdatedTime = run.Snapshot.LastUpdatedTime,
        };
    }

    private static ListWorkflowRunsResponse ListWorkflowRuns(ListWorkflowRunsRequest request, HttpContext context)
    {
        var store = context.Store();
        var page = PageToken.Paginate(
            store.ListWorkflowRuns(request.SpaceName, request.ProjectName, request.WorkflowId),
            static run => run.NewestFirstSortKey,
            $"ListWorkflowRuns/{request.SpaceName}/{request.ProjectName}/{request.WorkflowId?.ToLowerInvariant()}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static run => new WorkflowRunSummary
            {
                Id = run.Id,
                WorkflowId = run.WorkflowId,
                WorkflowName = run.WorkflowName,
                Status = run.Snapshot.Status,
                StatusReasons = StatusReasonsOf(run.Snapshot),
                StartTime = run.StartTime,
                EndTime = run.Snapshot.EndTime,
                LastUpdatedTime = run.Snapshot.LastUpdatedTime,
            })
            .ToList();
        return new ListWorkflowRunsResponse { NextToken = page.NextToken, Items = items };
    }

    private static IReadOnlyList<WorkflowRunStatusReason>? StatusReasonsOf(WorkflowRunSnapshot snapshot) =>
        snapshot.HasFailureReason ? FailureReasons : null;
}
