using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>An emulator whose Amplify jobs take long enough (seconds) that a test can stop one while it runs.</summary>
    public sealed class SlowAmplifyJobsSession : EmulatorSession
    {
        protected override double RunSpeed => 0.1;
    }

    /// <summary>
    /// Start-CCAmplifyJob, Stop-CCAmplifyJob and Remove-CCAmplifyJob over real HTTP against the emulator: what each
    /// sends, -WhatIf/-Confirm/-Force, the pipeline, input refused before the wire, and that StartJob, which has no
    /// idempotency token, is never sent twice once it may have reached the service.
    /// </summary>
    public sealed class AmplifyJobChangeTests : IClassFixture<SlowAmplifyJobsSession>, IDisposable
    {
        private const string Keys = "-Region us-east-1 -AccessKey $args[0] -SecretKey $args[1]";
        private const string App = SampleData.AmplifyRepositoryAppId;
        private const string Manual = SampleData.AmplifyManualAppId;
        private const string Main = SampleData.AmplifyMainBranch;
        private readonly SlowAmplifyJobsSession _session;

        public AmplifyJobChangeTests(SlowAmplifyJobsSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose() => _session.Emulator.Reset();

        private ScriptResult Run(string script) =>
            Shell.Run(script, SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));

        private List<string> JobIds(string app = App, string branch = Main) =>
            Run($"Get-CCAmplifyJob {Keys} -AppId {app} -BranchName {branch} | ForEach-Object JobId").Output
                .Select(id => (string)id.BaseObject).ToList();

        private string? StartJobBody() => _session.Emulator.Requests.Single(r => r.Operation == "StartJob").Body;

        // ---- Start-CCAmplifyJob ----

        [Fact]
        public void Start_RELEASE_writes_the_new_job_with_its_app_and_branch_and_the_service_lists_it()
        {
            var before = JobIds();
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE -JobReason 'hotfix' -CommitMessage 'Fix footer'");

            Assert.Empty(result.Errors);
            var job = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Amplify.Models.JobSummary", job.BaseObject.GetType().FullName);
            Assert.Equal(App, job.Properties["AppId"].Value);
            Assert.Equal(Main, job.Properties["BranchName"].Value);
            Assert.Equal("RELEASE", job.Properties["JobType"].Value);
            Assert.Equal("Fix footer", job.Properties["CommitMessage"].Value);
            Assert.Equal(before.Count + 1, JobIds().Count);
            Assert.Contains((string)job.Properties["JobId"].Value, JobIds());
            using var body = JsonDocument.Parse(StartJobBody()!);
            Assert.Equal("hotfix", body.RootElement.GetProperty("jobReason").GetString());
            Assert.False(body.RootElement.TryGetProperty("jobId", out _));
        }

        [Fact]
        public void Start_accepts_the_job_type_in_any_case_and_sends_the_models_spelling()
        {
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType web_hook -CommitTime (([datetimeoffset]'2024-10-01T12:00:00Z').UtcDateTime)");

            Assert.Empty(result.Errors);
            using var body = JsonDocument.Parse(StartJobBody()!);
            Assert.Equal("WEB_HOOK", body.RootElement.GetProperty("jobType").GetString());
            Assert.Equal(1727784000, body.RootElement.GetProperty("commitTime").GetDouble());
        }

        [Fact]
        public void The_job_types_offered_are_exactly_the_models_JobType_enum()
        {
            var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "CodeCatalyst", "Amplify", "Wire", "amplify.spec.json")));
            var modelEnum = FindShape(spec.RootElement, "JobType").GetProperty("enum").EnumerateArray().Select(value => value.GetString()!).ToList();
            var offered = ((IEnumerable<object>)Run("(Get-Command Start-CCAmplifyJob).Parameters['JobType'].Attributes | " +
                    "Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues").Output
                .Select(value => value.BaseObject)).Cast<string>().ToList();

            Assert.Equal(modelEnum.OrderBy(v => v, StringComparer.Ordinal), offered.OrderBy(v => v, StringComparer.Ordinal));
        }

        [Fact]
        public void A_job_type_outside_the_model_is_refused_before_the_wire()
        {
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType DEPLOY");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ParameterArgumentValidationError,CodeCatalyst.Cmdlets.Amplify.StartCCAmplifyJobCommand", error.FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void RETRY_without_a_job_id_and_a_job_id_without_RETRY_are_refused_before_the_wire()
        {
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RETRY; " +
                             $"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE -JobId 1");

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.StartsWith("RetryNeedsJobId,", result.Errors[0].FullyQualifiedErrorId);
            Assert.StartsWith("JobIdNeedsRetry,", result.Errors[1].FullyQualifiedErrorId);
            Assert.Equal(Main, result.Errors[0].TargetObject);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void A_piped_job_with_RETRY_retries_that_job()
        {
            var newest = JobIds()[0];
            _session.Emulator.ClearRequests();
            var result = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -First 1 | Start-CCAmplifyJob {Keys} -JobType RETRY");

            Assert.Empty(result.Errors);
            var retry = Assert.Single(result.Output);
            Assert.Equal("RETRY", retry.Properties["JobType"].Value);
            using var body = JsonDocument.Parse(StartJobBody()!);
            Assert.Equal("RETRY", body.RootElement.GetProperty("jobType").GetString());
            Assert.Equal(newest, body.RootElement.GetProperty("jobId").GetString());
        }

        [Fact]
        public void A_piped_job_with_RELEASE_starts_a_new_release_of_its_branch_without_sending_its_id()
        {
            var result = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -First 1 | Start-CCAmplifyJob {Keys} -JobType RELEASE");

            Assert.Empty(result.Errors);
            Assert.Equal("RELEASE", Assert.Single(result.Output).Properties["JobType"].Value);
            using var body = JsonDocument.Parse(StartJobBody()!);
            Assert.False(body.RootElement.TryGetProperty("jobId", out _));
        }

        [Fact]
        public void A_piped_branch_starts_a_job_on_that_branch()
        {
            var result = Run($"Get-CCAmplifyBranch {Keys} -AppId {Manual} -BranchName {Main} | Start-CCAmplifyJob {Keys} -JobType MANUAL");

            Assert.Empty(result.Errors);
            var job = Assert.Single(result.Output);
            Assert.Equal(Manual, job.Properties["AppId"].Value);
            Assert.Equal(Main, job.Properties["BranchName"].Value);
            Assert.Equal("MANUAL", job.Properties["JobType"].Value);
        }

        [Fact]
        public void Start_WhatIf_sends_nothing_but_still_refuses_bad_input()
        {
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE -WhatIf; " +
                             $"Start-CCAmplifyJob {Keys} -AppId NOT-AN-APP -BranchName {Main} -JobType RELEASE -WhatIf");

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        // ---- StartJob has no idempotency token: never sent twice once it may have acted ----

        [Fact]
        public void Start_failing_with_a_server_error_after_the_service_acted_is_not_retried_and_starts_exactly_one_job()
        {
            var before = JobIds();
            _session.Emulator.ClearRequests();
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 500, AfterHandling = true, PathContains = $"/apps/{App}/branches/{Main}/jobs" });

            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE");

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("not sent again", error.ErrorDetails.RecommendedAction);
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "StartJob");
            Assert.Equal(before.Count + 1, JobIds().Count);
        }

        [Fact]
        public void Start_whose_connection_drops_after_the_service_acted_is_not_retried_and_starts_exactly_one_job()
        {
            var before = JobIds();
            _session.Emulator.ClearRequests();
            _session.Emulator.InjectFaults(new FaultSpec { DropConnection = true, AfterHandling = true, PathContains = $"/apps/{App}/branches/{Main}/jobs" });

            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE");

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("not sent again", error.Exception.Message);
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "StartJob");
            Assert.Equal(before.Count + 1, JobIds().Count);
        }

        [Fact]
        public void Start_throttled_by_the_service_is_retried_and_starts_exactly_one_job()
        {
            var before = JobIds();
            _session.Emulator.ClearRequests();
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 429, RetryAfterSeconds = 0, PathContains = $"/apps/{App}/branches/{Main}/jobs" });

            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE");

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            Assert.Equal(new[] { 429, 200 }, _session.Emulator.Requests.Where(r => r.Operation == "StartJob").Select(r => r.StatusCode));
            Assert.Equal(before.Count + 1, JobIds().Count);
        }

        [Fact]
        public void The_retry_rule_knows_every_Amplify_operation_and_the_two_services_share_no_operation_name()
        {
            var lookup = ModuleType("CodeCatalyst.Wire.OperationLookup");
            var services = (Array)lookup.GetField("Services", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            var names = services.Cast<Array>().Select(service => service.Cast<object>().Select(Name).ToList()).ToList();
            Assert.Empty(names[0].Intersect(names[1]));

            var forName = lookup.GetMethod("For", BindingFlags.Public | BindingFlags.Static)!;
            bool SentAtMostOnce(string operation)
            {
                var info = forName.Invoke(null, new object[] { operation })!;
                return (bool)info.GetType().GetProperty("SentAtMostOnce")!.GetValue(info)!;
            }

            Assert.All(new[] { "StartJob", "StopJob", "DeleteJob", "CreateDeployment", "StartDeployment" }, operation => Assert.True(SentAtMostOnce(operation), operation));
            Assert.All(new[] { "ListJobs", "GetJob", "GetApp", "GetBranch" }, operation => Assert.False(SentAtMostOnce(operation), operation));
            Assert.True(SentAtMostOnce("CreateAccessToken"));

            static string Name(object info) => (string)info.GetType().GetProperty("Name")!.GetValue(info)!;
        }

        // ---- Stop-CCAmplifyJob ----

        [Fact]
        public void Stop_a_running_job_piped_from_Start_answers_CANCELLING_and_it_ends_CANCELLED()
        {
            var result = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE | Stop-CCAmplifyJob {Keys}");

            Assert.Empty(result.Errors);
            var stopped = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Amplify.Models.JobSummary", stopped.BaseObject.GetType().FullName);
            Assert.Equal("CANCELLING", stopped.Properties["Status"].Value);
            Assert.Equal(App, stopped.Properties["AppId"].Value);
            var request = _session.Emulator.Requests.Single(r => r.Operation == "StopJob");
            Assert.Equal($"/apps/{App}/branches/{Main}/jobs/{stopped.Properties["JobId"].Value}/stop", request.Path);
        }

        [Fact]
        public void Stop_WhatIf_names_the_job_and_sends_nothing_and_a_finished_job_is_refused_with_its_id()
        {
            var jobId = JobIds()[0];
            _session.Emulator.ClearRequests();

            var whatIf = Run($"Stop-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId {jobId} -WhatIf");
            Assert.Empty(whatIf.Errors);
            Assert.Equal(0, _session.ApiRequestCount());

            var finished = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId {jobId} | Stop-CCAmplifyJob {Keys}");
            var error = Assert.Single(finished.Errors);
            Assert.Equal(jobId, error.TargetObject);
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "StopJob");
        }

        [Fact]
        public void Stop_of_a_job_that_already_ended_is_InvalidOperation_saying_there_is_nothing_to_stop()
        {
            var started = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE | Stop-CCAmplifyJob {Keys} | ForEach-Object JobId");
            var jobId = (string)Assert.Single(started.Output).BaseObject;
            Assert.Empty(started.Errors);

            // Asked to stop, the job is CANCELLING and then CANCELLED: either way it can no longer be stopped.
            var again = Run($"Stop-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId {jobId}");

            var error = Assert.Single(again.Errors);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.StartsWith("BadRequestException,", error.FullyQualifiedErrorId);
            Assert.Equal(jobId, error.TargetObject);
            Assert.Contains("StopJob failed", error.Exception.Message);
            Assert.Contains("only a PENDING, PROVISIONING or RUNNING job can be stopped", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-CCAmplifyJob", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, _session.ApiRequestCount("StopJob"));
        }

        // ---- Remove-CCAmplifyJob ----

        [Fact]
        public void Remove_with_Force_deletes_a_finished_job_and_PassThru_writes_it()
        {
            var ids = JobIds();
            var jobId = ids[0];

            var result = Run($"Remove-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId {jobId} -Force -PassThru");

            Assert.Empty(result.Errors);
            Assert.Equal(jobId, Assert.Single(result.Output).Properties["JobId"].Value);
            Assert.DoesNotContain(jobId, JobIds());
            Assert.Equal(ids.Count - 1, JobIds().Count);
        }

        [Fact]
        public void Remove_of_piped_jobs_without_PassThru_writes_nothing_and_WhatIf_deletes_nothing()
        {
            var ids = JobIds();

            var whatIf = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} | Remove-CCAmplifyJob {Keys} -Force -WhatIf");
            Assert.Empty(whatIf.Errors);
            Assert.Equal(0, _session.ApiRequestCount("DeleteJob"));
            Assert.Equal(ids, JobIds());

            var removed = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -First 2 | Remove-CCAmplifyJob {Keys} -Force");
            Assert.Empty(removed.Errors);
            Assert.Empty(removed.Output);
            Assert.Equal(ids.Skip(2), JobIds());
        }

        [Fact]
        public void Remove_is_High_impact_and_Start_and_Stop_are_Medium()
        {
            var impacts = Run("'Start-CCAmplifyJob', 'Stop-CCAmplifyJob', 'Remove-CCAmplifyJob' | ForEach-Object { " +
                              "(Get-Command $_).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString() }").Output
                .Select(value => (string)value.BaseObject);

            Assert.Equal(new[] { "Medium", "Medium", "High" }, impacts);
        }

        [Fact]
        public void Remove_of_a_running_job_is_refused_and_the_job_stays()
        {
            var started = Run($"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE | ForEach-Object JobId");
            var jobId = (string)Assert.Single(started.Output).BaseObject;

            var result = Run($"Remove-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId {jobId} -Force");

            var error = Assert.Single(result.Errors);
            Assert.Equal(jobId, error.TargetObject);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.StartsWith("BadRequestException,", error.FullyQualifiedErrorId);
            Assert.Contains("DeleteJob failed", error.Exception.Message);
            Assert.Contains("Wait-CCAmplifyJob", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Stop-CCAmplifyJob", error.ErrorDetails.RecommendedAction);
            Assert.Contains(jobId, JobIds());
        }

        [Fact]
        public void A_bad_request_is_a_state_error_only_for_Stop_and_Remove_whatever_the_message_says()
        {
            // The same 400, worded the same, from operations whose input the service may still reject.
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 400, ErrorType = "BadRequestException", Message = "Job cannot be stopped", Count = 3 });

            var result = Run($"Get-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId 1; " +
                             $"Start-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobType RELEASE; " +
                             $"Stop-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId 1");

            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.StartsWith("BadRequestException,", error.FullyQualifiedErrorId));
            Assert.Equal(new[] { ErrorCategory.InvalidArgument, ErrorCategory.InvalidArgument, ErrorCategory.InvalidOperation },
                result.Errors.Select(error => error.CategoryInfo.Category));
            Assert.Contains("Correct the input", result.Errors[1].ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_missing_job_is_ObjectNotFound_for_that_id_and_the_next_id_is_still_handled()
        {
            var jobId = JobIds()[0];

            var result = Run($"Remove-CCAmplifyJob {Keys} -AppId {App} -BranchName {Main} -JobId 999999, {jobId} -Force -PassThru");

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("999999", error.TargetObject);
            Assert.Equal(jobId, Assert.Single(result.Output).Properties["JobId"].Value);
        }

        private static JsonElement FindShape(JsonElement root, string name)
        {
            if (root.GetProperty("shapes").TryGetProperty(name, out var shape)) return shape;
            throw new InvalidOperationException($"no shape {name} in the spec");
        }

        private static Type ModuleType(string name) =>
            ImportedModule.Assembly.GetType(name, throwOnError: true)!;
    }
}
