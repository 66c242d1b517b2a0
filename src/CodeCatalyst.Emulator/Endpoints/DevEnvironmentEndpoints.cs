using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using CodeCatalyst.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>Dev environments: create, read, list, change, delete, start and stop, on the generated wire layer.</summary>
internal static class DevEnvironmentEndpoints
{
    public static void MapDevEnvironmentEndpoints(this IEndpointRouteBuilder routes)
    {
        CreateDevEnvironmentRequest.Map(routes, CreateDevEnvironment);
        GetDevEnvironmentRequest.Map(routes, GetDevEnvironment);
        ListDevEnvironmentsRequest.Map(routes, ListDevEnvironments);
        UpdateDevEnvironmentRequest.Map(routes, UpdateDevEnvironment);
        DeleteDevEnvironmentRequest.Map(routes, DeleteDevEnvironment);
        StartDevEnvironmentRequest.Map(routes, StartDevEnvironment);
        StopDevEnvironmentRequest.Map(routes, StopDevEnvironment);
    }

    private static CreateDevEnvironmentResponse CreateDevEnvironment(CreateDevEnvironmentRequest request, HttpContext context)
    {
        var settings = new NewDevEnvironment(
            request.InstanceType,
            request.PersistentStorage.SizeInGiB,
            request.Repositories?.Select(static repository => new DevEnvironmentRepository(repository.RepositoryName, repository.BranchName)).ToList(),
            IdesOf(request.Ides),
            request.Alias,
            request.InactivityTimeoutMinutes,
            request.VpcConnectionName,
            request.ClientToken);
        var environment = context.Store().CreateDevEnvironment(request.SpaceName, request.ProjectName, settings, context.Caller());
        return new CreateDevEnvironmentResponse
        {
            SpaceName = environment.SpaceName,
            ProjectName = environment.ProjectName,
            Id = environment.Id,
            VpcConnectionName = environment.VpcConnectionName,
        };
    }

    private static GetDevEnvironmentResponse GetDevEnvironment(GetDevEnvironmentRequest request, HttpContext context)
    {
        var environment = context.Store().GetDevEnvironment(request.SpaceName, request.ProjectName, request.Id);
        return new GetDevEnvironmentResponse
        {
            SpaceName = environment.SpaceName,
            ProjectName = environment.ProjectName,
            Id = environment.Id,
            LastUpdatedTime = environment.LastUpdatedTime,
            CreatorId = environment.CreatorId,
            Status = environment.Status,
            StatusReason = environment.StatusReason,
            Repositories = RepositoriesOf(environment),
            Alias = environment.Alias,
            Ides = IdeSummariesOf(environment),
            InstanceType = environment.InstanceType,
            InactivityTimeoutMinutes = environment.InactivityTimeoutMinutes,
            PersistentStorage = new PersistentStorage { SizeInGiB = environment.PersistentStorageSizeInGiB },
            VpcConnectionName = environment.VpcConnectionName,
        };
    }

    private static ListDevEnvironmentsResponse ListDevEnvironments(ListDevEnvironmentsRequest request, HttpContext context)
    {
        var filters = request.Filters?
            .Select(static filter => new DevEnvironmentFilter(filter.Key, filter.Values, filter.ComparisonOperator))
            .ToList();
        // A token is only good for the same project and filters it was issued for.
        var filterScope = string.Join(
            "|",
            (filters ?? []).Select(static filter => $"{filter.Key}:{filter.ComparisonOperator}:{string.Join(",", filter.Values)}"));
        var page = PageToken.Paginate(
            context.Store().ListDevEnvironments(request.SpaceName, request.ProjectName, filters),
            static environment => environment.ListingKey,
            $"ListDevEnvironments/{request.SpaceName}/{request.ProjectName}/{filterScope}",
            request.NextToken,
            request.MaxResults);
        var items = page.Items
            .Select(static environment => new DevEnvironmentSummary
            {
                SpaceName = environment.SpaceName,
                ProjectName = environment.ProjectName,
                Id = environment.Id,
                LastUpdatedTime = environment.LastUpdatedTime,
                CreatorId = environment.CreatorId,
                Status = environment.Status,
                StatusReason = environment.StatusReason,
                Repositories = RepositoriesOf(environment),
                Alias = environment.Alias,
                Ides = IdeSummariesOf(environment),
                InstanceType = environment.InstanceType,
                InactivityTimeoutMinutes = environment.InactivityTimeoutMinutes,
                PersistentStorage = new PersistentStorage { SizeInGiB = environment.PersistentStorageSizeInGiB },
                VpcConnectionName = environment.VpcConnectionName,
            })
            .ToList();
        return new ListDevEnvironmentsResponse { Items = items, NextToken = page.NextToken };
    }

    private static UpdateDevEnvironmentResponse UpdateDevEnvironment(UpdateDevEnvironmentRequest request, HttpContext context)
    {
        var changes = new DevEnvironmentChanges(
            request.Alias, IdesOf(request.Ides), request.InstanceType, request.InactivityTimeoutMinutes, request.ClientToken);
        var environment = context.Store()
            .UpdateDevEnvironment(request.SpaceName, request.ProjectName, request.Id, changes, context.Caller());
        return new UpdateDevEnvironmentResponse
        {
            Id = environment.Id,
            SpaceName = environment.SpaceName,
            ProjectName = environment.ProjectName,
            Alias = environment.Alias,
            Ides = environment.Ides.Select(static ide => new IdeConfiguration { Name = ide.Name, Runtime = ide.Runtime }).ToList(),
            InstanceType = environment.InstanceType,
            InactivityTimeoutMinutes = environment.InactivityTimeoutMinutes,
            ClientToken = request.ClientToken,
        };
    }

    private static DeleteDevEnvironmentResponse DeleteDevEnvironment(DeleteDevEnvironmentRequest request, HttpContext context)
    {
        var environment = context.Store().DeleteDevEnvironment(request.SpaceName, request.ProjectName, request.Id, context.Caller());
        return new DeleteDevEnvironmentResponse { SpaceName = environment.SpaceName, ProjectName = environment.ProjectName, Id = environment.Id };
    }

    private static StartDevEnvironmentResponse StartDevEnvironment(StartDevEnvironmentRequest request, HttpContext context)
    {
        var environment = context.Store().StartDevEnvironment(
            request.SpaceName,
            request.ProjectName,
            request.Id,
            IdesOf(request.Ides),
            request.InstanceType,
            request.InactivityTimeoutMinutes,
            context.Caller());
        return new StartDevEnvironmentResponse
        {
            SpaceName = environment.SpaceName,
            ProjectName = environment.ProjectName,
            Id = environment.Id,
            Status = environment.Status,
        };
    }

    private static StopDevEnvironmentResponse StopDevEnvironment(StopDevEnvironmentRequest request, HttpContext context)
    {
        var environment = context.Store().StopDevEnvironment(request.SpaceName, request.ProjectName, request.Id, context.Caller());
        return new StopDevEnvironmentResponse
        {
            SpaceName = environment.SpaceName,
            ProjectName = environment.ProjectName,
            Id = environment.Id,
            Status = environment.Status,
        };
    }

    private static List<DevEnvironmentIde>? IdesOf(IReadOnlyList<IdeConfiguration>? ides) =>
        ides?.Select(static ide => new DevEnvironmentIde(ide.Name, ide.Runtime)).ToList();

    private static List<DevEnvironmentRepositorySummary> RepositoriesOf(DevEnvironmentView environment) =>
        environment.Repositories
            .Select(static repository => new DevEnvironmentRepositorySummary
            {
                RepositoryName = repository.RepositoryName,
                BranchName = repository.BranchName,
            })
            .ToList();

    private static List<Ide> IdeSummariesOf(DevEnvironmentView environment) =>
        environment.Ides.Select(static ide => new Ide { Name = ide.Name, Runtime = ide.Runtime }).ToList();
}
