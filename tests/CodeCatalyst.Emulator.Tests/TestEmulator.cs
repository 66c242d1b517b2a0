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
