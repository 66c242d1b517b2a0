using System.Text;
using CodeCatalyst.Emulator.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Records each non-admin request, and how it was answered, in the request log.</summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, EmulatorState state)
{
    // Bodies of the modeled operations are tiny; the cap only guards the log against a runaway client.
    private const int MaxRecordedBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (AdminPaths.IsAdmin(context))
        {
            await next(context);
            return;
        }

        var arrival = state.RequestLog.Arrive();
        var receivedAt = state.Clock.GetUtcNow();
        var body = await ReadBodyAsync(context.Request);
        var recorded = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) != 0) return;
            var fault = FaultInjectionMiddleware.AppliedFault(context);
            state.RequestLog.Add(arrival, new RecordedRequest(
                Time: receivedAt,
                RequestId: context.TraceIdentifier,
                Method: context.Request.Method,
                Path: context.Request.Path.Value ?? "/",
                QueryString: context.Request.QueryString.Value ?? string.Empty,
                Operation: context.Items[OperationKey] as string
                           ?? context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                StatusCode: fault == FaultInjectionMiddleware.DroppedConnection ? 0 : context.Response.StatusCode,
                HadAuthorizationHeader: BearerTokenReader.HasAuthorizationHeader(context.Request),
                BearerToken: BearerTokenReader.Read(context.Request),
                Body: SensitiveFormFieldsMetadata.Redact(context, body),
                Fault: fault)
            {
                AwsAccessKeyId = SignedAccessKeyId(context.Request),
            });
        }

        context.Items[RecordKey] = (Action)Record;
        try
        {
            await next(context);
        }
        finally
        {
            Record();
        }
    }

    private static readonly object RecordKey = new();
    private static readonly object OperationKey = new();

    /// <summary>
    /// Names the operation for the log when one route serves several (STS's single POST /, where the form's Action
    /// decides).
    /// </summary>
    public static void NameOperation(HttpContext context, string operation) => context.Items[OperationKey] = operation;

    /// <summary>
    /// Records the request now, before its connection is dropped: once the client has seen the drop, a test that
    /// looks at the log must find the request there.
    /// </summary>
    public static void RecordNow(HttpContext context)
    {
        if (context.Items.TryGetValue(RecordKey, out var record) && record is Action recordNow) recordNow();
    }

    /// <summary>The access key id of <c>Authorization: AWS4-HMAC-SHA256 Credential=KEYID/date/region/service/aws4_request, ...</c>.</summary>
    private static string? SignedAccessKeyId(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string marker = "Credential=";
        var start = authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal) ? authorization.IndexOf(marker, StringComparison.Ordinal) : -1;
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = authorization.IndexOf('/', start);
        return end > start ? authorization[start..end] : null;
    }

    /// <summary>Reads the body for the log and rewinds it so the handler can read it too.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var buffer = new byte[MaxRecordedBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length
               && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
        }

        request.Body.Position = 0;
        return length == 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}

/// <summary>
/// Form fields whose values the request log must not keep (the model marks them sensitive, such as STS's
/// WebIdentityToken): the recorded body shows them as <c>****</c>.
/// </summary>
internal sealed class SensitiveFormFieldsMetadata(params string[] fieldNames)
{
    public IReadOnlyList<string> FieldNames { get; } = fieldNames;

    public static string? Redact(HttpContext context, string? body)
    {
        var sensitive = context.GetEndpoint()?.Metadata.GetMetadata<SensitiveFormFieldsMetadata>();
        if (sensitive is null || body is null)
        {
            return body;
        }

        return string.Join('&', body.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            return equals >= 0 && sensitive.FieldNames.Contains(name, StringComparer.Ordinal) ? pair[..(equals + 1)] + "****" : pair;
        }));
    }
}
