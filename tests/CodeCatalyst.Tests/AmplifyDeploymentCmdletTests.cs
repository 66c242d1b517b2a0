using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Start-CCAmplifyDeployment and Wait-CCAmplifyJob over real HTTP against the emulator, which checks every Amplify
    /// request's SigV4 signature: the issue's runbook, a local zip uploaded to the URL CreateDeployment gives (unsigned,
    /// never shown), failures of the file, the upload and the job, and -WhatIf.
    /// </summary>
    public sealed class AmplifyDeploymentCmdletTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private const string Keys = "-Region us-east-1 -AccessKey $args[0] -SecretKey $args[1]";
        private readonly EmulatorSession _session;
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "cc-amplify-deploy-" + Guid.NewGuid().ToString("N"));

        public AmplifyDeploymentCmdletTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
            Directory.CreateDirectory(_directory);
        }

        public void Dispose()
        {
            _session.Emulator.Reset();
            Directory.Delete(_directory, true);
        }

        private ScriptResult Run(string script, params object[] more) =>
            _session.Shell.Run(script, new object[] { SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey) }
                .Concat(more).ToArray());

        private string MakeZip(string name = "site.zip")
        {
            var path = Path.Combine(_directory, name);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                var entry = zip.CreateEntry("index.html");
                using var writer = new StreamWriter(entry.Open());
                writer.Write("<html><body>" + new string('x', 200_000) + "</body></html>");
            }

            return path;
        }

        /// <summary>A zip larger than one read buffer of the upload: random bytes, stored as they are.</summary>
        private string MakeIncompressibleZip(int bytes)
        {
            var path = Path.Combine(_directory, "assets.zip");
            var content = new byte[bytes];
            new Random(7).NextBytes(content);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            using (var entry = zip.CreateEntry("assets.bin", CompressionLevel.NoCompression).Open())
            {
                entry.Write(content, 0, content.Length);
            }

            return path;
        }

        [Fact]
        public void The_runbook_deploys_an_S3_bucket_prefix_and_waits_for_the_job_to_succeed()
        {
            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType BUCKET_PREFIX | " +
                             $"Wait-CCAmplifyJob {Keys} -PollIntervalSec 1");

            Assert.Empty(result.Errors);
            var job = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Amplify.Models.Job", job.BaseObject.GetType().FullName);
            Assert.Equal("SUCCEED", job.Properties["Status"].Value);
            Assert.Equal(SampleData.AmplifyManualAppId, job.Properties["AppId"].Value);
            var start = Assert.Single(_session.Emulator.Requests, r => r.Operation == "StartDeployment");
            using var body = JsonDocument.Parse(start.Body!);
            Assert.Equal("BUCKET_PREFIX", body.RootElement.GetProperty("sourceUrlType").GetString());
            Assert.Equal("s3://bucket/site/", body.RootElement.GetProperty("sourceUrl").GetString());
            var jobId = (string)job.Properties["JobId"].Value;
            Assert.Contains(result.Progress, p => p.StatusDescription != null && p.StatusDescription.StartsWith($"Job {jobId}: ") &&
                                                  p.StatusDescription.EndsWith(" elapsed"));
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }

        [Fact]
        public void A_local_zip_is_uploaded_unsigned_to_the_upload_URL_which_no_stream_shows_then_deployed()
        {
            var zip = MakeZip();

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2] -Verbose -Debug", zip);

            Assert.Empty(result.Errors);
            var summary = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Amplify.Models.JobSummary", summary.BaseObject.GetType().FullName);
            Assert.Equal(SampleData.AmplifyMainBranch, summary.Properties["BranchName"].Value);
            var jobId = (string)summary.Properties["JobId"].Value;
            var requests = _session.Emulator.Requests.ToList();
            Assert.Equal(new[] { "CreateDeployment", "AmplifyDeploymentUpload", "StartDeployment" }, requests.Select(r => r.Operation));
            var upload = requests[1];
            Assert.Equal("PUT", upload.Method);
            Assert.Equal(200, upload.StatusCode);
            Assert.False(upload.HadAuthorizationHeader, "a pre-signed upload must not be signed with the Amplify credentials");
            Assert.True(requests[0].HadAuthorizationHeader && requests[2].HadAuthorizationHeader);
            Assert.Contains($"\"jobId\":\"{jobId}\"", requests[2].Body);
            var uploadId = upload.Path.Split('/').Last();
            Assert.DoesNotContain(uploadId, result.AllText());
            Assert.Contains(result.Progress, p => p.Activity.StartsWith("Uploading site.zip for Amplify deployment job"));

            var waited = Run($"Wait-CCAmplifyJob {Keys} -AppId d2abc -BranchName main -JobId $args[2] -PollIntervalSec 1", jobId);
            Assert.Empty(waited.Errors);
            Assert.Equal("SUCCEED", Assert.Single(waited.Output).Properties["Status"].Value);
        }

        [Fact]
        public void A_missing_file_a_directory_and_a_file_that_is_no_zip_are_errors_before_any_request()
        {
            var notZip = Path.Combine(_directory, "notes.txt");
            File.WriteAllText(notZip, "this is not a zip file, it only has a .txt name and some text in it");

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2]; " +
                             $"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[3]; " +
                             $"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[4]",
                Path.Combine(_directory, "missing.zip"), _directory, notZip);

            Assert.Empty(result.Output);
            Assert.Equal(new[] { "ZipFileNotFound", "ZipFileIsDirectory", "NotAZipFile" },
                result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            Assert.Equal(ErrorCategory.InvalidData, result.Errors[2].CategoryInfo.Category);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void A_refused_upload_leaves_the_job_unstarted_and_says_so_without_the_URL()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 403, PathContains = "/_amplify-uploads/", ErrorType = "AccessDenied" });
            var zip = MakeZip();

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2]", zip);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ZipUploadRefused,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("HTTP 403", error.Exception.Message);
            Assert.Contains("was created but not started", error.Exception.Message);
            Assert.Equal(0, _session.ApiRequestCount("StartDeployment"));
            var upload = Assert.Single(_session.Emulator.Requests, r => r.Operation == "AmplifyDeploymentUpload");
            Assert.DoesNotContain(upload.Path.Split('/').Last(), result.AllText() + error.Exception);
        }

        [Fact]
        public void A_503_on_the_upload_is_retried_with_the_whole_file_and_the_deployment_starts()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, PathContains = "/_amplify-uploads/", ErrorType = "SlowDown", Message = "Please reduce your request rate." });
            var zip = MakeIncompressibleZip(300_000);

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2] -Verbose", zip);

            Assert.Empty(result.Errors);
            var jobId = (string)Assert.Single(result.Output).Properties["JobId"].Value;
            var requests = _session.Emulator.Requests.ToList();
            Assert.Equal(new[] { "CreateDeployment", "AmplifyDeploymentUpload", "AmplifyDeploymentUpload", "StartDeployment" }, requests.Select(r => r.Operation));
            Assert.Equal(503, requests[1].StatusCode);
            Assert.Equal(200, requests[2].StatusCode);
            // The service started the job, which it does only once the whole zip has arrived.
            Assert.Equal(200, requests[3].StatusCode);
            Assert.Contains($"\"jobId\":\"{jobId}\"", requests[3].Body);
            Assert.Contains(result.Verbose, v => v.Message.Contains("refused with HTTP 503") && v.Message.Contains("Sending the whole file again") &&
                                                 v.Message.Contains("(attempt 2 of 3)"));
            Assert.DoesNotContain(requests[1].Path.Split('/').Last(), result.AllText());
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }

        [Fact]
        public void A_dropped_connection_during_the_upload_is_retried_and_the_deployment_starts()
        {
            _session.Emulator.InjectFaults(new FaultSpec { DropConnection = true, PathContains = "/_amplify-uploads/" });
            var zip = MakeZip();

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2]", zip);

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            Assert.Equal(2, _session.ApiRequestCount("AmplifyDeploymentUpload"));
            Assert.Equal(1, _session.ApiRequestCount("StartDeployment"));
        }

        [Fact]
        public void An_upload_failing_on_every_attempt_is_a_typed_error_naming_the_job_left_unstarted()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, PathContains = "/_amplify-uploads/", Count = 10 });
            var zip = MakeZip();

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2]", zip);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ZipUploadRefused,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal("CodeCatalyst.CodeCatalystAmplifyUploadException", error.Exception.GetType().FullName);
            var newest = Assert.Single(Run($"Get-CCAmplifyJob {Keys} -AppId d2abc -BranchName main -First 1").Output);
            Assert.Equal("CREATED", newest.Properties["Status"].Value);
            var jobId = (string)newest.Properties["JobId"].Value;
            Assert.Equal(jobId, error.Exception.GetType().GetProperty("JobId")!.GetValue(error.Exception));
            Assert.Equal(3, error.Exception.GetType().GetProperty("Attempts")!.GetValue(error.Exception));
            Assert.Contains($"Deployment job {jobId} on branch main of app d2abc was created but not started", error.Exception.Message);
            Assert.Contains("HTTP 503", error.Exception.Message);
            Assert.Contains("It failed on all 3 attempts.", error.Exception.Message);
            Assert.Equal(3, _session.ApiRequestCount("AmplifyDeploymentUpload"));
            Assert.Equal(1, _session.ApiRequestCount("CreateDeployment"));
            Assert.Equal(0, _session.ApiRequestCount("StartDeployment"));
            var upload = _session.Emulator.Requests.First(r => r.Operation == "AmplifyDeploymentUpload");
            Assert.DoesNotContain(upload.Path.Split('/').Last(), result.AllText() + error.Exception);
        }

        [Fact]
        public void A_failed_job_is_written_and_also_an_AmplifyJobFailed_error_carrying_it()
        {
            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName dev -SourceUrl https://example.com/site.zip | " +
                             $"Wait-CCAmplifyJob {Keys} -PollIntervalSec 1");

            Assert.Equal("FAILED", Assert.Single(result.Output).Properties["Status"].Value);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AmplifyJobFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Equal("CodeCatalyst.CodeCatalystAmplifyJobException", error.Exception.GetType().FullName);
            var carried = error.Exception.GetType().GetProperty("Job")!.GetValue(error.Exception);
            Assert.NotNull(carried);
            Assert.Equal("FAILED", PSObject.AsPSObject(carried).Properties["Status"].Value);
            Assert.Same(carried, error.TargetObject);
        }

        [Fact]
        public void SourceUrlType_outside_the_models_enum_is_refused_before_the_wire_and_any_case_is_sent_upper_case()
        {
            var bad = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType FOLDER");
            Assert.Contains("ParameterArgumentValidationError", Assert.Single(bad.Errors).FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());

            var lower = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType bucket_prefix");
            Assert.Empty(lower.Errors);
            Assert.Contains("\"sourceUrlType\":\"BUCKET_PREFIX\"", Assert.Single(_session.Emulator.Requests).Body);
        }

        [Fact]
        public void The_parameters_ValidateSet_is_the_models_SourceUrlType_enum()
        {
            var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "CodeCatalyst", "Amplify", "Wire", "amplify.spec.json")));
            var modelValues = FindShape(spec.RootElement, "SourceUrlType").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToArray();
            var set = Run("(Get-Command Start-CCAmplifyDeployment).Parameters['SourceUrlType'].Attributes | " +
                          "Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues }");
            Assert.Equal(modelValues.OrderBy(v => v), set.Output.Select(o => (string)o.BaseObject).OrderBy(v => v));
        }

        private static JsonElement FindShape(JsonElement element, string name)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == name && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("enum", out _)) return property.Value;
                    var found = FindShape(property.Value, name);
                    if (found.ValueKind != JsonValueKind.Undefined) return found;
                }
            }

            return default;
        }

        [Fact]
        public void WhatIf_names_the_branch_and_app_and_sends_nothing()
        {
            var zip = MakeZip();

            var result = Run($"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -Path $args[2] -WhatIf; " +
                             $"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -JobId 7 -WhatIf; " +
                             $"Start-CCAmplifyDeployment {Keys} -AppId d2abc -BranchName main -SourceUrl 'https://example.com/s.zip?X-Amz-Signature=abc' -WhatIf", zip);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());
            Assert.Empty(_session.Emulator.Requests);
        }
    }

    /// <summary>The waits and the upload against a scripted server: timeouts, Ctrl+C, CANCELLED, and what the upload PUT carries.</summary>
    public sealed class AmplifyJobWaitStubTests : IDisposable
    {
        private const string Where = "-Region us-east-1 -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $args[1] -EndpointUrl $args[0] -AppId d2abc -BranchName main";
        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        private static string JobJson(string status) =>
            "{\"job\":{\"summary\":{\"jobArn\":\"arn:aws:amplify:us-east-1:123456789012:apps/d2abc/branches/main/jobs/0000000009\"," +
            "\"jobId\":\"9\",\"commitId\":\"HEAD\",\"commitMessage\":\"Manual deployment\",\"commitTime\":1767225600," +
            $"\"startTime\":1767225600,\"status\":\"{status}\",\"jobType\":\"MANUAL\"}},\"steps\":[]}}}}";

        private Task<ScriptResult> RunBounded(string script, Uri endpoint, params object[] more) =>
            _shell.RunAsync(script, null, new object[] { endpoint, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey) }.Concat(more).ToArray())
                .WaitAsync(TimeSpan.FromSeconds(60));

        [Fact]
        public async Task A_cancelled_job_is_written_with_an_AmplifyJobCancelled_error()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(JobJson("CANCELLED")));

            var result = await RunBounded($"Wait-CCAmplifyJob {Where} -JobId 9", stub.BaseAddress);

            Assert.Equal("CANCELLED", Assert.Single(result.Output).Properties["Status"].Value);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AmplifyJobCancelled,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationStopped, error.CategoryInfo.Category);
        }

        [Fact]
        public async Task TimeoutSec_bounds_the_whole_wait_even_when_the_server_never_answers()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());
            var stopwatch = Stopwatch.StartNew();

            var result = await RunBounded($"Wait-CCAmplifyJob {Where} -JobId 9 -TimeoutSec 2", stub.BaseAddress);

            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"the wait took {stopwatch.Elapsed}");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AmplifyJobWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains("no status was received", error.Exception.Message);
        }

        [Fact]
        public async Task Ctrl_C_stops_a_long_wait_at_once()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(JobJson("RUNNING")));
            var stopwatch = new Stopwatch();

            var result = await _shell.RunAsync($"Wait-CCAmplifyJob {Where} -JobId 9 -PollIntervalSec 600",
                shell => Task.Delay(1500).ContinueWith(_ =>
                {
                    stopwatch.Start();
                    shell.Stop();
                    stopwatch.Stop();
                }), stub.BaseAddress, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey)).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.Empty(result.Output);
        }

        /// <summary>A stub of CreateDeployment, StartDeployment and the upload URL, whose PUTs answer as <paramref name="put"/> says for the n-th (1-based).</summary>
        private static ScriptedHttpStub DeploymentStub(Func<int, StubResponse> put)
        {
            Uri? self = null;
            var puts = 0;
            var stub = new ScriptedHttpStub(request =>
                request.Method == "POST" && request.Target.EndsWith("/deployments")
                    ? StubResponse.Json($"{{\"jobId\":\"9\",\"fileUploadUrls\":{{}},\"zipUploadUrl\":\"{self}bucket/d2abc/main/9.zip?X-Amz-Signature=0123456789abcdef\"}}")
                    : request.Method == "PUT"
                        ? put(System.Threading.Interlocked.Increment(ref puts))
                        : StubResponse.Json("{\"jobSummary\":{\"jobArn\":\"arn:aws:amplify:us-east-1:123456789012:apps/d2abc/branches/main/jobs/0000000009\"," +
                                            "\"jobId\":\"9\",\"commitId\":\"HEAD\",\"commitMessage\":\"m\",\"commitTime\":1767225600,\"startTime\":1767225600," +
                                            "\"status\":\"PENDING\",\"jobType\":\"MANUAL\"}}"));
            self = stub.BaseAddress;
            return stub;
        }

        private static StubResponse S3Error(int status, string code) => new()
        {
            Status = status,
            Reason = "Error",
            Body = System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code} from S3</Message></Error>"),
            Headers = new[] { new System.Collections.Generic.KeyValuePair<string, string>("Content-Type", "application/xml") },
        };

        private static string TempZip(int bytes)
        {
            var zip = Path.Combine(Path.GetTempPath(), "cc-stub-" + Guid.NewGuid().ToString("N") + ".zip");
            var content = new byte[bytes];
            new Random(11).NextBytes(content);
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            using (var entry = archive.CreateEntry("assets.bin", CompressionLevel.NoCompression).Open())
            {
                entry.Write(content, 0, content.Length);
            }

            return zip;
        }

        [Fact]
        public async Task An_upload_attempt_that_times_out_or_meets_S3s_RequestTimeout_is_sent_again_whole_from_the_start()
        {
            using var stub = DeploymentStub(n => n == 1 ? StubResponse.Never() : n == 2 ? S3Error(400, "RequestTimeout") : StubResponse.Json("{}"));
            var zip = TempZip(200_000);
            try
            {
                var result = await RunBounded($"Start-CCAmplifyDeployment {Where} -Path $args[2] -UploadTimeoutSec 1 -Verbose", stub.BaseAddress, zip);

                Assert.Empty(result.Errors);
                Assert.Equal("9", Assert.Single(result.Output).Properties["JobId"].Value);
                var puts = stub.Requests.Where(r => r.Method == "PUT").ToList();
                Assert.Equal(3, puts.Count);
                var whole = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(zip));
                Assert.All(puts, put =>
                {
                    Assert.Equal(new FileInfo(zip).Length.ToString(), put.Headers["Content-Length"]);
                    Assert.Equal(whole, put.Body);
                });
                Assert.Contains(result.Verbose, v => v.Message.Contains("did not end within 1 s") && v.Message.Contains("(attempt 2 of 3)"));
                Assert.Contains(result.Verbose, v => v.Message.Contains("HTTP 400: RequestTimeout") && v.Message.Contains("(attempt 3 of 3)"));
                Assert.Single(stub.Requests, r => r.Target.EndsWith("/deployments/start"));
                Assert.DoesNotContain("0123456789abcdef", result.AllText());
            }
            finally
            {
                File.Delete(zip);
            }
        }

        [Fact]
        public async Task The_upload_is_sent_at_most_as_often_as_the_attempt_limit_Connect_CCAccount_sets()
        {
            using var stub = DeploymentStub(_ => S3Error(503, "SlowDown"));
            var zip = TempZip(1_000);
            try
            {
                var result = await RunBounded(
                    "$null = Connect-CCAccount -EndpointUrl $args[0] -Token $args[1] -MaxAttempts 2 -SkipVerification; " +
                    $"try {{ Start-CCAmplifyDeployment {Where} -Path $args[2] }} finally {{ Disconnect-CCAccount }}", stub.BaseAddress, zip);

                var error = Assert.Single(result.Errors);
                Assert.StartsWith("ZipUploadRefused,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
                Assert.Contains("HTTP 503: SlowDown", error.Exception.Message);
                Assert.Contains("It failed on all 2 attempts.", error.Exception.Message);
                Assert.Equal(2, stub.Requests.Count(r => r.Method == "PUT"));
            }
            finally
            {
                File.Delete(zip);
            }
        }

        [Fact]
        public async Task An_upload_refused_with_another_4xx_is_not_sent_again_and_the_job_is_named()
        {
            using var stub = DeploymentStub(_ => S3Error(400, "BadDigest"));
            var zip = TempZip(1_000);
            try
            {
                var result = await RunBounded($"Start-CCAmplifyDeployment {Where} -Path $args[2]", stub.BaseAddress, zip);

                var error = Assert.Single(result.Errors);
                Assert.StartsWith("ZipUploadRefused,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Contains("HTTP 400: BadDigest", error.Exception.Message);
                Assert.Contains("Deployment job 9 on branch main of app d2abc was created but not started", error.Exception.Message);
                Assert.Single(stub.Requests, r => r.Method == "PUT");
                Assert.DoesNotContain(stub.Requests, r => r.Target.EndsWith("/deployments/start"));
            }
            finally
            {
                File.Delete(zip);
            }
        }

        [Fact]
        public async Task The_upload_PUT_carries_the_zip_as_application_zip_and_no_Authorization_and_its_query_is_never_shown()
        {
            const string signature = "f00dfeedc0ffee0123456789abcdef0123456789abcdef0123456789abcdef01";
            Uri? self = null;
            using var stub = new ScriptedHttpStub(request =>
                request.Method == "POST" && request.Target.EndsWith("/deployments")
                    ? StubResponse.Json($"{{\"jobId\":\"9\",\"fileUploadUrls\":{{}},\"zipUploadUrl\":\"{self}bucket/d2abc/main/9.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={signature}\"}}")
                    : request.Method == "PUT"
                        ? StubResponse.Json("{}")
                        : StubResponse.Json("{\"jobSummary\":{\"jobArn\":\"arn:aws:amplify:us-east-1:123456789012:apps/d2abc/branches/main/jobs/0000000009\"," +
                                            "\"jobId\":\"9\",\"commitId\":\"HEAD\",\"commitMessage\":\"m\",\"commitTime\":1767225600,\"startTime\":1767225600," +
                                            "\"status\":\"PENDING\",\"jobType\":\"MANUAL\"}}"));
            self = stub.BaseAddress;
            var zip = Path.Combine(Path.GetTempPath(), "cc-stub-" + Guid.NewGuid().ToString("N") + ".zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create)) archive.CreateEntry("index.html");
            try
            {
                var result = await RunBounded($"Start-CCAmplifyDeployment {Where} -Path $args[2] -Verbose -Debug", stub.BaseAddress, zip);

                Assert.Empty(result.Errors);
                Assert.Equal("9", Assert.Single(result.Output).Properties["JobId"].Value);
                var put = Assert.Single(stub.Requests, r => r.Method == "PUT");
                Assert.False(put.Headers.ContainsKey("Authorization"));
                Assert.False(put.Headers.ContainsKey("X-Amz-Date"));
                Assert.Equal("application/zip", put.Headers["Content-Type"]);
                Assert.Equal(new FileInfo(zip).Length.ToString(), put.Headers["Content-Length"]);
                Assert.Equal(signature, put.Query("X-Amz-Signature"));
                Assert.Contains("\"jobId\":\"9\"", Assert.Single(stub.Requests, r => r.Target.EndsWith("/deployments/start")).Body);
                Assert.DoesNotContain(signature, result.AllText());
            }
            finally
            {
                File.Delete(zip);
            }
        }
    }
}
