using CodeCatalyst.Emulator.Contracts;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

internal static class WorkflowRunEndpoints
{
    private const string WorkflowRunsRoute = "/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns";

    // A FAILED run carries one reason; the model's reason structure has no members to fill in.
    private static readonly IReadOnlyList<WorkflowRunStatusReason> FailureReasons = [new WorkflowRunStatusReason()];

    public static void MapWorkflowRunEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPut(WorkflowRunsRoute, StartWorkflowRunAsync).WithName("StartWorkflowRun");
        routes.MapGet(WorkflowRunsRoute + "/{id}", GetWorkflowRun).WithName("GetWorkflowRun");
        routes.MapPost(WorkflowRunsRoute, ListWorkflowRunsAsync).WithName("ListWorkflowRuns");
    }

    private static async Task<StartWorkflowRunResponse> StartWorkflowRunAsync(
        string spaceName, string projectName, HttpRequest request, EmulatorStore store)
    {
        // Constraints as StartWorkflowRunRequest declares them.
        RequestValidator.Required(spaceName, "spaceName", ModelConstraints.LooseNameString);
        RequestValidator.Required(projectName, "projectName", ModelConstraints.LooseNameString);
        var workflowId = RequestValidator.Required(request.Query["workflowId"], "workflowId", ModelConstraints.Uuid);
        var body = await RequestBodyReader.ReadAsync<StartWorkflowRunRequestBody>(request);
        var clientToken = RequestValidator.Optional(body.ClientToken, "clientToken", ModelConstraints.ClientToken);

        var run = store.StartWorkflowRun(spaceName, projectName, workflowId, clientToken);
        return new StartWorkflowRunResponse(run.SpaceName, run.ProjectName, run.Id, run.WorkflowId);
    }

    private static GetWorkflowRunResponse GetWorkflowRun(string spaceName, string projectName, string id, EmulatorStore store)
    {
        // Constraints as GetWorkflowRunRequest declares them.
        RequestValidator.Required(spaceName, "spaceName", ModelConstraints.NameString);
        RequestValidator.Required(projectName, "projectName", ModelConstraints.LooseNameString);
        RequestValidator.Required(id, "id", ModelConstraints.Uuid);

        var run = store.GetWorkflowRun(spaceName, projectName, id);
        return new GetWorkflowRunResponse(
            run.SpaceName,
            run.ProjectName,
            run.Id,
            run.WorkflowId,
            run.Snapshot.Status,
            StatusReasonsOf(run.Snapshot),
            run.StartTime,
            run.Snapshot.EndTime,
            run.Snapshot.LastUpdatedTime);
    }

    private static async Task<ListWorkflowRunsResponse> ListWorkflowRunsAsync(
        string spaceName, string projectName, HttpRequest request, EmulatorStore store)
    {
        // Constraints as ListWorkflowRunsRequest declares them.
        RequestValidator.Required(spaceName, "spaceName", ModelConstraints.NameString);
        RequestValidator.Required(projectName, "projectName", ModelConstraints.LooseNameString);
        var workflowId = RequestValidator.Optional(request.Query["workflowId"], "workflowId", ModelConstraints.Uuid);
        var nextToken = RequestValidator.Optional(request.Query["nextToken"], "nextToken", ModelConstraints.NextToken);
        var maxResults = RequestValidator.OptionalInteger(
            request.Query["maxResults"], "maxResults", ModelConstraints.ListWorkflowRunsMaxResults);
        var body = await RequestBodyReader.ReadAsync<ListWorkflowRunsRequestBody>(request);
        SortCriteria.Check(body.SortBy);

        var page = PageToken.Paginate(
            store.ListWorkflowRuns(spaceName, projectName, workflowId),
            static run => run.NewestFirstSortKey,
            $"ListWorkflowRuns/{spaceName}/{projectName}/{workflowId?.ToLowerInvariant()}",
            nextToken,
            maxResults);
        var items = page.Items
            .Select(static run => new WorkflowRunSummary(
                run.Id,
                run.WorkflowId,
                run.WorkflowName,
                run.Snapshot.Status,
                StatusReasonsOf(run.Snapshot),
                run.StartTime,
                run.Snapshot.EndTime,
                run.Snapshot.LastUpdatedTime))
            .ToList();
        return new ListWorkflowRunsResponse(page.NextToken, items);
    }

    private static IReadOnlyList<WorkflowRunStatusReason>? StatusReasonsOf(WorkflowRunSnapshot snapshot) =>
        snapshot.HasFailureReason ? FailureReasons : null;
}
