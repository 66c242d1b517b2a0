using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>GetWorkflow and ListWorkflows; routes, members and checks come from the generated wire layer.</summary>
internal static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder routes)
    {
        GetWorkflowRequest.Map(routes, GetWorkflow);
        ListWorkflowsRequest.Map(routes, ListWorkflows);
    }

    private static GetWorkflowResponse GetWorkflow(GetWorkflowRequest request, HttpContext context)
    {
        var workflow = context.Store().GetWorkflow(request.SpaceName, request.ProjectName, request.Id);
        return new GetWorkflowResponse
        {
            SpaceName = workflow.Project.Space.Name,
            ProjectName = workflow.Project.Name,
            Id = workflow.Id,
            Name = workflow.Name,
            SourceRepositoryName = workflow.SourceRepositoryName,
            SourceBranchName = workflow.SourceBranchName,
            Definition = new WorkflowDefinition { Path = workflow.DefinitionPath },
            CreatedTime = workflow.CreatedTime,
            LastUpdatedTime = workflow.LastUpdatedTime,
            RunMode = workflow.RunMode,
            Status = workflow.Status,
        };
    }

    private static ListWorkflowsResponse ListWorkflows(ListWorkflowsRequest request, HttpContext context)
    {
        var store = context.Store();
        var page = PageToken.Paginate(
            store.ListWorkflows(request.SpaceName, request.ProjectName),
            static workflow => workflow.Name + "\u0000" + workflow.Id,
            $"ListWorkflows/{request.SpaceName}/{request.ProjectName}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static workflow => new WorkflowSummary
            {
                Id = workflow.Id,
                Name = workflow.Name,
                // The model requires these in a listed workflow (not in GetWorkflow); the data set always has them.
                SourceRepositoryName = workflow.SourceRepositoryName ?? "",
                SourceBranchName = workflow.SourceBranchName ?? "",
                Definition = new WorkflowDefinitionSummary { Path = workflow.DefinitionPath },
                CreatedTime = workflow.CreatedTime,
                LastUpdatedTime = workflow.LastUpdatedTime,
                RunMode = workflow.RunMode,
                Status = workflow.Status,
            })
            .ToList();
        return new ListWorkflowsResponse { NextToken = page.NextToken, Items = items };
    }
}
