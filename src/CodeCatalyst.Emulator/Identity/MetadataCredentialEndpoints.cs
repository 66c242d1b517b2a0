using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>
/// The two credential endpoints a workload finds on its host, on the emulator's own port: the container endpoint
/// (what AWS_CONTAINER_CREDENTIALS_FULL_URI points at on ECS, EKS Pod Identity, CodeBuild) and EC2's instance
/// metadata service, IMDSv2 only (a session token is required, as on instances with HttpTokens=required).
/// </summary>
internal static class MetadataCredentialEndpoints
{
    public const string ContainerPrefix = "/container-credentials";
    public const string InstanceRoleName = "emulator-instance-role";
    public const string ContainerRoleName = "emulator-container-role";
    public const string InstanceId = "i-0123456789abcdef0";
    public const string TokenTtlHeader = "x-aws-ec2-metadata-token-ttl-seconds";
    public const string TokenHeader = "x-aws-ec2-metadata-token";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static void MapMetadataCredentialEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ContainerPrefix + "/{**path}", GetContainerCredentials).WithName("GetContainerCredentials");

        routes.MapPut("/latest/api/token", PutInstanceMetadataToken).WithName("GetInstanceMetadataToken");
        routes.MapGet("/latest/meta-data/iam/security-credentials", GetInstanceRoleName).WithName("GetInstanceRoleName");
        routes.MapGet("/latest/meta-data/iam/security-credentials/{roleName}", GetInstanceRoleCredentials).WithName("GetInstanceRoleCredentials");
        routes.MapGet("/latest/meta-data/placement/region", GetInstanceRegion).WithName("GetInstanceRegion");
    }

    private static IResult GetContainerCredentials(string? path, HttpContext context, EmulatorState state, EmulatorOptions options)
    {
        if (options.ContainerAuthorizationToken is { } required
            && !string.Equals(context.Request.Headers.Authorization.ToString(), required, StringComparison.Ordinal))
        {
            return Results.Json(
                new Dictionary<string, string>
                {
                    ["code"] = "AccessDenied",
                    ["message"] = "The Authorization header is missing or is not the container authorization token.",
                },
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var roleArn = $"arn:aws:iam::{IdentityStore.AccountId}:role/{ContainerRoleName}";
        var session = IdentityStore.StableId("task-", path ?? string.Empty, 12).ToLowerInvariant();
        var caller = new CallerIdentity(
            IdentityStore.StableId("AROA", roleArn, 17) + ":" + session,
            IdentityStore.AccountId,
            $"arn:aws:sts::{IdentityStore.AccountId}:assumed-role/{ContainerRoleName}/{session}");
        var issued = state.Identity.Current("container:" + path, caller, Lifetime);
        return Results.Json(new Dictionary<string, string>
        {
            ["RoleArn"] = roleArn,
            ["AccessKeyId"] = issued.Credential.AccessKeyId,
            ["SecretAccessKey"] = issued.Credential.SecretAccessKey,
            ["Token"] = issued.Credential.SessionToken!,
            ["Expiration"] = IdentityFormats.Timestamp(issued.Expiration),
        });
    }

    private static IResult PutInstanceMetadataToken(HttpContext context, EmulatorState state)
    {
        var ttlText = context.Request.Headers[TokenTtlHeader].ToString();
        if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > 21600)
        {
            // IMDS answers a missing or out-of-range TTL with a bare 400.
            return Results.Text("Bad Request: x-aws-ec2-metadata-token-ttl-seconds must be 1 to 21600.", "text/plain", statusCode: 400);
        }

        context.Response.Headers[TokenTtlHeader] = ttl.ToString(CultureInfo.InvariantCulture);
        return Results.Text(state.Identity.IssueMetadataToken(TimeSpan.FromSeconds(ttl)), "text/plain");
    }

    private static IResult GetInstanceRoleName(HttpContext context, EmulatorState state) =>
        Authorized(context, state) ?? Results.Text(InstanceRoleName, "text/plain");

    private static IResult GetInstanceRoleCredentials(string roleName, HttpContext context, EmulatorState state)
    {
        if (Authorized(context, state) is { } refusal)
        {
            return refusal;
        }

        if (roleName != InstanceRoleName)
        {
            return Results.Text("Not Found", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        var roleArn = $"arn:aws:iam::{IdentityStore.AccountId}:role/{InstanceRoleName}";
        var caller = new CallerIdentity(
            IdentityStore.StableId("AROA", roleArn, 17) + ":" + InstanceId,
            IdentityStore.AccountId,
            $"arn:aws:sts::{IdentityStore.AccountId}:assumed-role/{InstanceRoleName}/{InstanceId}");
        var issued = state.Identity.Current("imds:" + InstanceRoleName, caller, Lifetime);
        return Results.Json(new Dictionary<string, string>
        {
            ["Code"] = "Success",
            ["LastUpdated"] = IdentityFormats.Timestamp(issued.IssuedAt),
            ["Type"] = "AWS-HMAC",
            ["AccessKeyId"] = issued.Credential.AccessKeyId,
            ["SecretAccessKey"] = issued.Credential.SecretAccessKey,
            ["Token"] = issued.Credential.SessionToken!,
            ["Expiration"] = IdentityFormats.Timestamp(issued.Expiration),
        });
    }

    private static IResult GetInstanceRegion(HttpContext context, EmulatorState state) =>
        Authorized(context, state) ?? Results.Text("us-east-1", "text/plain");

    /// <summary>Null when the request carries a live IMDSv2 session token; otherwise the 401 IMDS answers.</summary>
    private static IResult? Authorized(HttpContext context, EmulatorState state) =>
        state.Identity.IsValidMetadataToken(context.Request.Headers[TokenHeader].ToString())
            ? null
            : Results.Text("Unauthorized", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
}
