using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodeCatalyst.Emulator.Amplify.Auth;

/// <summary>
/// A request as the signature check sees it: the method, the path and query exactly as they came over the wire
/// (still percent-encoded), a header lookup (every value of a header, joined with commas) and the body bytes.
/// </summary>
internal sealed record SigV4Request(string Method, string RawPath, string RawQuery, Func<string, string?> Header, byte[] Body);

/// <summary>
/// Checks AWS Signature Version 4 (Authorization header form) the way an AWS front door does, written from the
/// SigV4 specification on purpose without the module's signer, so a canonicalization bug there cannot pass here.
/// Failures are the 403 errors AWS answers: <c>MissingAuthenticationTokenException</c>,
/// <c>IncompleteSignatureException</c>, <c>UnrecognizedClientException</c> and <c>InvalidSignatureException</c>.
/// </summary>
internal static class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Returns the credentials that signed the request, or throws the error AWS would answer.</summary>
    public static AwsTestCredential Verify(
        SigV4Request request, IReadOnlyList<AwsTestCredential> credentials, string service, DateTimeOffset now) =>
        Verify(request, accessKeyId => credentials.FirstOrDefault(candidate => candidate.AccessKeyId == accessKeyId), service, now);

    /// <summary>
    /// The same, looking the access key up through <paramref name="findCredential"/> (configured keys and the
    /// temporary credentials the emulator issued). Credentials past their <see cref="AwsTestCredential.Expiration"/>
    /// are refused with ExpiredTokenException even when the signature is right.
    /// </summary>
    public static AwsTestCredential Verify(
        SigV4Request request, Func<string, AwsTestCredential?> findCredential, string service, DateTimeOffset now)
    {
        var authorization = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw AmplifyErrors.MissingAuthenticationToken();
        }

        var parsed = ParseAuthorization(authorization.Trim());
        var amzDateText = request.Header("X-Amz-Date")?.Trim();
        DateTimeOffset requestTime;
        if (amzDateText is not null)
        {
            if (!DateTimeOffset.TryParseExact(amzDateText, AmzDateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out requestTime))
            {
                throw AmplifyErrors.IncompleteSignature(
                    $"Date must be in ISO-8601 'basic format'. Got '{amzDateText}'. See http://en.wikipedia.org/wiki/ISO_8601");
            }
        }
        else if (request.Header("Date") is { } dateText
                 && DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out requestTime))
        {
            amzDateText = requestTime.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            throw AmplifyErrors.IncompleteSignature(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + Algorithm);
        }

        var credential = findCredential(parsed.AccessKeyId);
        var sessionToken = request.Header("X-Amz-Security-Token");
        if (credential is null || credential.SessionToken != sessionToken)
        {
            throw AmplifyErrors.UnrecognizedClient();
        }

        var scopeDate = amzDateText[..8];
        if (parsed.Date != scopeDate)
        {
            throw AmplifyErrors.InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{parsed.Date}' != '{scopeDate}', from '{amzDateText}'.");
        }

        if (parsed.Service != service)
        {
            throw AmplifyErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        }

        if (parsed.Terminator != "aws4_request")
        {
            throw AmplifyErrors.InvalidSignature(
                $"Credential should be scoped with a valid terminator: 'aws4_request', not '{parsed.Terminator}'. ");
        }

        var expected = ComputeSignature(request, parsed.SignedHeaders, credential.SecretAccessKey, amzDateText, parsed.Region, service);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parsed.Signature)))
        {
            throw AmplifyErrors.InvalidSignature(AmplifyErrors.SignatureMismatchMessage);
        }

        CheckSkew(requestTime, amzDateText, now);
        // Checked last, so only a holder of the secret learns that the key exists but has expired.
        if (credential.Expiration is { } expiration && expiration <= now)
        {
            throw AmplifyErrors.ExpiredToken();
        }

        return credential;
    }

    /// <summary>The hex signature for the request under the given scope (what a correct client sends).</summary>
    public static string ComputeSignature(
        SigV4Request request, IReadOnlyList<string> signedHeaders, string secretAccessKey, string amzDate, string region, string service)
    {
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(request, signedHeaders)))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string CanonicalRequest(SigV4Request request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request.Header(name) ?? string.Empty)).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(Hex(SHA256.HashData(request.Body)));
        return builder.ToString();
    }

    /// <summary>
    /// The path as sent, with dot segments and empty segments removed, then URI-encoded once more (every service
    /// but S3 double-encodes: a branch <c>feature%2Flogin</c> is signed as <c>feature%252Flogin</c>).
    /// </summary>
    public static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var normalized = (rawPath[0] == '/' ? "/" : string.Empty)
            + string.Join('/', segments)
            + (rawPath[^1] == '/' && segments.Count > 0 ? "/" : string.Empty);
        return Encode(normalized, keepSlash: true);
    }

    /// <summary>Each name and value decoded and re-encoded strictly, sorted by name, then by value.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name), keepSlash: false), Encode(Uri.UnescapeDataString(value), keepSlash: false)));
        }

        return string.Join('&', pairs
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it: only unreserved characters stay, hex digits upper case.</summary>
    public static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~'
                || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static void CheckSkew(DateTimeOffset requestTime, string amzDate, DateTimeOffset now)
    {
        static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        if (requestTime < now - AllowedSkew)
        {
            throw AmplifyErrors.InvalidSignature(
                $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)");
        }

        if (requestTime > now + AllowedSkew)
        {
            throw AmplifyErrors.InvalidSignature(
                $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)");
        }
    }

    private sealed record ParsedAuthorization(
        string AccessKeyId, string Date, string Region, string Service, string Terminator, IReadOnlyList<string> SignedHeaders, string Signature);

    private static ParsedAuthorization ParseAuthorization(string authorization)
    {
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            // Another scheme (a bearer token, SigV2) is no SigV4 signature at all.
            throw AmplifyErrors.IncompleteSignature(
                $"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization={authorization.Split(' ')[0]}");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(','))
        {
            var trimmed = part.Trim();
            var equals = trimmed.IndexOf('=');
            if (equals > 0)
            {
                parameters[trimmed[..equals]] = trimmed[(equals + 1)..];
            }
        }

        var missing = new[] { "Credential", "Signature", "SignedHeaders" }.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw AmplifyErrors.IncompleteSignature(
                string.Concat(missing.Select(name => $"Authorization header requires '{name}' parameter. ")) + $"Authorization={Algorithm}");
        }

        var scope = parameters["Credential"].Split('/');
        if (scope.Length != 5)
        {
            throw AmplifyErrors.IncompleteSignature(
                $"Credential should have 5 slash-separated components: access key id, date, region, service and 'aws4_request', not '{parameters["Credential"]}'.");
        }

        var signedHeaders = parameters["SignedHeaders"].Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            throw AmplifyErrors.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        return new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders, parameters["Signature"]);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
