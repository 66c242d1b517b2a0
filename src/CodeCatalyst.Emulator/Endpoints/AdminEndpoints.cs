using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Contracts;
using CodeCatalyst.Emulator.Diagnostics;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>
/// The emulator's control surface for tests and scripts written in other languages; it mirrors the in-process
/// methods of <see cref="EmulatorServer"/>. No auth: it only ever listens where the emulator does.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/requests", (RequestLog log) => new RequestLogResponse(log.Snapshot()));
        admin.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/faults", (FaultInjector faults) => new FaultListResponse(
            faults.Snapshot().Select(static fault => new FaultRequestBody
            {
                Status = fault.StatusCode,
                Count = fault.Count,
                RetryAfterSeconds = fault.RetryAfterSeconds,
                Drop = fault.DropConnection,
                AfterHandling = fault.AfterHandling,
                PathContains = fault.PathContains,
                ErrorType = fault.ErrorType,
                Message = fault.Message,
            }).ToList()));
        admin.MapPost("/faults", AddFaultAsync);
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapPost("/seed-runs", SeedRunsAsync);
        admin.MapPost("/revoke-refresh-token", RevokeRefreshTokenAsync);
        admin.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultInjector faults)
    {
        var body = await RequestBodyReader.ReadAsync<FaultRequestBody>(request);
        var fault = new FaultSpec
        {
            StatusCode = body.Status ?? 500,
            Count = body.Count ?? 1,
            RetryAfterSeconds = body.RetryAfterSeconds,
            DropConnection = body.Drop ?? false,
            AfterHandling = body.AfterHandling ?? false,
            PathContains = body.PathContains,
            ErrorType = body.ErrorType,
            Message = body.Message,
        };
        try
        {
            faults.Add(fault);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw ApiException.Validation(exception.Message);
        }

        return Results.NoContent();
    }

    private static async Task<SeedRunsResponse> SeedRunsAsync(HttpRequest request, EmulatorStore store)
    {
        var body = await RequestBodyReader.ReadAsync<SeedRunsRequestBody>(request);
        if (body.SpaceName is null || body.ProjectName is null || body.WorkflowId is null || body.Count is not > 0)
        {
            throw ApiException.Validation("seed-runs needs spaceName, projectName, workflowId and a positive count.");
        }

        return new SeedRunsResponse(store.SeedFinishedRuns(body.SpaceName, body.ProjectName, body.WorkflowId, body.Count.Value));
    }

    private static async Task<IResult> RevokeRefreshTokenAsync(HttpRequest request, TokenAuthority tokens)
    {
        var body = await RequestBodyReader.ReadAsync<RevokeRefreshTokenRequestBody>(request);
        if (string.IsNullOrEmpty(body.RefreshToken))
        {
            throw ApiException.Validation("revoke-refresh-token needs a refreshToken.");
        }

        tokens.RevokeRefreshToken(body.RefreshToken);
        return Results.NoContent();
    }
}
