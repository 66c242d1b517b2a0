using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// What a misbehaving server or proxy may do, and what the user sees then: no token in any text, every call
    /// bounded in time and size, and answers the module cannot use reported as errors of their own kind.
    /// </summary>
    public sealed class WireBoundsTests : IDisposable
    {
        private const string Token = "cc-wire-secret-token-7d41c9a2b8e3";
        private const string RunId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private const string OtherRunId = "1f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private readonly PowerShellSession _shell = new();

        public WireBoundsTests()
        {
            _shell.Runspace.SessionStateProxy.SetVariable("CCToken", EmulatorSession.ToSecureString(Token));
        }

        public void Dispose() => _shell.Dispose();

        internal static string RunJson(string id = RunId) => $$"""
            {"spaceName":"ExampleCorp","projectName":"MyDemoProject","id":"{{id}}","workflowId":"{{RunId}}",
             "status":"IN_PROGRESS","startTime":"2026-11-23T12:00:00Z","lastUpdatedTime":"2026-11-23T12:01:00Z"}
            """;

        internal static string RunSummaryJson(string id) => $$"""
            {"id":"{{id}}","workflowId":"{{RunId}}","workflowName":"build","status":"SUCCEEDED",
             "startTime":"2026-11-23T12:00:00Z","lastUpdatedTime":"2026-11-23T12:01:00Z"}
            """;

        [Fact]
        public void A_token_a_proxy_echoes_back_never_reaches_an_error_or_a_stream()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json($"{{\"message\":\"denied for Bearer {Token}\"}}", 403,
                ("x-amzn-ErrorType", "ProxyDenied"), ("x-echo-authorization", "Bearer " + Token), ("x-amzn-RequestId", "req-" + Token)));

            var result = _shell.Run("$DebugPreference = 'Continue'; Test-CCSession -EndpointUrl $args[0] -Token $CCToken -Verbose -Debug",
                stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.Contains("denied for Bearer <redacted>", error.Exception.Message);
            Assert.Contains(result.Debug, d => d.Message.Contains("x-echo-authorization: Bearer <redacted>"));
            Assert.DoesNotContain(Token, result.AllText());
            Assert.DoesNotContain(Token, error.ToString() + error.ErrorDetails.Message + error.Exception);
        }

        [Fact]
        public void A_token_a_proxy_echoes_URL_encoded_is_redacted_too()
        {
            const string base64Token = "cc+wire/secret+token==";
            var encoded = Uri.EscapeDataString(base64Token);
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json($"{{\"message\":\"see https://proxy.example/login?t={encoded}\"}}", 403,
                ("x-amzn-ErrorType", "ProxyDenied"), ("x-echo-location", "https://proxy.example/login?t=" + encoded)));

            var result = _shell.Run("$DebugPreference = 'Continue'; Test-CCSession -EndpointUrl $args[0] -Token $args[1] -Verbose -Debug",
                stub.BaseAddress, EmulatorSession.ToSecureString(base64Token));

            var error = Assert.Single(result.Errors);
            Assert.Contains("login?t=<redacted>", error.Exception.Message);
            Assert.DoesNotContain(encoded, result.AllText());
            Assert.DoesNotContain(encoded, error.ToString() + error.ErrorDetails.Message + error.Exception);
        }

        [Theory]
        [InlineData(401, ErrorCategory.PermissionDenied)]
        [InlineData(403, ErrorCategory.PermissionDenied)]
        [InlineData(404, ErrorCategory.ObjectNotFound)]
        [InlineData(409, ErrorCategory.InvalidOperation)]
        [InlineData(429, ErrorCategory.LimitsExceeded)]
        [InlineData(502, ErrorCategory.ConnectionError)]
        [InlineData(503, ErrorCategory.ConnectionError)]
        public void An_unknown_error_code_takes_its_category_from_the_HTTP_status(int status, ErrorCategory category)
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("{\"message\":\"the gateway said no\"}", status,
                ("x-amzn-ErrorType", "SomeGatewayException")));

            var result = _shell.Run(@"
                $null = Connect-CCAccount -EndpointUrl $args[0] -Token $CCToken -MaxAttempts 1 -SkipVerification
                try { Test-CCSession } finally { Disconnect-CCAccount }", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.StartsWith("SomeGatewayException,", error.FullyQualifiedErrorId);
            Assert.Contains("the gateway said no", error.Exception.Message);
        }

        [Fact]
        public void An_XML_error_from_an_edge_proxy_gives_its_code_message_and_request_id_whatever_its_Content_Type()
        {
            // CloudFront/WAF style: XML, labelled JSON by a careless proxy, with no x-amzn-ErrorType header.
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request blocked by the edge</Message><RequestId>edge-req-42</RequestId></Error>",
                403));

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0] -Token $CCToken", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AccessDenied,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("Request blocked by the edge", error.Exception.Message);
            Assert.Contains("request id edge-req-42", error.Exception.Message);
        }

        [Fact]
        public void A_rest_json_error_named_by_its_code_member_keeps_that_code_as_the_error_id()
        {
            // botocore reads "code" when the header is missing (as some API Gateway fronted services send it).
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("{\"code\":\"BadRequestException\",\"message\":\"the branch name is not valid\"}", 400));

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0] -Token $CCToken", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("BadRequestException,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("the branch name is not valid", error.Exception.Message);
        }

        [Fact]
        public async Task RequestTimeoutSec_bounds_each_attempt_against_a_server_that_never_answers()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());

            var result = await RunBounded("Test-CCSession -EndpointUrl $args[0] -Token $CCToken -RequestTimeoutSec 1", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RequestTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains("within 1 s", error.Exception.Message);
            Assert.Equal(3, stub.Requests.Count);
        }

        [Fact]
        public async Task RequestTimeoutSec_also_bounds_an_answer_that_drips_in_a_byte_at_a_time()
        {
            using var stub = new ScriptedHttpStub(_ => new StubResponse
            {
                StreamBody = async (stream, cancellation) =>
                {
                    while (true)
                    {
                        await stream.WriteAsync(new[] { (byte)' ' }, cancellation);
                        await Task.Delay(200, cancellation);
                    }
                },
            });

            var result = await RunBounded("Test-CCSession -EndpointUrl $args[0] -Token $CCToken -RequestTimeoutSec 1", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RequestTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        }

        [Fact]
        public async Task Connect_RequestTimeoutSec_is_the_session_default_for_later_calls()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());

            var result = await RunBounded(@"
                Connect-CCAccount -EndpointUrl $args[0] -Token $CCToken -RequestTimeoutSec 2 -MaxAttempts 1 -SkipVerification
                try { Test-CCSession } finally { Disconnect-CCAccount }", stub.BaseAddress);

            Assert.Equal(2, result.Property<int>(0, "RequestTimeoutSec"));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RequestTimedOut,", error.FullyQualifiedErrorId);
            Assert.Contains("within 2 s", error.Exception.Message);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public async Task Wait_TimeoutSec_bounds_the_whole_wait_even_when_the_server_never_answers()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());

            var result = await RunBounded(
                "Wait-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[1] -TimeoutSec 3 -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress, RunId);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("WorkflowRunWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains("no status was received", error.Exception.Message);
            Assert.Equal(RunId, error.TargetObject);
        }

        [Fact]
        public async Task Start_Wait_TimeoutSec_bounds_the_wait_when_status_requests_hang()
        {
            using var stub = new ScriptedHttpStub(request => request.Method == "PUT"
                ? StubResponse.Json($"{{\"spaceName\":\"ExampleCorp\",\"projectName\":\"MyDemoProject\",\"id\":\"{RunId}\",\"workflowId\":\"{OtherRunId}\"}}")
                : StubResponse.Never());

            var result = await RunBounded(
                "Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[1] -Wait -TimeoutSec 2 -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress, OtherRunId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("WorkflowRunWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        }

        [Fact]
        public async Task Paging_stops_with_an_error_when_the_service_repeats_its_nextToken()
        {
            var page = 0;
            using var stub = new ScriptedHttpStub(_ =>
            {
                page++;
                return StubResponse.Json($"{{\"items\":[{RunSummaryJson(page % 2 == 0 ? RunId : OtherRunId)}],\"nextToken\":\"same\"}}", 200,
                    ("x-amzn-RequestId", "req-page-" + page));
            });

            var result = await RunBounded("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress);

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, stub.Requests.Count);
            Assert.Equal("same", stub.Requests.Last().Query("nextToken"));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RepeatedNextToken.ListWorkflowRuns,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("req-page-2", error.Exception.Message);
        }

        [Fact]
        public void An_answer_that_is_not_JSON_is_an_InvalidResult_error_per_item_with_the_request_id()
        {
            using var stub = new ScriptedHttpStub(request => request.Target.Contains(RunId)
                ? new StubResponse { Body = Encoding.UTF8.GetBytes("<html>gateway maintenance</html>"), Headers = new[] { Header("x-amzn-RequestId", "req-garbage") } }
                : StubResponse.Json(RunJson(OtherRunId)));

            var result = _shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[1],$args[2] -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress, RunId, OtherRunId);

            Assert.Null(result.Terminating);
            Assert.Equal(OtherRunId, result.Output.Single().Properties["Id"].Value);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidResult.GetWorkflowRun,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Equal(RunId, error.TargetObject);
            Assert.Contains("req-garbage", error.Exception.Message);
        }

        [Fact]
        public void Null_and_incomplete_list_entries_are_one_error_each_and_the_other_items_are_written()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(
                $"{{\"items\":[{RunSummaryJson(RunId)},null,{{\"id\":\"2f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\",\"workflowId\":\"{RunId}\"}},{RunSummaryJson(OtherRunId)}]}}",
                200, ("x-amzn-RequestId", "req-list")));

            var result = _shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress);

            Assert.Null(result.Terminating);
            Assert.Equal(new object[] { RunId, OtherRunId }, result.Output.Select(o => o.Properties["Id"].Value));
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.StartsWith("InvalidResult.ListWorkflowRuns,", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidResult, e.CategoryInfo.Category);
                Assert.Contains("req-list", e.Exception.Message);
            });
            Assert.Contains("null", result.Errors[0].Exception.Message);
            Assert.Contains("workflowName, status, startTime, lastUpdatedTime", result.Errors[1].Exception.Message);
            Assert.Equal("2f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", result.Errors[1].TargetObject);
        }

        [Fact]
        public void A_run_missing_members_the_model_requires_is_an_error_not_an_object_with_empty_values()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json($"{{\"id\":\"{RunId}\",\"workflowId\":\"{RunId}\"}}"));

            var result = _shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[1] -EndpointUrl $args[0] -Token $CCToken",
                stub.BaseAddress, RunId);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidResult.GetWorkflowRun,", error.FullyQualifiedErrorId);
            Assert.Contains("spaceName, projectName, status, startTime, lastUpdatedTime", error.Exception.Message);
        }

        [Fact]
        public async Task An_answer_that_declares_400_MB_is_refused_at_once_without_waiting_for_its_body()
        {
            using var stub = new ScriptedHttpStub(_ => new StubResponse
            {
                DeclaredLength = 400L * 1024 * 1024,
                Body = Encoding.UTF8.GetBytes("{\"identity\":"),
                Headers = new[] { Header("x-amzn-RequestId", "req-declared") },
            });

            var result = await RunBounded("Test-CCSession -EndpointUrl $args[0] -Token $CCToken -RequestTimeoutSec 5", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ResponseTooLarge.VerifySession,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("req-declared", error.Exception.Message);
            Assert.Single(stub.Requests);
        }

        [Fact]
        public void A_service_error_message_is_cut_to_a_loggable_length()
        {
            var huge = new string('x', 5 * 1024 * 1024);
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json($"{{\"message\":\"{huge}\"}}", 400, ("x-amzn-ErrorType", "ValidationException")));

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0] -Token $CCToken", stub.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.InRange(error.Exception.Message.Length, 1024, 2048);
            Assert.Contains($"… ({huge.Length - 1024} more characters)", error.Exception.Message);
        }

        private static System.Collections.Generic.KeyValuePair<string, string> Header(string name, string value) => new(name, value);

        /// <summary>Runs a script that must return on its own; a regression that hangs fails here instead of hanging the suite.</summary>
        private async Task<ScriptResult> RunBounded(string script, params object?[] arguments)
        {
            PowerShell? running = null;
            var run = _shell.RunAsync(script, shell => running = shell, arguments);
            if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) != run)
            {
                running?.Stop();
                await run;
                throw new TimeoutException("The command did not return within 30 s.");
            }

            return await run;
        }
    }
}
