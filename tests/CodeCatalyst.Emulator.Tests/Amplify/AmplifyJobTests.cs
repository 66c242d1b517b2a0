using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests.Amplify;

public sealed class AmplifyJobTests
{
    private const string RepoApp = SampleData.AmplifyRepositoryAppId;
    private const string Main = SampleData.AmplifyMainBranch;
    private const string Failing = SampleData.AmplifyFailingBranch;

    [Fact]
    public async Task A_job_moves_pending_provisioning_running_then_succeed_on_the_clock()
    {
        var clock = new ManualClock();
        await using var amplify = await AmplifyTestClient.StartAsync(clock);

        var job = await amplify.StartJobAsync(RepoApp, Main, """{"jobType":"RELEASE","commitId":"abc","commitMessage":"ship it"}""");
        var jobId = job.GetProperty("jobId").GetString()!;

        Assert.Equal("4", jobId); // after the three sample jobs of main
        Assert.Equal(("PENDING", "abc", "ship it"), (job.GetProperty("status").GetString(), job.GetProperty("commitId").GetString(), job.GetProperty("commitMessage").GetString()));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), job.GetProperty("startTime").GetDouble());
        Assert.False(job.TryGetProperty("endTime", out _));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal("PROVISIONING", await amplify.JobStatusAsync(RepoApp, Main, jobId));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var running = await amplify.GetJobAsync(RepoApp, Main, jobId);
        Assert.Equal("RUNNING", running.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("RUNNING", Assert.Single(running.GetProperty("steps").EnumerateArray()).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromSeconds(2));
        var finished = await amplify.GetJobAsync(RepoApp, Main, jobId);
        Assert.Equal("SUCCEED", finished.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), finished.GetProperty("summary").GetProperty("endTime").GetDouble());
    }

    [Fact]
    public async Task A_job_on_a_branch_marked_to_fail_ends_failed()
    {
        var clock = new ManualClock();
        await using var amplify = await AmplifyTestClient.StartAsync(clock);

        var jobId = (await amplify.StartJobAsync(RepoApp, Failing, """{"jobType":"WEB_HOOK"}""")).GetProperty("jobId").GetString()!;
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("FAILED", await amplify.JobStatusAsync(RepoApp, Failing, jobId));
    }

    [Fact]
    public async Task Stop_turns_a_running_job_cancelling_then_cancelled_and_a_finished_job_cannot_be_stopped()
    {
        var clock = new ManualClock();
        await using var amplify = await AmplifyTestClient.StartAsync(clock);
        var jobId = (await amplify.StartJobAsync(RepoApp, Main, """{"jobType":"RELEASE"}""")).GetProperty("jobId").GetString()!;
        clock.Advance(TimeSpan.FromSeconds(1.5));

        using var stop = await amplify.DeleteAsync($"/apps/{RepoApp}/branches/{Main}/jobs/{jobId}/stop");
        Assert.Equal("CANCELLING", (await TestEmulator.ReadSuccessAsync(stop, 200)).GetProperty("jobSummary").GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal("CANCELLED", await amplify.JobStatusAsync(RepoApp, Main, jobId));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("CANCELLED", await amplify.JobStatusAsync(RepoApp, Main, jobId));

        using var again = await amplify.DeleteAsync($"/apps/{RepoApp}/branches/{Main}/jobs/{jobId}/stop");
        await TestEmulator.AssertErrorAsync(again, 400, "BadRequestException");
    }

    [Fact]
    public async Task Delete_refuses_a_job_in_progress_and_removes_a_finished_one()
    {
        var clock = new ManualClock();
        await using var amplify = await AmplifyTestClient.StartAsync(clock);
        var jobId = (await amplify.StartJobAsync(RepoApp, Main, """{"jobType":"RELEASE"}""")).GetProperty("jobId").GetString()!;
        var path = $"/apps/{RepoApp}/branches/{Main}/jobs/{jobId}";

        using (var refused = await amplify.DeleteAsync(path))
        {
            var message = await TestEmulator.AssertErrorAsync(refused, 400, "BadRequestException");
            Assert.Contains("StopJob", message);
        }

        clock.Advance(TimeSpan.FromSeconds(3));
        using (var deleted = await amplify.DeleteAsync(path))
        {
            var summary = (await TestEmulator.ReadSuccessAsync(deleted, 200)).GetProperty("jobSummary");
            Assert.Equal((jobId, "SUCCEED"), (summary.GetProperty("jobId").GetString(), summary.GetProperty("status").GetString()));
        }

        using var gone = await amplify.GetAsync(path);
        await TestEmulator.AssertErrorAsync(gone, 404, "NotFoundException");
    }

    [Fact]
    public async Task Retry_needs_the_id_of_an_existing_job_and_repeats_its_commit()
    {
        await using var amplify = await AmplifyTestClient.StartAsync(new ManualClock());

        using (var missing = await amplify.PostAsync($"/apps/{RepoApp}/branches/{Main}/jobs", """{"jobType":"RETRY"}"""))
        {
            await TestEmulator.AssertErrorAsync(missing, 400, "BadRequestException");
        }

        using (var unknown = await amplify.PostAsync($"/apps/{RepoApp}/branches/{Main}/jobs", """{"jobType":"RETRY","jobId":"42"}"""))
        {
            await TestEmulator.AssertErrorAsync(unknown, 404, "NotFoundException");
        }

        var original = (await amplify.GetJobAsync(RepoApp, Main, "1")).GetProperty("summary");
        var retry = await amplify.StartJobAsync(RepoApp, Main, """{"jobType":"RETRY","jobId":"1"}""");
        Assert.Equal(("RETRY", original.GetProperty("commitId").GetString()), (retry.GetProperty("jobType").GetString(), retry.GetProperty("commitId").GetString()));
    }

    [Theory]
    [InlineData("""{"jobType":"RELEASE"}""", "BadRequestException")] // an app without a repository has nothing to release
    [InlineData("""{"jobType":"DEPLOY"}""", "BadRequestException")] // not one of the model's job types
    [InlineData("""{}""", "BadRequestException")] // jobType is required
    public async Task Start_job_refusals_are_bad_requests(string body, string errorType)
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var response = await amplify.PostAsync($"/apps/{SampleData.AmplifyManualAppId}/branches/{Main}/jobs", body);

        await TestEmulator.AssertErrorAsync(response, 400, errorType);
    }

    [Fact]
    public async Task List_jobs_pages_newest_first_with_job_summaries()
    {
        await using var amplify = await AmplifyTestClient.StartAsync(new ManualClock());
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = token is null ? "?maxResults=2" : $"?maxResults=2&nextToken={Uri.EscapeDataString(token)}";
            using var response = await amplify.GetAsync($"/apps/{RepoApp}/branches/{Main}/jobs{query}");
            var page = await TestEmulator.ReadSuccessAsync(response, 200);
            Assert.Equal(["jobSummaries", .. page.TryGetProperty("nextToken", out _) ? new[] { "nextToken" } : []], TestEmulator.MemberNames(page));
            ids.AddRange(page.GetProperty("jobSummaries").EnumerateArray().Select(job => job.GetProperty("jobId").GetString()!));
            token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["3", "2", "1"], ids);
        Assert.Equal(2, pages);
    }

    [Theory]
    [InlineData("?maxResults=0")]
    [InlineData("?maxResults=51")]
    [InlineData("?nextToken=not-issued-here")]
    public async Task List_jobs_refuses_bad_paging_with_bad_request(string query)
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var response = await amplify.GetAsync($"/apps/{RepoApp}/branches/{Main}/jobs{query}");

        await TestEmulator.AssertErrorAsync(response, 400, "BadRequestException");
    }

    [Fact]
    public async Task Sample_data_gives_the_pipeline_apps_branches_and_finished_jobs()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var apps = await amplify.GetAsync("/apps?maxResults=1");
        var firstPage = await TestEmulator.ReadSuccessAsync(apps, 200);
        Assert.Equal(SampleData.AmplifyManualAppId, Assert.Single(firstPage.GetProperty("apps").EnumerateArray()).GetProperty("appId").GetString());
        Assert.True(firstPage.TryGetProperty("nextToken", out _));
        foreach (var appId in new[] { SampleData.AmplifyManualAppId, RepoApp })
        {
            using var branches = await amplify.GetAsync($"/apps/{appId}/branches");
            var names = (await TestEmulator.ReadSuccessAsync(branches, 200)).GetProperty("branches").EnumerateArray()
                .Select(branch => branch.GetProperty("branchName").GetString()).ToList();
            Assert.Equal([Failing, Main], names);
            using var jobs = await amplify.GetAsync($"/apps/{appId}/branches/{Failing}/jobs");
            var job = Assert.Single((await TestEmulator.ReadSuccessAsync(jobs, 200)).GetProperty("jobSummaries").EnumerateArray());
            Assert.Equal("FAILED", job.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Unknown_apps_branches_and_jobs_are_not_found_and_malformed_ids_bad_requests()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();

        using var app = await amplify.GetAsync("/apps/dnosuchapp");
        await TestEmulator.AssertErrorAsync(app, 404, "NotFoundException");
        using var branch = await amplify.GetAsync($"/apps/{RepoApp}/branches/nope");
        await TestEmulator.AssertErrorAsync(branch, 404, "NotFoundException");
        using var job = await amplify.GetAsync($"/apps/{RepoApp}/branches/{Main}/jobs/99");
        await TestEmulator.AssertErrorAsync(job, 404, "NotFoundException");
        using var badApp = await amplify.GetAsync("/apps/NOT-AN-APP");
        await TestEmulator.AssertErrorAsync(badApp, 400, "BadRequestException");
        using var badJob = await amplify.GetAsync($"/apps/{RepoApp}/branches/{Main}/jobs/abc");
        await TestEmulator.AssertErrorAsync(badJob, 400, "BadRequestException");
    }

    [Fact]
    public async Task Reset_brings_back_the_sample_jobs()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        await amplify.StartJobAsync(RepoApp, Main, """{"jobType":"RELEASE"}""");

        amplify.Emulator.Server.Reset();

        using var response = await amplify.GetAsync($"/apps/{RepoApp}/branches/{Main}/jobs");
        Assert.Equal(3, (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("jobSummaries").GetArrayLength());
    }

    [Fact]
    public async Task An_injected_throttle_on_an_Amplify_route_is_a_limit_exceeded_exception()
    {
        await using var amplify = await AmplifyTestClient.StartAsync();
        amplify.Emulator.Server.InjectFaults(new FaultSpec { StatusCode = 429, PathContains = "/apps" });

        using var response = await amplify.GetAsync("/apps");

        await TestEmulator.AssertErrorAsync(response, 429, "LimitExceededException");
    }

    [Fact]
    public async Task Timestamps_travel_as_epoch_seconds()
    {
        await using var amplify = await AmplifyTestClient.StartAsync(new ManualClock());

        using var response = await amplify.GetAsync($"/apps/{RepoApp}");
        var app = (await TestEmulator.ReadSuccessAsync(response, 200)).GetProperty("app");

        Assert.Equal(JsonValueKind.Number, app.GetProperty("createTime").ValueKind);
    }
}
