using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

// Canned answers in the real service's wire shapes (botocore model codecatalyst/2022-09-28, as the emulator's
// Contracts mirror them): GetWorkflowRun, ListWorkflowRuns with nextToken paging, VerifySession.
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
var unauthorized = Encoding.UTF8.GetBytes("{\"message\":\"No bearer token was sent.\"}");

async Task<bool> Prepare(HttpContext context)
{
    if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);
    context.Response.Headers["x-amzn-RequestId"] = "canned-request";
    var authorization = context.Request.Headers.Authorization.ToString();
    if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && authorization.Length > 7) return true;
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
