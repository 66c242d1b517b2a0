using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

/// <summary>
/// One emulator per test, on its own loopback port, with an HttpClient that already sends a bearer token.
/// Starting Kestrel takes milliseconds, and separate instances keep tests independent and parallel-safe.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string DefaultToken = "test-token";

    public const string ProjectPath = $"/v1/spaces/{SampleData.SpaceName}/projects/{SampleData.ProjectName}";

    private TestEmulator(EmulatorServer server, HttpClient client)
    {
        Server = server;
        Client = client;
    }

    public EmulatorServer Server { get; }

    /// <summary>Sends <c>Authorization: Bearer test-token</c> unless a test overrides it per request.</summary>
    public HttpClient Client { get; }

    public static async Task<TestEmulator> StartAsync(EmulatorOptions? options = null)
    {
        var server = await EmulatorServer.StartAsync(options ?? new EmulatorOptions());
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DefaultToken);
        return new TestEmulator(server, client);
    }

    public static async Task<TestEmulator> StartWithClockAsync(ManualClock clock, double runSpeed = 1) =>
        await StartAsync(new EmulatorOptions { TimeProvider = clock, RunSpeed = runSpeed });

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json = "{}") =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json = "{}") =>
        Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PatchJsonAsync(string path, string json = "{}") =>
        Client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> DeleteAsync(string path) => Client.DeleteAsync(path);

    /// <summary>Asserts the status code and returns the parsed body.</summary>
    public static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus} but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The member names of a JSON object, sorted, to compare with the members a model shape has.</summary>
    public static IReadOnlyList<string> MemberNames(JsonElement element) =>
        element.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Lists with POST, following nextToken (sent in the body, where the model puts it for every listing but the
    /// workflow ones) until the listing ends; returns every item and the number of pages.
    /// </summary>
    public async Task<(List<JsonElement> Items, int Pages)> ListAllAsync(string path, int maxResults, object? otherMembers = null)
    {
        var items = new List<JsonElement>();
        string? nextToken = null;
        var pages = 0;
        do
        {
            var body = otherMembers is null
                ? new Dictionary<string, object?>()
                : JsonSerializer.SerializeToElement(otherMembers).Deserialize<Dictionary<string, object?>>()!;
            body["maxResults"] = maxResults;
            body["nextToken"] = nextToken;
            using var response = await PostJsonAsync(path, JsonSerializer.Serialize(body));
            var page = await ReadSuccessAsync(response, 200);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            nextToken = page.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
            pages++;
        }
        while (nextToken is not null && pages < 100);

        return (items, pages);
    }

    /// <summary>Starts a run of a sample workflow and returns its id.</summary>
    public async Task<string> StartRunAsync(string workflowId, string? clientToken = null)
    {
        var body = clientToken is null ? "{}" : JsonSerializer.Serialize(new { clientToken });
        using var response = await PutJsonAsync($"{ProjectPath}/workflowRuns?workflowId={workflowId}", body);
        var json = await ReadSuccessAsync(response);
        return json.GetProperty("id").GetString()!;
    }

    public async Task<string> RunStatusAsync(string runId)
    {
        using var response = await GetAsync($"{ProjectPath}/workflowRuns/{runId}");
        return (await ReadSuccessAsync(response)).GetProperty("status").GetString()!;
    }

    /// <summary>Asserts a 200 and returns the parsed body.</summary>
    public static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a rest-json error: status, x-amzn-ErrorType, and a non-empty message; returns the message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int expectedStatus, string expectedErrorType)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus} but got {(int)response.StatusCode}: {text}");
        Assert.Equal(expectedErrorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var message = JsonDocument.Parse(text).RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
