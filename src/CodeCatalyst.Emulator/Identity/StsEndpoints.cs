using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeCatalyst.Emulator.Amplify.Auth;
using CodeCatalyst.Emulator.Pipeline;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>
/// AWS STS in its Query protocol (a form POST to /, answered with XML), enough of it for the credential chains of the
/// AWS SDKs, the CLI and this module: AssumeRole and GetCallerIdentity (SigV4-signed for service "sts" by a configured
/// or issued credential) and AssumeRoleWithWebIdentity (unsigned, as its model says). The credentials it issues are
/// real to the emulator: Amplify and STS accept them until they expire.
/// </summary>
internal static partial class StsEndpoints
{
    public const string ApiVersion = "2011-06-15";
    public const string SigningName = "sts";

    private const int MaxBodyBytes = 128 * 1024;
    private static readonly XNamespace Ns = StsErrors.Namespace;
    private static readonly string[] Operations = ["AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity"];

    public static void MapStsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/", HandleAsync)
            .WithName("STS")
            .WithMetadata(StsEndpointMetadata.Instance)
            .WithMetadata(new SensitiveFormFieldsMetadata("WebIdentityToken"));
    }

    private static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        var body = await ReadBodyAsync(context);
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        var action = form.GetValueOrDefault("Action") ?? string.Empty;
        if (Operations.Contains(action))
        {
            RequestLoggingMiddleware.NameOperation(context, action);
        }

        var version = form.GetValueOrDefault("Version");
        if (version is not null && version != ApiVersion)
        {
            throw new ApiException(400, "InvalidAction", $"Could not find operation {action} for version {version}");
        }

        var identity = state.Identity;
        XElement result;
        if (action == "AssumeRoleWithWebIdentity")
        {
            result = AssumeRoleWithWebIdentity(form, identity);
        }
        else
        {
            var caller = Authenticate(context, body, identity);
            result = action switch
            {
                "AssumeRole" => AssumeRole(form, identity, caller),
                "GetCallerIdentity" => GetCallerIdentity(identity.CallerOf(caller)),
                _ => throw StsErrors.InvalidAction(action),
            };
        }

        var document = new XElement(
            Ns + action + "Response",
            result,
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", context.TraceIdentifier)));
        await StsErrors.WriteXmlAsync(context, StatusCodes.Status200OK, document);
    }

    private static AwsTestCredential Authenticate(HttpContext context, byte[] body, IdentityStore identity)
    {
        try
        {
            return SigV4Verifier.Verify(SigV4Middleware.ToSignedRequest(context, body), identity.FindCredential, SigningName, identity.Clock.GetUtcNow());
        }
        catch (ApiException exception)
        {
            throw StsErrors.FromSignatureCheck(exception);
        }
    }

    private static XElement AssumeRole(Dictionary<string, string> form, IdentityStore identity, AwsTestCredential caller)
    {
        var errors = new List<string>();
        var roleArn = Member(form, "RoleArn", "roleArn", 20, 2048, null, errors);
        var sessionName = Member(form, "RoleSessionName", "roleSessionName", 2, 64, SessionNamePattern(), errors);
        Member(form, "ExternalId", "externalId", 2, 1224, ExternalIdPattern(), errors, required: false);
        var sourceIdentity = Member(form, "SourceIdentity", "sourceIdentity", 2, 64, SessionNamePattern(), errors, required: false);
        var duration = Duration(form, errors);
        ThrowIfInvalid(errors);

        var role = ParseRoleArn(roleArn!);
        var chained = identity.CallerOf(caller).Arn.Contains(":assumed-role/", StringComparison.Ordinal);
        if (chained && duration > TimeSpan.FromHours(1))
        {
            throw StsErrors.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        var issued = identity.Issue(role.SessionCaller(sessionName!), duration);
        return new XElement(
            Ns + "AssumeRoleResult",
            sourceIdentity is null ? null : new XElement(Ns + "SourceIdentity", sourceIdentity),
            AssumedRoleUser(issued.Caller),
            CredentialsElement(issued));
    }

    private static XElement AssumeRoleWithWebIdentity(Dictionary<string, string> form, IdentityStore identity)
    {
        var errors = new List<string>();
        var roleArn = Member(form, "RoleArn", "roleArn", 20, 2048, null, errors);
        var sessionName = Member(form, "RoleSessionName", "roleSessionName", 2, 64, SessionNamePattern(), errors);
        var providerId = Member(form, "ProviderId", "providerId", 4, 2048, null, errors, required: false);
        var duration = Duration(form, errors);
        if (!form.TryGetValue("WebIdentityToken", out var token))
        {
            errors.Add("Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null");
        }
        else if (token.Length > 20000)
        {
            errors.Add("Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000");
        }

        ThrowIfInvalid(errors);
        var role = ParseRoleArn(roleArn!);
        var claims = providerId is null
            ? ReadJwtClaims(token!, identity.Clock.GetUtcNow())
            : OpaqueTokenClaims(token!, providerId);
        var issued = identity.Issue(role.SessionCaller(sessionName!), duration);
        return new XElement(
            Ns + "AssumeRoleWithWebIdentityResult",
            new XElement(Ns + "SubjectFromWebIdentityToken", claims.Subject),
            new XElement(Ns + "Audience", claims.Audience),
            AssumedRoleUser(issued.Caller),
            CredentialsElement(issued),
            new XElement(Ns + "Provider", claims.Issuer));
    }

    private static XElement GetCallerIdentity(CallerIdentity caller) =>
        new(
            Ns + "GetCallerIdentityResult",
            new XElement(Ns + "Arn", caller.Arn),
            new XElement(Ns + "UserId", caller.UserId),
            new XElement(Ns + "Account", caller.Account));

    private static XElement AssumedRoleUser(CallerIdentity caller) =>
        new(Ns + "AssumedRoleUser", new XElement(Ns + "AssumedRoleId", caller.UserId), new XElement(Ns + "Arn", caller.Arn));

    private static XElement CredentialsElement(IssuedCredential issued) =>
        new(
            Ns + "Credentials",
            new XElement(Ns + "AccessKeyId", issued.Credential.AccessKeyId),
            new XElement(Ns + "SecretAccessKey", issued.Credential.SecretAccessKey),
            new XElement(Ns + "SessionToken", issued.Credential.SessionToken),
            new XElement(Ns + "Expiration", IdentityFormats.Timestamp(issued.Expiration)));

    /// <summary>A string member checked against its model constraints; problems are added to <paramref name="errors"/>.</summary>
    private static string? Member(
        Dictionary<string, string> form, string name, string wireName, int min, int max, Regex? pattern, List<string> errors, bool required = true)
    {
        if (!form.TryGetValue(name, out var value))
        {
            if (required)
            {
                errors.Add($"Value null at '{wireName}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        var shown = value.Length > 100 ? value[..100] + "..." : value;
        if (value.Length < min)
        {
            errors.Add($"Value '{shown}' at '{wireName}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
        else if (value.Length > max)
        {
            errors.Add($"Value '{shown}' at '{wireName}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
        else if (pattern is not null && !pattern.IsMatch(value))
        {
            errors.Add($"Value '{shown}' at '{wireName}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern.ToString().Trim('^', '$')}");
        }

        return value;
    }

    private static TimeSpan Duration(Dictionary<string, string> form, List<string> errors)
    {
        if (!form.TryGetValue("DurationSeconds", out var text))
        {
            return TimeSpan.FromHours(1);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 900 or > 43200)
        {
            errors.Add($"Value '{text}' at 'durationSeconds' failed to satisfy constraint: Member must be a number from 900 to 43200");
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static void ThrowIfInvalid(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw StsErrors.Validation(
                $"{errors.Count} validation error{(errors.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", errors)}");
        }
    }

    private sealed record RoleArn(string Partition, string Account, string Name)
    {
        public CallerIdentity SessionCaller(string sessionName)
        {
            var roleId = IdentityStore.StableId("AROA", $"arn:{Partition}:iam::{Account}:role/{Name}", 17);
            return new CallerIdentity($"{roleId}:{sessionName}", Account, $"arn:{Partition}:sts::{Account}:assumed-role/{Name}/{sessionName}");
        }
    }

    private static RoleArn ParseRoleArn(string value)
    {
        var match = RoleArnPattern().Match(value);
        return match.Success
            ? new RoleArn(match.Groups["partition"].Value, match.Groups["account"].Value, match.Groups["name"].Value)
            : throw StsErrors.Validation($"'{(value.Length > 100 ? value[..100] + "..." : value)}' is not a valid IAM role ARN; expected arn:aws:iam::ACCOUNT:role/NAME.");
    }

    private sealed record TokenClaims(string Subject, string Audience, string Issuer);

    /// <summary>
    /// The claims of an OIDC ID token. The emulator has no identity provider to check the signature against, so it
    /// checks the shape STS checks first: three base64url parts, JSON header and payload, iss/sub/aud, and exp.
    /// </summary>
    private static TokenClaims ReadJwtClaims(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            throw StsErrors.InvalidIdentityToken("The web identity token is not a JWT: it needs a header, a payload and a signature separated by dots.");
        }

        JsonElement header;
        JsonElement payload;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement.Clone();
            payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement.Clone();
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw StsErrors.InvalidIdentityToken("The web identity token is not a JWT: its header or payload is not base64url-encoded JSON.");
        }

        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out _) || payload.ValueKind != JsonValueKind.Object)
        {
            throw StsErrors.InvalidIdentityToken("The web identity token is not a JWT: its header has no 'alg' or its payload is not a JSON object.");
        }

        var issuer = StringClaim(payload, "iss");
        var subject = StringClaim(payload, "sub");
        var audience = payload.TryGetProperty("aud", out var aud)
            ? aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(item => item.GetString()).FirstOrDefault() : aud.ValueKind == JsonValueKind.String ? aud.GetString() : null
            : null;
        if (issuer is null || subject is null || audience is null)
        {
            throw StsErrors.InvalidIdentityToken("The web identity token lacks one of the claims 'iss', 'sub' and 'aud'.");
        }

        if (payload.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var expSeconds)
            && DateTimeOffset.FromUnixTimeSeconds(expSeconds) <= now)
        {
            throw StsErrors.ExpiredWebIdentityToken(
                $"Token expired: current date/time {IdentityFormats.Timestamp(now)} must be before the expiration date/time {IdentityFormats.Timestamp(DateTimeOffset.FromUnixTimeSeconds(expSeconds))}");
        }

        return new TokenClaims(subject, audience, issuer);
    }

    /// <summary>OAuth 2.0 access tokens (ProviderId www.amazon.com, graph.facebook.com) are opaque: any non-empty one will do.</summary>
    private static TokenClaims OpaqueTokenClaims(string token, string providerId) =>
        token.Length == 0
            ? throw StsErrors.InvalidIdentityToken("The web identity token is empty.")
            : new TokenClaims(IdentityStore.StableId("subject-", token, 16), "emulator-client", providerId);

    private static string? StringClaim(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : null;

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw StsErrors.Validation($"The request body is larger than {MaxBodyBytes / 1024} KiB.");
            }
        }

        return buffer.ToArray();
    }

    [GeneratedRegex(@"^[\w+=,.@-]*$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^[\w+=,.@:\/-]*$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):iam::(?<account>\d{12}):role/(?:[\w+=,.@/-]*/)?(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();
}
