using System.Globalization;
using CodeCatalyst.Emulator.Amplify.State;
using CodeCatalyst.Emulator.Amplify.Wire;
using CodeCatalyst.Emulator.Pipeline;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeCatalyst.Emulator.Amplify.Endpoints;

/// <summary>
/// AWS Amplify's operations on the routes of its model (apps, branches, jobs, deployments), all behind SigV4, plus
/// the upload slots CreateDeployment hands out (standing in for S3's pre-signed URLs).
/// </summary>
internal static class AmplifyEndpoints
{
    /// <summary>Where deployment uploads go; no AWS route starts like this.</summary>
    public const string UploadPrefix = "/_amplify-uploads";

    public static void MapAmplifyEndpoints(this IEndpointRouteBuilder routes)
    {
        var amplify = routes.MapGroup(string.Empty).WithMetadata(AmplifyEndpointMetadata.Instance);
        ListAppsRequest.Map(amplify, ListApps);
        GetAppRequest.Map(amplify, static (request, context) => new GetAppResult { App = context.Amplify().GetApp(request.AppId) });
        ListBranchesRequest.Map(amplify, ListBranches);
        GetBranchRequest.Map(amplify, static (request, context) => new GetBranchResult
        {
            Branch = context.Amplify().GetBranch(request.AppId, request.BranchName),
        });
        ListJobsRequest.Map(amplify, ListJobs);
        GetJobRequest.Map(amplify, static (request, context) => new GetJobResult
        {
            Job = context.Amplify().GetJob(request.AppId, request.BranchName, request.JobId),
        });
        StartJobRequest.Map(amplify, static (request, context) => new StartJobResult
        {
            JobSummary = context.Amplify().StartJob(
                request.AppId, request.BranchName, request.JobType, request.JobId, request.CommitId, request.CommitMessage, request.CommitTime),
        });
        StopJobRequest.Map(amplify, static (request, context) => new StopJobResult
        {
            JobSummary = context.Amplify().StopJob(request.AppId, request.BranchName, request.JobId),
        });
        DeleteJobRequest.Map(amplify, static (request, context) => new DeleteJobResult
        {
            JobSummary = context.Amplify().DeleteJob(request.AppId, request.BranchName, request.JobId),
        });
        CreateDeploymentRequest.Map(amplify, CreateDeployment);
        StartDeploymentRequest.Map(amplify, static (request, context) => new StartDeploymentResult
        {
            JobSummary = context.Amplify().StartDeployment(
                request.AppId, request.BranchName, request.JobId, request.SourceUrl, request.SourceUrlType),
        });

        routes.MapPut(UploadPrefix + "/{uploadId}", UploadAsync).WithName("AmplifyDeploymentUpload");
    }

    private static AmplifyStore Amplify(this HttpContext context) => context.RequestServices.GetRequiredService<AmplifyStore>();

    private static ListAppsResult ListApps(ListAppsRequest request, HttpContext context)
    {
        var page = PageToken.Paginate(context.Amplify().ListApps(), static app => app.AppId, "ListApps", request.NextToken, request.MaxResults);
        return new ListAppsResult { Apps = page.Items, NextToken = page.NextToken };
    }

    private static ListBranchesResult ListBranches(ListBranchesRequest request, HttpContext context)
    {
        var page = PageToken.Paginate(
            context.Amplify().ListBranches(request.AppId),
            static branch => branch.BranchName,
            $"ListBranches/{request.AppId}",
            request.NextToken,
            request.MaxResults);
        return new ListBranchesResult { Branches = page.Items, NextToken = page.NextToken };
    }

    private static ListJobsResult ListJobs(ListJobsRequest request, HttpContext context)
    {
        var page = PageToken.Paginate(
            context.Amplify().ListJobs(request.AppId, request.BranchName),
            static job => job.SortKey,
            $"ListJobs/{request.AppId}/{request.BranchName}",
            request.NextToken,
            request.MaxResults);
        return new ListJobsResult { JobSummaries = page.Items.Select(static job => job.Summary).ToList(), NextToken = page.NextToken };
    }

    private static CreateDeploymentResult CreateDeployment(CreateDeploymentRequest request, HttpContext context)
    {
        var (jobId, uploadId, fileNames) = context.Amplify().CreateDeployment(request.AppId, request.BranchName, request.FileMap?.Keys.ToList());
        var uploadUrl = $"{context.Request.Scheme}://{context.Request.Host}{UploadPrefix}/{uploadId}";
        return new CreateDeploymentResult
        {
            JobId = jobId,
            ZipUploadUrl = uploadUrl,
            FileUploadUrls = fileNames.ToDictionary(
                static name => name,
                name => $"{uploadUrl}?file={Uri.EscapeDataString(name)}",
                StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Takes a PUT of the zip (or of one file of the fileMap, with <c>?file=</c>) like S3 takes a pre-signed PUT:
    /// 200 with an ETag; 413 beyond the configured size; 404 for a slot that does not exist.
    /// </summary>
    private static async Task<IResult> UploadAsync(string uploadId, HttpContext context, AmplifyStore store, EmulatorOptions options)
    {
        var limit = options.MaxDeploymentUploadBytes;
        if (context.Request.ContentLength > limit)
        {
            return UploadError(StatusCodes.Status413PayloadTooLarge, "EntityTooLarge", $"The upload is larger than {limit} bytes.");
        }

        var buffer = new byte[81920];
        long length = 0;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            length += read;
            if (length > limit)
            {
                return UploadError(StatusCodes.Status413PayloadTooLarge, "EntityTooLarge", $"The upload is larger than {limit} bytes.");
            }

            hash.AppendData(buffer, 0, read);
        }

        if (length == 0)
        {
            return UploadError(StatusCodes.Status400BadRequest, "InvalidRequest", "The upload is empty.");
        }

        var fileName = context.Request.Query["file"].FirstOrDefault();
        if (!store.RecordUpload(uploadId, fileName, length))
        {
            return UploadError(StatusCodes.Status404NotFound, "NoSuchUpload", "No deployment is waiting for this upload.");
        }

        context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(hash.GetHashAndReset())}\"";
        return Results.Ok();
    }

    private static IResult UploadError(int status, string code, string message) =>
        Results.Json(new Dictionary<string, string> { ["code"] = code, ["message"] = message }, WireJson.Options, statusCode: status);
}
