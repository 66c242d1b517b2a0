using System.Net;
using System.Text;

namespace CodeCatalyst.Emulator.Tests.Amplify;

public sealed class AmplifyDeploymentTests
{
    private const string App = SampleData.AmplifyManualAppId;
    private const string Main = SampleData.AmplifyMainBranch;
    private const string DeploymentsPath = $"/apps/{App}/branches/{Main}/deployments";

    [Fact]
    public async Task Create_upload_and_start_deploys_the_zip_as_a_manual_job()
    {
        var clock = new ManualClock();
        await using var amplify = await AmplifyTestClient.StartAsync(clock);

        using var created = await amplify.PostAsync(DeploymentsPath);
        var deployment = await TestEmulator.ReadSuccessAsync(created, 200);
        var jobId = deployment.GetProperty("jobId").GetString()!;
        var uploadUrl = deployment.GetProperty("zipUploadUrl").GetString()!;
        Assert.StartsWith(amplify.Emulator.Server.BaseAddress.ToString().TrimEnd('/'), uploadUrl);
        Assert.Equal("CREATED", await amplify.JobStatusAsync(App, Main, jobId));

        using var plain = new HttpClient();
        using var upload = await plain.PutAsync(uploadUrl, new ByteArrayContent("PK\u0003\u0004 zip"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.NotNull(upload.Headers.ETag);

        using var started = await amplify.PostAsync($"{DeploymentsPath}/start", $$"""{"jobId":"{{jobId}}"}""");
        var summary = (await TestEmulator.ReadSuccessAsync(started, 200)).GetProperty("jobSummary");
        Assert.Equal((jobId, "MANUAL", "PENDING"), (summary.GetProperty("jobId").GetString(), summary.GetProperty("jobType").GetString(), summary.GetProperty("status").GetString()));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("SUCCEED", await amplify.JobStatusAsync(App, Main, jobId));
        Assert.Contains(amplify.Emulator.Server.Requests, request => request.Method == "PUT" && request.Operation == "AmplifyDeploymentUpload");
    }

    [Fact]
    public async Task Start_before_the_upload_is_a_bad_request()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        using var created = await amplify.PostAsync(DeploymentsPath);
        var jobId = (await TestEmulator.ReadSuccessAsync(created, 200)).GetProperty("jobId").GetString();

        using var started = await amplify.PostAsync($"{DeploymentsPath}/start", $$"""{"jobId":"{{jobId}}"}""");

        await TestEmulator.AssertErrorAsync(started, 400, "BadRequestException");
    }

    [Fact]
    public async Task A_file_map_gets_one_upload_url_per_file_and_needs_them_all()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        using var created = await amplify.PostAsync(DeploymentsPath, """{"fileMap":{"index.html":"md5a","css/site.css":"md5b"}}""");
        var deployment = await TestEmulator.ReadSuccessAsync(created, 200);
        var jobId = deployment.GetProperty("jobId").GetString();
        var urls = deployment.GetProperty("fileUploadUrls").EnumerateObject().ToDictionary(member => member.Name, member => member.Value.GetString()!);
        Assert.Equal(["css/site.css", "index.html"], urls.Keys.Order(StringComparer.Ordinal));

        using var plain = new HttpClient();
        using (await plain.PutAsync(urls["index.html"], new StringContent("<html/>"))) { }
        using (var early = await amplify.PostAsync($"{DeploymentsPath}/start", $$"""{"jobId":"{{jobId}}"}"""))
        {
            await TestEmulator.AssertErrorAsync(early, 400, "BadRequestException");
        }

        using (await plain.PutAsync(urls["css/site.css"], new StringContent("body{}"))) { }
        using var started = await amplify.PostAsync($"{DeploymentsPath}/start", $$"""{"jobId":"{{jobId}}"}""");
        await TestEmulator.ReadSuccessAsync(started, 200);
    }

    [Fact]
    public async Task Uploads_beyond_the_size_limit_or_to_unknown_slots_are_refused()
    {
        await using var amplify = await AmplifyTestClient.StartAsync(options: new EmulatorOptions { MaxDeploymentUploadBytes = 8 });
        using var created = await amplify.PostAsync(DeploymentsPath);
        var uploadUrl = (await TestEmulator.ReadSuccessAsync(created, 200)).GetProperty("zipUploadUrl").GetString()!;

        using var plain = new HttpClient();
        using var tooLarge = await plain.PutAsync(uploadUrl, new ByteArrayContent(new byte[9]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        using var unknown = await plain.PutAsync(uploadUrl + "0", new ByteArrayContent(new byte[4]));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Start_from_a_bucket_prefix_records_the_source()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var started = await amplify.PostAsync($"{DeploymentsPath}/start", """{"sourceUrl":"s3://bucket/site/","sourceUrlType":"BUCKET_PREFIX"}""");

        var summary = (await TestEmulator.ReadSuccessAsync(started, 200)).GetProperty("jobSummary");
        Assert.Equal(("s3://bucket/site/", "BUCKET_PREFIX"), (summary.GetProperty("sourceUrl").GetString(), summary.GetProperty("sourceUrlType").GetString()));
    }

    [Theory]
    [InlineData("""{}""")] // neither jobId nor sourceUrl
    [InlineData("""{"sourceUrl":"https://example.com/site/","sourceUrlType":"BUCKET_PREFIX"}""")] // a prefix must be in S3
    [InlineData("""{"sourceUrl":"ftp://example.com/site.zip"}""")] // breaks the model's pattern
    [InlineData("""{"sourceUrl":"s3://bucket/site.zip","sourceUrlType":"TAR"}""")] // not a model value
    [InlineData("""{"jobId":"1","sourceUrl":"s3://bucket/site.zip"}""")] // both
    public async Task Start_deployment_refusals_are_bad_requests(string body)
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var response = await amplify.PostAsync($"{DeploymentsPath}/start", body);

        await TestEmulator.AssertErrorAsync(response, 400, "BadRequestException");
    }

    [Fact]
    public async Task Deployments_are_refused_for_an_app_connected_to_a_repository()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var response = await amplify.PostAsync($"/apps/{SampleData.AmplifyRepositoryAppId}/branches/{Main}/deployments", Encoding.UTF8.GetString("{}"u8));

        await TestEmulator.AssertErrorAsync(response, 400, "BadRequestException");
    }
}
