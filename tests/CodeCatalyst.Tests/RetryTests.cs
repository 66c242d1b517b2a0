using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Retries over real sockets: transient failures are absorbed, and a retried start never starts two runs.</summary>
    public sealed class RetryTests : IClassFixture<EmulatorSession>
    {
        private readonly EmulatorSession _session;

        public RetryTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private const string StartScript =
            "Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -Verbose";

        [Fact]
        public void Start_retried_after_two_503s_starts_exactly_one_run_with_one_client_token()
        {
            var before = CountRuns(SampleData.LintWorkflowId);
            _session.Emulator.ClearRequests();
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, Count = 2, PathContains = "/workflowRuns" });

            var result = _session.Shell.Run(StartScript, SampleData.LintWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            var starts = _session.Emulator.Requests.Where(r => r.Operation == "StartWorkflowRun").ToList();
            Assert.Equal(3, starts.Count);
            Assert.Equal(new[] { 503, 503, 200 }, starts.Select(r => r.StatusCode));
            Assert.Single(starts.Select(r => r.Body).Distinct());
            Assert.Matches("\"clientToken\":\"[0-9a-f]{32}\"", starts[0].Body);
            Assert.Equal(before + 1, CountRuns(SampleData.LintWorkflowId));
            Assert.Equal(3, result.Verbose.Count(v => Regex.IsMatch(v.Message, @"^PUT /v1/spaces/ExampleCorp/projects/MyDemoProject/workflowRuns\?workflowId=.* -> \d{3} .*in \d+ ms \(attempt \d of 3\)$")));
        }

        [Fact]
        public void A_dropped_connection_is_retried()
        {
            _session.Emulator.InjectFaults(new FaultSpec { DropConnection = true, Count = 1, PathContains = "/workflows" });

            var result = _session.Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Verbose");

            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Output);
            Assert.Contains(result.Verbose, v => v.Message.Contains("connection failed") && v.Message.Contains("attempt 1 of"));
        }

        [Fact]
        public void Retry_After_from_the_service_is_honoured()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 429, Count = 1, RetryAfterSeconds = 2, PathContains = "/session" });
            var stopwatch = Stopwatch.StartNew();

            var result = _session.Shell.Run("Test-CCSession");

            Assert.Empty(result.Errors);
            Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2), $"retried after {stopwatch.Elapsed}, before Retry-After");
        }

        [Fact]
        public void Persistent_server_errors_end_in_a_ConnectionError_with_the_service_message_and_request_id()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 500, Count = 3, PathContains = "/workflows/", Message = "backend melted" });

            var result = _session.Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0]",
                SampleData.BuildWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal(SampleData.BuildWorkflowId, error.TargetObject);
            var lastRequestId = _session.Emulator.Requests.Last(r => r.Operation == "GetWorkflow").RequestId;
            Assert.Contains("backend melted", error.ErrorDetails.Message);
            Assert.Contains(lastRequestId, error.ErrorDetails.Message);
            Assert.Contains("HTTP 500", error.ErrorDetails.Message);
            Assert.Equal(3, _session.ApiRequestCount("GetWorkflow"));
        }

        [Fact]
        public void Throttling_on_every_attempt_is_LimitsExceeded_and_Connect_MaxAttempts_sets_the_attempts()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 429, Count = 5, RetryAfterSeconds = 0, PathContains = "/session" });

            var result = _session.Shell.Run(@"
                $null = Connect-CCAccount -MaxAttempts 2 -SkipVerification
                try { Test-CCSession } finally { Disconnect-CCAccount }");

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.StartsWith("ThrottlingException,", error.FullyQualifiedErrorId);
            Assert.Equal(2, _session.ApiRequestCount("VerifySession"));
        }

        [Fact]
        public void Client_errors_are_not_retried()
        {
            var result = _session.Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName NoSuchProject");

            Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(result.Errors).CategoryInfo.Category);
            Assert.Equal(1, _session.ApiRequestCount("ListWorkflows"));
        }

        private int CountRuns(string workflowId) =>
            _session.Shell.Run("@(Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]).Count", workflowId)
                .Output.Select(o => (int)o.BaseObject).Single();
    }
}
