using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>Source repositories, their clone URLs and branches, on the generated wire layer.</summary>
internal static class SourceRepositoryEndpoints
{
    public static void MapSourceRepositoryEndpoints(this IEndpointRouteBuilder routes)
    {
        CreateSourceRepositoryRequest.Map(routes, CreateSourceRepository);
        GetSourceRepositoryRequest.Map(routes, GetSourceRepository);
        ListSourceRepositoriesRequest.Map(routes, ListSourceRepositories);
        DeleteSourceRepositoryRequest.Map(routes, DeleteSourceRepository);
        GetSourceRepositoryCloneUrlsRequest.Map(routes, GetSourceRepositoryCloneUrls);
        ListSourceRepositoryBranchesRequest.Map(routes, ListSourceRepositoryBranches);
        CreateSourceRepositoryBranchRequest.Map(routes, CreateSourceRepositoryBranch);
    }

    private static CreateSourceRepositoryResponse CreateSourceRepository(CreateSourceRepositoryRequest request, HttpContext context)
    {
        var repository = context.Store().CreateSourceRepository(
            request.SpaceName, request.ProjectName, request.Name, request.Description, context.Caller());
        return new CreateSourceRepositoryResponse
        {
            SpaceName = repository.SpaceName,
            ProjectName = repository.ProjectName,
            Name = repository.Name,
            Description = repository.Description,
        };
    }

    private static GetSourceRepositoryResponse GetSourceRepository(GetSourceRepositoryRequest request, HttpContext context)
    {
        var repository = context.Store().GetSourceRepository(request.SpaceName, request.ProjectName, request.Name);
        return new GetSourceRepositoryResponse
        {
            SpaceName = repository.SpaceName,
            ProjectName = repository.ProjectName,
            Name = repository.Name,
            Description = repository.Description,
            LastUpdatedTime = repository.LastUpdatedTime,
            CreatedTime = repository.CreatedTime,
        };
    }

    private static ListSourceRepositoriesResponse ListSourceRepositories(ListSourceRepositoriesRequest request, HttpContext context)
    {
        // Repository names are unique in a project, so the name is the paging key.
        var page = PageToken.Paginate(
            context.Store().ListSourceRepositories(request.SpaceName, request.ProjectName),
            static repository => repository.Name,
            $"ListSourceRepositories/{request.SpaceName}/{request.ProjectName}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static repository => new ListSourceRepositoriesItem
            {
                Id = repository.Id,
                Name = repository.Name,
                Description = repository.Description,
                LastUpdatedTime = repository.LastUpdatedTime,
                CreatedTime = repository.CreatedTime,
            })
            .ToList();
        return new ListSourceRepositoriesResponse { Items = items, NextToken = page.NextToken };
    }

    private static DeleteSourceRepositoryResponse DeleteSourceRepository(DeleteSourceRepositoryRequest request, HttpContext context)
    {
        var repository = context.Store().DeleteSourceRepository(request.SpaceName, request.ProjectName, request.Name, context.Caller());
        return new DeleteSourceRepositoryResponse
        {
            SpaceName = repository.SpaceName,
            ProjectName = repository.ProjectName,
            Name = repository.Name,
        };
    }

    private static GetSourceRepositoryCloneUrlsResponse GetSourceRepositoryCloneUrls(
        GetSourceRepositoryCloneUrlsRequest request, HttpContext context)
    {
        var urls = context.Store().GetSourceRepositoryCloneUrls(request.SpaceName, request.ProjectName, request.SourceRepositoryName);
        return new GetSourceRepositoryCloneUrlsResponse { Https = urls.Https };
    }

    private static ListSourceRepositoryBranchesResponse ListSourceRepositoryBranches(
        ListSourceRepositoryBranchesRequest request, HttpContext context)
    {
        // Branch names are unique in a repository, so the name is the paging key.
        var page = PageToken.Paginate(
            context.Store().ListSourceRepositoryBranches(request.SpaceName, request.ProjectName, request.SourceRepositoryName),
            static branch => branch.Name,
            $"ListSourceRepositoryBranches/{request.SpaceName}/{request.ProjectName}/{request.SourceRepositoryName}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static branch => new ListSourceRepositoryBranchesItem
            {
                Ref = branch.Ref,
                Name = branch.Name,
                LastUpdatedTime = branch.LastUpdatedTime,
                HeadCommitId = branch.HeadCommitId,
            })
            .ToList();
        return new ListSourceRepositoryBranchesResponse { NextToken = page.NextToken, Items = items };
    }

    private static CreateSourceRepositoryBranchResponse CreateSourceRepositoryBranch(
        CreateSourceRepositoryBranchRequest request, HttpContext context)
    {
        var branch = context.Store().CreateSourceRepositoryBranch(
            request.SpaceName,
            request.ProjectName,
            request.SourceRepositoryName,
            request.Name,
            request.HeadCommitId,
            context.Caller());
        return new CreateSourceRepositoryBranchResponse
        {
            Ref = branch.Ref,
            Name = branch.Name,
            LastUpdatedTime = branch.LastUpdatedTime,
            HeadCommitId = branch.HeadCommitId,
        };
    }
}
