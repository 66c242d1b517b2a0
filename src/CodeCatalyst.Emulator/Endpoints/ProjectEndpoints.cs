using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>ListProjects, GetProject, CreateProject, UpdateProject and DeleteProject on the generated wire layer.</summary>
internal static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this IEndpointRouteBuilder routes)
    {
        ListProjectsRequest.Map(routes, ListProjects);
        GetProjectRequest.Map(routes, static (request, context) =>
        {
            var project = context.Store().GetProject(request.SpaceName, request.Name);
            return new GetProjectResponse
            {
                SpaceName = project.SpaceName,
                Name = project.Name,
                DisplayName = project.DisplayName,
                Description = project.Description,
            };
        });
        CreateProjectRequest.Map(routes, static (request, context) =>
        {
            var project = context.Store().CreateProject(request.SpaceName, request.DisplayName, request.Description, context.Caller());
            return new CreateProjectResponse
            {
                SpaceName = project.SpaceName,
                Name = project.Name,
                DisplayName = project.DisplayName,
                Description = project.Description,
            };
        });
        UpdateProjectRequest.Map(routes, static (request, context) =>
        {
            var project = context.Store().UpdateProject(request.SpaceName, request.Name, request.Description, context.Caller());
            return new UpdateProjectResponse
            {
                SpaceName = project.SpaceName,
                Name = project.Name,
                DisplayName = project.DisplayName,
                Description = project.Description,
            };
        });
        DeleteProjectRequest.Map(routes, static (request, context) =>
        {
            var project = context.Store().DeleteProject(request.SpaceName, request.Name, context.Caller());
            return new DeleteProjectResponse { SpaceName = project.SpaceName, Name = project.Name, DisplayName = project.DisplayName };
        });
    }

    private static ListProjectsResponse ListProjects(ListProjectsRequest request, HttpContext context)
    {
        var filters = request.Filters?.Select(static filter => new ProjectFilter(filter.Key, filter.Values, filter.ComparisonOperator)).ToList();
        var page = PageToken.Paginate(
            context.Store().ListProjects(request.SpaceName, filters),
            static project => project.Name,
            $"ListProjects/{request.SpaceName}",
            request.NextToken,
            request.MaxResults);
        return new ListProjectsResponse
        {
            NextToken = page.NextToken,
            Items = page.Items.Select(static project => new ProjectSummary
            {
                Name = project.Name,
                DisplayName = project.DisplayName,
                Description = project.Description,
            }).ToList(),
        };
    }
}
