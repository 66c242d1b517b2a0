using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

// Canned answers in the real service's wire shapes (botocore model codecatalyst/2022-09-28, as the emulator's
// Contracts mirror them): GetWorkflowRun, ListWorkflowRuns with nextToken paging, VerifySession; and Amplify's
// GetJob (amplify/2017-07-25), whose SigV4 signature is not verified: the benchmark measures the signing client.
//
//   dotnet CodeCatalyst.Benchmarks.CannedServer.dll [--port 0] [--delay-ms 0] [--items 10000] [--page-size 50]
//
// The listing's total is --items unless the project name ends in -<number> ("bench-50000" lists 50,000 runs),
// so one server serves listings of several sizes. The first line written is "Listening on <url>".
var options = CannedOptions.Parse(args);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
var app = builder.Build();

var delay = TimeSpan.FromMilliseconds(options.DelayMilliseconds);
var pages = new ConcurrentDictionary<(int Total, int Offset, int Size), byte[]>();
var projectTotal = new Regex(@"-(\d+)$", RegexOptions.CultureInvariant);
const string BearerScheme = "Bearer ";
const string SigV4Scheme = "AWS4-HMAC-SHA256 Credential=";
var unauthorized = Encoding.UTF8.GetBytes("{\"message\":\"The request carried no credentials of the kind this service takes.\"}");

// Only the form of the Authorization header is checked, so a request that forgot to authenticate still fails.
async Task<bool> Prepare(HttpContext context, string scheme = BearerScheme)
{
    if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);
    context.Response.Headers["x-amzn-RequestId"] = "canned-request";
    var authorization = context.Request.Headers.Authorization.ToString();
    if (authorization.StartsWith(scheme, StringComparison.Ordinal) && authorization.Length > scheme.Length) return true;
    context.Response.StatusCode = 401;
    context.Response.Headers["x-amzn-ErrorType"] = "AccessDeniedException";
    context.Response.ContentType = "application/json";
    await context.Response.Body.WriteAsync(unauthorized);
    return false;
}

Task WriteJson(HttpContext context, byte[] body)
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
}

app.MapGet("/session", async context =>
{
    if (!await Prepare(context)) return;
    await WriteJson(context, CannedJson.Session);
});

app.MapGet("/v1/spaces/{space}/projects/{project}/workflowRuns/{id}", async context =>
{
    if (!await Prepare(context)) return;
    var values = context.Request.RouteValues;
    var body = CannedJson.WorkflowRun((string)values["space"]!, (string)values["project"]!, (string)values["id"]!);
    await WriteJson(context, body);
});

app.MapPost("/v1/spaces/{space}/projects/{project}/workflowRuns", async context =>
{
    if (!await Prepare(context)) return;
    // The body ({} or a sortBy list) changes nothing here, but is read as a server would.
    await context.Request.Body.CopyToAsync(Stream.Null);
    var project = (string)context.Request.RouteValues["project"]!;
    var match = projectTotal.Match(project);
    var total = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : options.Items;
    var size = int.TryParse(context.Request.Query["maxResults"], out var requested) && requested is >= 1 and <= 50
        ? Math.Min(requested, options.PageSize)
        : options.PageSize;
    var offset = 0;
    var nextToken = context.Request.Query["nextToken"].ToString();
    if (nextToken.Length > 0 && !(nextToken.StartsWith("page.", StringComparison.Ordinal) &&
                                  int.TryParse(nextToken.AsSpan(5), out offset)))
    {
        context.Response.StatusCode = 400;
        context.Response.Headers["x-amzn-ErrorType"] = "ValidationException";
        await WriteJson(context, Encoding.UTF8.GetBytes("{\"message\":\"The nextToken is not valid.\"}"));
        return;
    }

    var body = pages.GetOrAdd((total, offset, size), key => CannedJson.RunPage(key.Total, key.Offset, key.Size));
    await WriteJson(context, body);
});

app.MapGet("/apps/{appId}/branches/{branchName}/jobs/{jobId}", async context =>
{
    if (!await Prepare(context, SigV4Scheme)) return;
    var values = context.Request.RouteValues;
    var body = CannedJson.AmplifyJob((string)values["appId"]!, (string)values["branchName"]!, (string)values["jobId"]!);
    await WriteJson(context, body);
});

await app.StartAsync();
Console.WriteLine($"Listening on http://127.0.0.1:{new Uri(app.Urls.First()).Port}/");
Console.Out.Flush();
// Stops when told to (Ctrl+C, SIGTERM) or when the process that started it closes its standard input.
var stdinClosed = Task.Run(() =>
{
    try
    {
        while (Console.In.ReadLine() != null) { }
    }
    catch (IOException)
    {
    }
});
await Task.WhenAny(app.WaitForShutdownAsync(), stdinClosed);
await app.StopAsync();

internal sealed record CannedOptions(int Port, int DelayMilliseconds, int Items, int PageSize)
{
    public static CannedOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new CannedOptions(Value("--port", 0), Value("--delay-ms", 0), Value("--items", 10_000),
            Math.Clamp(Value("--page-size", 50), 1, 50));
    }
}

internal static class CannedJson
{
    private const string WorkflowId = "9c7a4e52-3b1f-4d8e-a0c6-5f2e7d1b8a93";
    private const string Timestamps =
        "\"startTime\":\"2026-01-15T09:30:00.000Z\",\"endTime\":\"2026-01-15T09:34:12.345Z\",\"lastUpdatedTime\":\"2026-01-15T09:34:12.345Z\"";

    public static readonly byte[] Session = Encoding.UTF8.GetBytes("{\"identity\":\"canned-benchmark-user\"}");

    public static byte[] WorkflowRun(string space, string project, string id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("spaceName", space);
            writer.WriteString("projectName", project);
            writer.WriteString("id", id);
            writer.WriteString("workflowId", WorkflowId);
            writer.WriteString("status", "SUCCEEDED");
            writer.WriteStartArray("statusReasons");
            writer.WriteEndArray();
            writer.WriteString("startTime", "2026-01-15T09:30:00.000Z");
            writer.WriteString("endTime", "2026-01-15T09:34:12.345Z");
            writer.WriteString("lastUpdatedTime", "2026-01-15T09:34:12.345Z");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// GetJob's answer for a finished RELEASE job with its three steps, every member the model requires present;
    /// timestamps in epoch seconds, as rest-json sends them.
    /// </summary>
    public static byte[] AmplifyJob(string appId, string branchName, string jobId)
    {
        const double CommitTime = 1768469100.0;   // 2026-01-15T09:25:00Z
        const double StartTime = 1768469400.0;    // 2026-01-15T09:30:00Z
        const double EndTime = 1768469652.345;
        var steps = new[] { ("BUILD", StartTime, 1768469580.0), ("DEPLOY", 1768469580.0, 1768469640.0), ("VERIFY", 1768469640.0, EndTime) };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("job");
            writer.WriteStartObject("summary");
            writer.WriteString("jobArn", $"arn:aws:amplify:us-east-1:123456789012:apps/{appId}/branches/{Uri.EscapeDataString(branchName)}/jobs/{jobId}");
            writer.WriteString("jobId", jobId);
            writer.WriteString("commitId", "4f1e2d3c5b6a79880a1b2c3d4e5f60718293a4b5");
            writer.WriteString("commitMessage", "Release the January content");
            writer.WriteNumber("commitTime", CommitTime);
            writer.WriteNumber("startTime", StartTime);
            writer.WriteString("status", "SUCCEED");
            writer.WriteNumber("endTime", EndTime);
            writer.WriteString("jobType", "RELEASE");
            writer.WriteEndObject();
            writer.WriteStartArray("steps");
            foreach (var (name, start, end) in steps)
            {
                writer.WriteStartObject();
                writer.WriteString("stepName", name);
                writer.WriteNumber("startTime", start);
                writer.WriteString("status", "SUCCEED");
                writer.WriteNumber("endTime", end);
                writer.WriteString("logUrl", $"https://aws-amplify-prod-us-east-1-artifacts.s3.amazonaws.com/{appId}/{branchName}/{jobId}/{name}/log.txt");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] RunPage(int total, int offset, int size)
    {
        var end = Math.Min(total, offset + size);
        var text = new StringBuilder(256 * size + 64);
        text.Append("{\"items\":[");
        for (var index = offset; index < end; index++)
        {
            if (index > offset) text.Append(',');
            text.Append("{\"id\":\"").Append(RunId(index)).Append("\",\"workflowId\":\"").Append(WorkflowId)
                .Append("\",\"workflowName\":\"build\",\"status\":\"SUCCEEDED\",\"statusReasons\":[],").Append(Timestamps)
                .Append('}');
        }

        text.Append(']');
        if (end < total) text.Append(",\"nextToken\":\"page.").Append(end.ToString(CultureInfo.InvariantCulture)).Append('"');
        text.Append('}');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A stable UUID per position, so a listing can be checked for gaps or repeats.</summary>
    private static string RunId(int index) => $"00000000-0000-4000-8000-{index:x12}";
}
