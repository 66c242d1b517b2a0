using CodeCatalyst.Emulator.Contracts;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

internal static class WorkflowEndpoints
{
    private const string WorkflowsRoute = "/v1/spaces/{spaceName}/projects/{projectName}/workflows";

    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(WorkflowsRoute + "/{id}", GetWorkflow).WithName("GetWorkflow");
        routes.MapPost(WorkflowsRoute, ListWorkflowsAsync).WithName("ListWorkflows");
    }

    private static GetWorkflowResponse GetWorkflow(string spaceName, string projectName, string id, EmulatorStore store)
    {
        // Constraints as GetWorkflowRequest declares them.
        RequestValidator.Required(spaceName, "spaceName", ModelConstraints.NameString);
        RequestValidator.Required(projectName, "projectName", ModelConstraints.LooseNameString);
        RequestValidator.Required(id, "id", ModelConstraints.Uuid);

        var workflow = store.GetWorkflow(spaceName, projectName, id);
        return new GetWorkflowResponse(
            workflow.Project.Space.Name,
            workflow.Project.Name,
            workflow.Id,
            workflow.Name,
            workflow.SourceRepositoryName,
            workflow.SourceBranchName,
            new WorkflowDefinition(workflow.DefinitionPath),
            workflow.CreatedTime,
            workflow.LastUpdatedTime,
            workflow.RunMode,
            workflow.Status);
    }

    private static async Task<ListWorkflowsResponse> ListWorkflowsAsync(
        string spaceName, string projectName, HttpRequest request, EmulatorStore store)
    {
        // Constraints as ListWorkflowsRequest declares them.
        RequestValidator.Required(spaceName, "spaceName", ModelConstraints.LooseNameString);
        RequestValidator.Required(projectName, "projectName", ModelConstraints.NameString);
        var nextToken = RequestValidator.Optional(request.Query["nextToken"], "nextToken", ModelConstraints.NextToken);
        var maxResults = RequestValidator.OptionalInteger(
            request.Query["maxResults"], "maxResults", ModelConstraints.ListWorkflowsMaxResults);
        var body = await RequestBodyReader.ReadAsync<ListWorkflowsRequestBody>(request);
        SortCriteria.Check(body.SortBy);

        var page = PageToken.Paginate(
            store.ListWorkflows(spaceName, projectName),
            static workflow => workflow.Name + "\u0000" + workflow.Id,
            $"ListWorkflows/{spaceName}/{projectName}",
            nextToken,
            maxResults);
        var items = page.Items
            .Select(static workflow => new WorkflowSummary(
                workflow.Id,
                workflow.Name,
                workflow.SourceRepositoryName,
                workflow.SourceBranchName,
                new WorkflowDefinition(workflow.DefinitionPath),
                workflow.CreatedTime,
                workflow.LastUpdatedTime,
                workflow.RunMode,
                workflow.Status))
            .ToList();
        return new ListWorkflowsResponse(page.NextToken, items);
    }
}
