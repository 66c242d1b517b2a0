using System.Text.RegularExpressions;
using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>
/// The IAM Identity Center portal's GetRoleCredentials (sso 2019-06-10, rest-json): role credentials for the bearer
/// token of an SSO session. The token must be one the emulator accepts for CodeCatalyst too: the configured
/// <c>--token</c>, one its OIDC endpoint issued, or (with no token configured) any non-empty one.
/// </summary>
internal static partial class SsoPortalEndpoints
{
    public const string BearerTokenHeader = "x-amz-sso_bearer_token";

    public static void MapSsoPortalEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/federation/credentials", GetRoleCredentials).WithName("GetRoleCredentials");
    }

    private static IResult GetRoleCredentials(HttpContext context, TokenAuthority tokens, EmulatorState state)
    {
        var token = context.Request.Headers[BearerTokenHeader].ToString();
        if (!tokens.Accepts(token))
        {
            // The portal's own wording; the token itself is never repeated.
            throw new ApiException(401, "UnauthorizedException", "Session token not found or invalid");
        }

        var roleName = context.Request.Query["role_name"].ToString();
        var accountId = context.Request.Query["account_id"].ToString();
        if (roleName.Length == 0 || accountId.Length == 0)
        {
            throw InvalidRequest("The query parameters role_name and account_id are required.");
        }

        if (!AccountIdPattern().IsMatch(accountId))
        {
            throw InvalidRequest($"'{Shorten(accountId)}' is not an AWS account id (12 digits).");
        }

        if (!RoleNamePattern().IsMatch(roleName))
        {
            throw InvalidRequest($"'{Shorten(roleName)}' is not an IAM role name.");
        }

        // Identity Center provisions each permission set as a role named AWSReservedSSO_<set>_<id>.
        var provisionedRole = $"AWSReservedSSO_{roleName}_{IdentityStore.StableId(string.Empty, accountId + "/" + roleName, 16).ToLowerInvariant()}";
        var caller = new CallerIdentity(
            IdentityStore.StableId("AROA", accountId + "/" + provisionedRole, 17) + ":emulator-user",
            accountId,
            $"arn:aws:sts::{accountId}:assumed-role/{provisionedRole}/emulator-user");
        var issued = state.Identity.Issue(caller, TimeSpan.FromHours(1));
        return Results.Json(new Dictionary<string, object>
        {
            ["roleCredentials"] = new Dictionary<string, object>
            {
                ["accessKeyId"] = issued.Credential.AccessKeyId,
                ["secretAccessKey"] = issued.Credential.SecretAccessKey,
                ["sessionToken"] = issued.Credential.SessionToken!,
                ["expiration"] = issued.Expiration.ToUnixTimeMilliseconds(),
            },
        });
    }

    private static ApiException InvalidRequest(string message) => new(400, "InvalidRequestException", message);

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "..." : value;

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();
}
