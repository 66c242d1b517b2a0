using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CodeCatalyst.Emulator.Amplify.Auth;

namespace CodeCatalyst.Emulator.Tests.Amplify;

/// <summary>
/// An emulator plus an HttpClient that signs every request with SigV4 at a time the test controls (by default the
/// emulator's own clock). It signs with the emulator's own signature code, which is fine here: these tests are about
/// the emulator's behaviour, and botocore holds the signature code itself to account (AmplifyBoto3Tests and
/// SigV4VerifierTests).
/// </summary>
internal sealed class AmplifyTestClient : IAsyncDisposable
{
    private readonly SigningHandler signer;

    private AmplifyTestClient(TestEmulator emulator, SigningHandler signer, HttpClient client)
    {
        Emulator = emulator;
        this.signer = signer;
        Client = client;
    }

    public TestEmulator Emulator { get; }

    public HttpClient Client { get; }

    public ManualClock? Clock { get; private init; }

    /// <summary>What the next requests are signed with; tests change it to provoke refusals.</summary>
    public SigningHandler Signer => signer;

    public static async Task<AmplifyTestClient> StartAsync(ManualClock? clock = null, EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        if (clock is not null)
        {
            options = options with { TimeProvider = clock };
        }

        var emulator = await TestEmulator.StartAsync(options);
        var signer = new SigningHandler(() => clock?.GetUtcNow() ?? DateTimeOffset.UtcNow) { InnerHandler = new HttpClientHandler() };
        var client = new HttpClient(signer) { BaseAddress = emulator.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return new AmplifyTestClient(emulator, signer, client) { Clock = clock };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, string json = "{}") =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> DeleteAsync(string path) => Client.DeleteAsync(path);

    public async Task<JsonElement> StartJobAsync(string appId, string branch, string body)
    {
        using var response = await PostAsync($"/apps/{appId}/branches/{branch}/jobs", body);
        return (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("jobSummary");
    }

    public async Task<JsonElement> GetJobAsync(string appId, string branch, string jobId)
    {
        using var response = await GetAsync($"/apps/{appId}/branches/{branch}/jobs/{jobId}");
        return (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("job");
    }

    public async Task<string> JobStatusAsync(string appId, string branch, string jobId) =>
        (await GetJobAsync(appId, branch, jobId)).GetProperty("summary").GetProperty("status").GetString()!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Signs each request (Authorization, X-Amz-Date, X-Amz-Security-Token) unless <see cref="Unsigned"/>.</summary>
    internal sealed class SigningHandler(Func<DateTimeOffset> now) : DelegatingHandler
    {
        public string AccessKeyId { get; set; } = SampleData.AwsAccessKeyId;

        public string SecretAccessKey { get; set; } = SampleData.AwsSecretAccessKey;

        public string? SessionToken { get; set; }

        public string Region { get; set; } = "us-east-1";

        public string Service { get; set; } = "amplify";

        public TimeSpan ClockOffset { get; set; }

        public bool Unsigned { get; set; }

        /// <summary>Changes the body after signing, as a tampering proxy would.</summary>
        public string? ReplaceBodyAfterSigning { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Unsigned)
            {
                var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
                var amzDate = (now() + ClockOffset).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                var uri = request.RequestUri!;
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
                    ["x-amz-date"] = amzDate,
                };
                if (SessionToken is not null)
                {
                    headers["x-amz-security-token"] = SessionToken;
                    request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", SessionToken);
                }

                var signedHeaders = headers.Keys.Order(StringComparer.Ordinal).ToList();
                var signed = new SigV4Request(
                    request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), name => headers.GetValueOrDefault(name), body);
                var signature = SigV4Verifier.ComputeSignature(signed, signedHeaders, SecretAccessKey, amzDate, Region, Service);
                request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
                request.Headers.TryAddWithoutValidation(
                    "Authorization",
                    $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{amzDate[..8]}/{Region}/{Service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
                if (ReplaceBodyAfterSigning is { } replacement)
                {
                    request.Content = new StringContent(replacement, Encoding.UTF8, "application/json");
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
