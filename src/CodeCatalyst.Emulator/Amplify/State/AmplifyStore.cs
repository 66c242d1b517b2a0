using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CodeCatalyst.Emulator.Amplify.Wire;
using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.Amplify.State;

/// <summary>
/// AWS Amplify's apps, branches and jobs, in memory, under one lock (a separate service from CodeCatalyst, so a
/// separate store). Answers are wire contracts built under the lock, so handlers never see live state. Shape rules
/// (patterns, enums, lengths) are the generated request layer's; this class checks what only the state can tell.
/// </summary>
internal sealed class AmplifyStore
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";

    // Phase lengths of a new job, divided by the run speed.
    private static readonly TimeSpan PendingTime = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan ProvisioningTime = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan RunningTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CancellingTime = TimeSpan.FromSeconds(0.5);

    private readonly Lock gate = new();
    private readonly AmplifyData? initialData;
    private readonly TimeProvider clock;
    private readonly double runSpeed;
    private SortedDictionary<string, AmplifyAppState> apps = new(StringComparer.Ordinal);
    private Dictionary<string, AmplifyJobState> jobsByUploadId = new(StringComparer.Ordinal);

    public AmplifyStore(AmplifyData? initialData, TimeProvider clock, double runSpeed)
    {
        this.initialData = initialData;
        this.clock = clock;
        this.runSpeed = runSpeed;
        Reset();
    }

    public void Reset()
    {
        lock (gate)
        {
            apps = Build(initialData, Now());
            jobsByUploadId = new(StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<App> ListApps()
    {
        lock (gate)
        {
            return apps.Values.Select(ToApp).ToList();
        }
    }

    public App GetApp(string appId)
    {
        lock (gate)
        {
            return ToApp(FindApp(appId));
        }
    }

    public IReadOnlyList<Branch> ListBranches(string appId)
    {
        lock (gate)
        {
            return FindApp(appId).Branches.Values.Select(ToBranch).ToList();
        }
    }

    public Branch GetBranch(string appId, string branchName)
    {
        lock (gate)
        {
            return ToBranch(FindBranch(appId, branchName));
        }
    }

    /// <summary>The branch's jobs, newest first, with a sort key that ascends along the list (for paging).</summary>
    public IReadOnlyList<(JobSummary Summary, string SortKey)> ListJobs(string appId, string branchName)
    {
        lock (gate)
        {
            var now = Now();
            return FindBranch(appId, branchName).Jobs.Values
                .OrderByDescending(job => job.Number)
                .Select(job => (ToSummary(job, now), (long.MaxValue - job.Number).ToString("D19", CultureInfo.InvariantCulture)))
                .ToList();
        }
    }

    public Job GetJob(string appId, string branchName, string jobId)
    {
        lock (gate)
        {
            var job = FindJob(FindBranch(appId, branchName), jobId);
            var now = Now();
            return new Job { Summary = ToSummary(job, now), Steps = StepsOf(job, now) };
        }
    }

    public JobSummary StartJob(
        string appId, string branchName, string jobType, string? jobId, string? commitId, string? commitMessage, DateTimeOffset? commitTime)
    {
        lock (gate)
        {
            var branch = FindBranch(appId, branchName);
            var now = Now();
            AmplifyJobState job;
            switch (jobType)
            {
                case AmplifyJobVocabulary.Retry:
                    var retried = FindJob(branch, jobId ?? throw AmplifyErrors.BadRequest("A RETRY job needs the jobId of the job to retry."));
                    job = NewJob(branch, jobType, now, commitId ?? retried.CommitId, commitMessage ?? retried.CommitMessage, commitTime ?? retried.CommitTime);
                    job.SourceUrl = retried.SourceUrl;
                    job.SourceUrlType = retried.SourceUrlType;
                    break;
                case AmplifyJobVocabulary.Release or AmplifyJobVocabulary.WebHook when branch.App.IsManual:
                    throw AmplifyErrors.BadRequest(
                        $"The app {appId} is not connected to a repository: a {jobType} job needs one. Deploy it with CreateDeployment and StartDeployment.");
                case AmplifyJobVocabulary.Manual:
                    job = NewJob(branch, jobType, now, commitId ?? "HEAD", commitMessage ?? "Manual deployment", commitTime ?? now);
                    break;
                default:
                    job = NewJob(branch, jobType, now, commitId ?? branch.HeadCommitId, commitMessage ?? $"Latest commit on {branchName}", commitTime ?? now);
                    break;
            }

            BeginNow(job, now);
            return ToSummary(job, now);
        }
    }

    /// <summary>Asks an in-progress job to stop: it answers CANCELLING, then turns CANCELLED.</summary>
    public JobSummary StopJob(string appId, string branchName, string jobId)
    {
        lock (gate)
        {
            var job = FindJob(FindBranch(appId, branchName), jobId);
            var now = Now();
            var status = job.SnapshotAt(now).Status;
            if (!AmplifyJobVocabulary.IsInProgress(status))
            {
                throw AmplifyErrors.BadRequest($"Job {jobId} cannot be stopped: it is {status}, not PENDING, PROVISIONING or RUNNING.");
            }

            job.RequestStop(now, Scaled(CancellingTime));
            return ToSummary(job, now);
        }
    }

    /// <summary>
    /// Deletes a job that is not running. Neither the model nor the documentation says what the service does for a
    /// running job; the emulator refuses with BadRequestException (the only modeled error that fits) and asks
    /// for StopJob first.
    /// </summary>
    public JobSummary DeleteJob(string appId, string branchName, string jobId)
    {
        lock (gate)
        {
            var branch = FindBranch(appId, branchName);
            var job = FindJob(branch, jobId);
            var now = Now();
            var summary = ToSummary(job, now);
            if (!AmplifyJobVocabulary.IsFinished(summary.Status) && summary.Status != AmplifyJobVocabulary.Created)
            {
                throw AmplifyErrors.BadRequest($"Job {jobId} is {summary.Status} and cannot be deleted until it ends. Stop it first with StopJob.");
            }

            branch.Jobs.Remove(job.Number);
            if (job.Upload is { } upload)
            {
                jobsByUploadId.Remove(upload.UploadId);
            }

            return summary;
        }
    }

    /// <summary>Creates a deployment job (CREATED) with upload slots, for a manually deployed app.</summary>
    public (string JobId, string UploadId, IReadOnlyList<string> FileNames) CreateDeployment(
        string appId, string branchName, IReadOnlyCollection<string>? fileNames)
    {
        lock (gate)
        {
            var branch = FindBranch(appId, branchName);
            RequireManual(branch.App);
            var now = Now();
            var upload = new DeploymentUpload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), fileNames?.Order(StringComparer.Ordinal).ToList() ?? []);
            var job = NewJob(branch, AmplifyJobVocabulary.Manual, now, "HEAD", "Manual deployment", now, upload);
            jobsByUploadId.Add(upload.UploadId, job);
            return (job.JobId, upload.UploadId, upload.FileNames);
        }
    }

    /// <summary>Records an upload to a slot; false when the slot is unknown (or its job was deleted).</summary>
    public bool RecordUpload(string uploadId, string? fileName, long length)
    {
        lock (gate)
        {
            if (!jobsByUploadId.TryGetValue(uploadId, out var job) || job.Upload is not { } upload)
            {
                return false;
            }

            if (fileName is null)
            {
                upload.ZipBytes = length;
                return true;
            }

            if (!upload.FileNames.Contains(fileName, StringComparer.Ordinal))
            {
                return false;
            }

            upload.FileBytes[fileName] = length;
            return true;
        }
    }

    /// <summary>
    /// Starts a deployment: the job CreateDeployment made (its files must have arrived), or a new MANUAL job that
    /// deploys from a source URL (ZIP by default, or an S3 BUCKET_PREFIX).
    /// </summary>
    public JobSummary StartDeployment(string appId, string branchName, string? jobId, string? sourceUrl, string? sourceUrlType)
    {
        lock (gate)
        {
            var branch = FindBranch(appId, branchName);
            RequireManual(branch.App);
            var now = Now();
            AmplifyJobState job;
            if (jobId is not null)
            {
                if (sourceUrl is not null)
                {
                    throw AmplifyErrors.BadRequest("Specify either jobId (from CreateDeployment) or sourceUrl, not both.");
                }

                job = FindJob(branch, jobId);
                if (job.Upload is not { } upload || job.StartedAt is not null)
                {
                    throw AmplifyErrors.BadRequest($"Job {jobId} is not a deployment waiting to start.");
                }

                if (!upload.IsComplete)
                {
                    throw AmplifyErrors.BadRequest($"The files of deployment job {jobId} have not been uploaded yet.");
                }
            }
            else
            {
                if (sourceUrl is null)
                {
                    throw AmplifyErrors.BadRequest("Specify jobId (from CreateDeployment) or sourceUrl.");
                }

                var type = sourceUrlType ?? AmplifyJobVocabulary.Zip;
                if (type == AmplifyJobVocabulary.BucketPrefix && !sourceUrl.StartsWith("s3://", StringComparison.Ordinal))
                {
                    throw AmplifyErrors.BadRequest($"A BUCKET_PREFIX source must be an s3:// bucket and prefix, not {sourceUrl}.");
                }

                job = NewJob(branch, AmplifyJobVocabulary.Manual, now, "HEAD", "Manual deployment", now);
                job.SourceUrl = sourceUrl;
                job.SourceUrlType = type;
            }

            BeginNow(job, now);
            return ToSummary(job, now);
        }
    }

    private AmplifyJobState NewJob(
        AmplifyBranchState branch, string jobType, DateTimeOffset now, string commitId, string commitMessage, DateTimeOffset commitTime,
        DeploymentUpload? upload = null)
    {
        var job = new AmplifyJobState(branch, branch.NextJobNumber++, jobType, now)
        {
            CommitId = commitId,
            CommitMessage = commitMessage,
            CommitTime = commitTime,
            Upload = upload,
        };
        branch.Jobs.Add(job.Number, job);
        return job;
    }

    private void BeginNow(AmplifyJobState job, DateTimeOffset now) =>
        job.Begin(now, Scaled(PendingTime), Scaled(ProvisioningTime), Scaled(RunningTime), job.Branch.EffectiveOutcome);

    private static void RequireManual(AmplifyAppState app)
    {
        if (!app.IsManual)
        {
            throw AmplifyErrors.BadRequest(
                $"The app {app.AppId} is connected to a repository; deployments are only for manually deployed apps. Use StartJob.");
        }
    }

    private AmplifyAppState FindApp(string appId) =>
        apps.GetValueOrDefault(appId) ?? throw AmplifyErrors.NotFound($"App {appId} not found.");

    private AmplifyBranchState FindBranch(string appId, string branchName) =>
        FindApp(appId).Branches.GetValueOrDefault(branchName)
        ?? throw AmplifyErrors.NotFound($"Branch {branchName} not found for app {appId}.");

    private static AmplifyJobState FindJob(AmplifyBranchState branch, string jobId) =>
        (long.TryParse(jobId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? branch.Jobs.GetValueOrDefault(number) : null)
        ?? throw AmplifyErrors.NotFound($"Job {jobId} not found for branch {branch.BranchName} of app {branch.App.AppId}.");

    private TimeSpan Scaled(TimeSpan duration) => duration / runSpeed;

    /// <summary>The current time at the millisecond precision the wire carries.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string AppArn(string appId) => $"arn:aws:amplify:{Region}:{AccountId}:apps/{appId}";

    private static App ToApp(AmplifyAppState app) => new()
    {
        AppId = app.AppId,
        AppArn = AppArn(app.AppId),
        Name = app.Name,
        Tags = new Dictionary<string, string>(),
        Description = app.Description,
        Repository = app.Repository,
        Platform = app.Platform,
        CreateTime = app.CreateTime,
        UpdateTime = app.CreateTime,
        EnvironmentVariables = new Dictionary<string, string>(),
        DefaultDomain = $"{app.AppId}.amplifyapp.com",
        EnableBranchAutoBuild = !app.IsManual,
        EnableBranchAutoDeletion = false,
        EnableBasicAuth = false,
        ProductionBranch = app.Branches.Values.FirstOrDefault(branch => branch.Stage == "PRODUCTION") is { } production
            ? new ProductionBranch { BranchName = production.BranchName }
            : null,
    };

    private static Branch ToBranch(AmplifyBranchState branch)
    {
        var latest = branch.Jobs.Count == 0 ? null : branch.Jobs.Values.Last();
        return new Branch
        {
            BranchArn = $"{AppArn(branch.App.AppId)}/branches/{Uri.EscapeDataString(branch.BranchName)}",
            BranchName = branch.BranchName,
            Description = branch.Description,
            Tags = new Dictionary<string, string>(),
            Stage = branch.Stage,
            DisplayName = branch.BranchName.Replace('/', '-'),
            EnableNotification = false,
            CreateTime = branch.CreateTime,
            UpdateTime = branch.CreateTime,
            EnvironmentVariables = new Dictionary<string, string>(),
            EnableAutoBuild = !branch.App.IsManual,
            CustomDomains = [],
            Framework = "Web",
            ActiveJobId = latest?.JobId ?? "0",
            TotalNumberOfJobs = branch.Jobs.Count.ToString(CultureInfo.InvariantCulture),
            EnableBasicAuth = false,
            Ttl = "5",
            EnablePullRequestPreview = false,
        };
    }

    private static JobSummary ToSummary(AmplifyJobState job, DateTimeOffset now)
    {
        var snapshot = job.SnapshotAt(now);
        var branch = job.Branch;
        return new JobSummary
        {
            JobArn = $"{AppArn(branch.App.AppId)}/branches/{Uri.EscapeDataString(branch.BranchName)}/jobs/{job.Number:D10}",
            JobId = job.JobId,
            CommitId = job.CommitId,
            CommitMessage = job.CommitMessage,
            CommitTime = job.CommitTime,
            StartTime = snapshot.StartTime,
            Status = snapshot.Status,
            EndTime = snapshot.EndTime,
            JobType = job.JobType,
            SourceUrl = job.SourceUrl,
            SourceUrlType = job.SourceUrlType,
        };
    }

    /// <summary>One step once the job got past provisioning: BUILD for repository jobs, DEPLOY for manual ones.</summary>
    private static IReadOnlyList<Step> StepsOf(AmplifyJobState job, DateTimeOffset now)
    {
        var snapshot = job.SnapshotAt(now);
        if (snapshot.RunningSince is not { } runningSince)
        {
            return [];
        }

        return
        [
            new Step
            {
                StepName = job.JobType == AmplifyJobVocabulary.Manual ? "DEPLOY" : "BUILD",
                StartTime = runningSince,
                Status = snapshot.Status,
                EndTime = snapshot.EndTime ?? now,
            },
        ];
    }

    private static SortedDictionary<string, AmplifyAppState> Build(AmplifyData? data, DateTimeOffset now)
    {
        var result = new SortedDictionary<string, AmplifyAppState>(StringComparer.Ordinal);
        foreach (var appData in data?.Apps ?? [])
        {
            var appId = Check(appData.AppId, "appId", WireRules.AppId);
            var app = new AmplifyAppState(
                appId,
                Check(appData.Name, $"name of app {appId}", WireRules.Name),
                appData.Description ?? string.Empty,
                appData.Repository ?? string.Empty,
                Check(appData.Platform ?? "WEB", $"platform of app {appId}", WireRules.Platform),
                appData.CreateTime ?? now)
            {
                JobOutcome = CheckOutcome(appData.JobOutcome, appId) ?? AmplifyJobVocabulary.Succeed,
            };
            foreach (var branchData in appData.Branches)
            {
                var branchName = Check(branchData.BranchName, $"branchName in app {appId}", WireRules.BranchName);
                var branch = new AmplifyBranchState(
                    app,
                    branchName,
                    Check(branchData.Stage ?? "DEVELOPMENT", $"stage of branch {branchName}", WireRules.Stage),
                    branchData.Description ?? string.Empty,
                    app.CreateTime,
                    Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"amplify:{appId}/{branchName}")).AsSpan(0, 20)))
                {
                    JobOutcome = CheckOutcome(branchData.JobOutcome, $"{appId}/{branchName}"),
                };
                if (!app.Branches.TryAdd(branchName, branch))
                {
                    throw new InvalidDataException($"Branch {branchName} appears twice in Amplify app {appId}.");
                }

                var finished = branchData.FinishedJobs ?? 0;
                for (var index = 0; index < finished; index++)
                {
                    // One an hour, the newest ending well before the emulator started.
                    var startAt = now - TimeSpan.FromHours(finished - index);
                    var job = new AmplifyJobState(branch, branch.NextJobNumber++, app.IsManual ? AmplifyJobVocabulary.Manual : AmplifyJobVocabulary.Release, startAt)
                    {
                        CommitId = app.IsManual ? "HEAD" : branch.HeadCommitId,
                        CommitMessage = app.IsManual ? "Manual deployment" : $"Update {branchName}",
                        CommitTime = startAt,
                    };
                    job.Begin(startAt, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), branch.EffectiveOutcome);
                    branch.Jobs.Add(job.Number, job);
                }
            }

            if (!result.TryAdd(appId, app))
            {
                throw new InvalidDataException($"Amplify app {appId} appears twice.");
            }
        }

        return result;
    }

    private static string? CheckOutcome(string? outcome, string owner) =>
        outcome is null or AmplifyJobVocabulary.Succeed or AmplifyJobVocabulary.Failed
            ? outcome
            : throw new InvalidDataException($"jobOutcome of {owner} must be SUCCEED or FAILED, not '{outcome}'.");

    private static string Check(string? value, string member, StringConstraint constraint)
    {
        try
        {
            return RequestValidator.Required(value, member, constraint);
        }
        catch (ApiException exception)
        {
            throw new InvalidDataException($"Amplify data: {exception.Message}", exception);
        }
    }
}
