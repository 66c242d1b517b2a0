using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Invoke-CCRestMethod end to end: any request through the module's core, against the emulator and scripted servers.</summary>
    public sealed class RestMethodTests : IClassFixture<EmulatorSession>
    {
        private const string RunsPath = "/v1/spaces/ExampleCorp/projects/MyDemoProject/workflowRuns";
        private const string StubToken = "stub-token-7c1e9a2b4d6f8e0a";
        private const string CommandErrorSuffix = ",CodeCatalyst.Cmdlets.Rest.InvokeCCRestMethodCommand";

        private readonly EmulatorSession _session;

        public RestMethodTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        /// <summary>Runs a script against a scripted server: $args[0] is its address, $args[1] a token, then the rest.</summary>
        private ScriptResult RunAgainst(ScriptedHttpStub stub, string script, params object?[] arguments) =>
            Shell.Run(script, new object?[] { stub.BaseAddress, EmulatorSession.ToSecureString(StubToken) }.Concat(arguments).ToArray());

        [Fact]
        public void GET_session_writes_the_identity_as_a_PSCustomObject()
        {
            var result = Shell.Run("Invoke-CCRestMethod GET /session");

            Assert.Empty(result.Errors);
            var answer = Assert.Single(result.Output);
            Assert.IsType<PSCustomObject>(answer.BaseObject);
            Assert.Matches("^[0-9a-f-]{36}$", (string)answer.Properties["identity"].Value);
            Assert.Equal(1, _session.ApiRequestCount("VerifySession"));
        }

        [Fact]
        public void GET_of_a_workflow_run_writes_its_members_and_keeps_timestamps_as_the_service_sent_them()
        {
            var runId = _session.Emulator.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.BuildWorkflowId, 1).Single();

            var result = Shell.Run("Invoke-CCRestMethod -Method GET -Path ($args[0] + '/' + $args[1])", RunsPath, runId);

            Assert.Empty(result.Errors);
            var run = Assert.Single(result.Output);
            Assert.Equal(runId, run.Properties["id"].Value);
            Assert.Equal(SampleData.BuildWorkflowId, run.Properties["workflowId"].Value);
            Assert.Equal("ExampleCorp", run.Properties["spaceName"].Value);
            var startTime = Assert.IsType<string>(run.Properties["startTime"].Value);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", startTime);
            Assert.Equal(1, _session.ApiRequestCount("GetWorkflowRun"));
        }

        [Fact]
        public void FollowNextToken_reads_ListWorkflowRuns_page_by_page_with_the_token_in_the_query()
        {
            _session.Emulator.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.LintWorkflowId, 7);
            var expected = Shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] | ForEach-Object Id",
                SampleData.LintWorkflowId).Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(expected.Count >= 7);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Invoke-CCRestMethod POST $args[0] -Query @{ workflowId = $args[1]; maxResults = 3 } -FollowNextToken",
                RunsPath, SampleData.LintWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Equal(expected, result.Output.Select(o => (string)o.Properties["id"].Value));
            Assert.All(result.Output, run => Assert.Equal(SampleData.LintWorkflowId, run.Properties["workflowId"].Value));
            var pages = _session.Emulator.Requests.Where(r => r.Operation == "ListWorkflowRuns").ToList();
            Assert.Equal((expected.Count + 2) / 3, pages.Count);
            Assert.DoesNotContain("nextToken", pages[0].QueryString);
            Assert.All(pages.Skip(1), page => Assert.Contains("nextToken=", page.QueryString));
            Assert.All(pages, page => Assert.Contains("maxResults=3", page.QueryString));
            Assert.All(pages, page => Assert.Contains("workflowId=" + SampleData.LintWorkflowId, page.QueryString));
            Assert.All(pages, page => Assert.Equal("{}", page.Body));
        }

        [Fact]
        public void Without_FollowNextToken_one_request_writes_the_page_itself()
        {
            _session.Emulator.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.LintWorkflowId, 3);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Invoke-CCRestMethod POST ($args[0] + '?maxResults=2')", RunsPath);

            Assert.Empty(result.Errors);
            var page = Assert.Single(result.Output);
            Assert.Equal(2, ((object[])page.Properties["items"].Value).Length);
            Assert.False(string.IsNullOrEmpty((string)page.Properties["nextToken"].Value));
            Assert.Equal(1, _session.ApiRequestCount());
        }

        [Fact]
        public void A_service_that_repeats_its_nextToken_stops_with_RepeatedNextToken_after_the_pages_read()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("""{"items":[{"n":1}],"nextToken":"same-token"}"""));

            var result = RunAgainst(stub, "Invoke-CCRestMethod POST $args[2] -FollowNextToken -EndpointUrl $args[0] -Token $args[1]", RunsPath);

            Assert.Equal(2, result.Output.Count);
            var error = Assert.Single(result.Errors);
            Assert.Equal("RepeatedNextToken.ListWorkflowRuns" + CommandErrorSuffix, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("nextToken it was sent", error.Exception.Message);
            var requests = stub.Requests.ToList();
            Assert.Equal(2, requests.Count);
            Assert.Null(requests[0].Query("nextToken"));
            Assert.Equal("same-token", requests[1].Query("nextToken"));
        }

        [Fact]
        public void Every_paged_operation_of_the_model_gets_the_token_back_where_the_model_takes_it()
        {
            var operations = ServiceModel.Operations().Where(o => o.NextTokenLocation != null).ToList();
            Assert.Equal(10, operations.Count);
            foreach (var operation in operations)
            {
                using var stub = new ScriptedHttpStub(request => StubResponse.Json(
                    request.Query("nextToken") == null && !request.Body.Contains("nextToken")
                        ? """{"items":[{"n":1}],"nextToken":"page-2"}"""
                        : """{"items":[{"n":2}]}"""));

                var result = RunAgainst(stub,
                    "Invoke-CCRestMethod $args[2] $args[3] -Body @{ maxResults = 1 } -FollowNextToken -EndpointUrl $args[0] -Token $args[1]",
                    operation.Method, operation.ConcretePath);

                Assert.True(result.Errors.Count == 0, operation.Name + ": " + string.Join("; ", result.Errors));
                Assert.Equal(new object[] { 1, 2 }, result.Output.Select(o => o.Properties["n"].Value));
                var second = stub.Requests.Skip(1).Single();
                using var body = JsonDocument.Parse(second.Body);
                Assert.Equal(1, body.RootElement.GetProperty("maxResults").GetInt32());
                if (operation.NextTokenLocation == "querystring")
                {
                    Assert.True(second.Query("nextToken") == "page-2", operation.Name + " takes nextToken in the query");
                    Assert.False(body.RootElement.TryGetProperty("nextToken", out _), operation.Name);
                }
                else
                {
                    Assert.True(body.RootElement.GetProperty("nextToken").GetString() == "page-2", operation.Name + " takes nextToken in the body");
                    Assert.Null(second.Query("nextToken"));
                }
            }
        }

        [Fact]
        public void Every_operation_of_the_model_is_named_in_its_errors_and_unknown_routes_by_method_and_path()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("""{"message":"no"}""", 400, ("x-amzn-ErrorType", "ValidationException")));
            foreach (var operation in ServiceModel.Operations())
            {
                var result = RunAgainst(stub, "Invoke-CCRestMethod $args[2] $args[3] -EndpointUrl $args[0] -Token $args[1] -Confirm:$false",
                    operation.Method, operation.ConcretePath);

                var error = Assert.Single(result.Errors);
                Assert.StartsWith(operation.Name + " failed:", error.Exception.Message);
            }

            var unknown = RunAgainst(stub, "Invoke-CCRestMethod GET /v2/whatever -EndpointUrl $args[0] -Token $args[1]");
            Assert.StartsWith("GET /v2/whatever failed:", Assert.Single(unknown.Errors).Exception.Message);
        }

        [Fact]
        public void An_unknown_path_pages_in_the_body_when_the_request_has_a_JSON_object_body_else_in_the_query()
        {
            using var stub = new ScriptedHttpStub(request => StubResponse.Json(
                request.Query("nextToken") == null && !request.Body.Contains("nextToken")
                    ? """{"things":[1],"nextToken":"t2"}"""
                    : """{"things":[2]}"""));

            var withBody = RunAgainst(stub, "Invoke-CCRestMethod POST /v9/things -Body '{\"filter\":\"x\"}' -FollowNextToken -EndpointUrl $args[0] -Token $args[1]");
            var withoutBody = RunAgainst(stub, "Invoke-CCRestMethod GET /v9/things -FollowNextToken -EndpointUrl $args[0] -Token $args[1]");

            Assert.Empty(withBody.Errors);
            Assert.Empty(withoutBody.Errors);
            // No items array: each page object is written whole.
            Assert.Equal(2, withBody.Output.Count);
            Assert.Equal(2, withoutBody.Output.Count);
            var requests = stub.Requests.ToList();
            Assert.Equal("""{"filter":"x","nextToken":"t2"}""", requests[1].Body);
            Assert.Equal("t2", requests[3].Query("nextToken"));
            Assert.Equal("", requests[3].Body);
        }

        [Fact]
        public void A_service_error_is_an_ErrorRecord_with_category_id_target_message_and_request_id()
        {
            var path = RunsPath + "/00000000-0000-0000-0000-000000000000";

            var result = Shell.Run("Invoke-CCRestMethod GET $args[0]", path);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("ResourceNotFoundException" + CommandErrorSuffix, error.FullyQualifiedErrorId);
            Assert.Equal("GET " + path, error.TargetObject);
            Assert.StartsWith("GetWorkflowRun failed:", error.Exception.Message);
            var requestId = _session.Emulator.Requests.Single().RequestId;
            Assert.Contains(requestId, error.ErrorDetails.Message);
        }

        [Fact]
        public void WhatIf_sends_nothing_for_a_change_but_still_reads_with_GET()
        {
            var result = Shell.Run(@"
                Invoke-CCRestMethod PUT $args[0] -Query @{ workflowId = $args[1] } -WhatIf
                Invoke-CCRestMethod DELETE /v1/spaces/ExampleCorp -WhatIf
                Invoke-CCRestMethod POST $args[0] -WhatIf",
                RunsPath, SampleData.BuildWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());

            var read = Shell.Run("Invoke-CCRestMethod GET /session -WhatIf");
            Assert.Single(read.Output);
            Assert.Equal(1, _session.ApiRequestCount("VerifySession"));
        }

        [Theory]
        [InlineData("https://codecatalyst.example.com/session", "is a URL")]
        [InlineData("HTTP://127.0.0.1:1/session", "is a URL")]
        [InlineData("//codecatalyst.example.com/session", "is a URL")]
        [InlineData("/v1/spaces/../session", "'..' segment")]
        [InlineData("/v1/spaces/%2e%2E/session", "'..' segment")]
        [InlineData("/v1/spaces/x%2F..%2Fy", "'..' segment")]
        [InlineData("/v1/./session", "'.' segment")]
        [InlineData("/v1\\spaces", "contains '\\'")]
        [InlineData("/session#top", "contains '#'")]
        [InlineData("/v1/spaces/100%", "starts no escape")]
        [InlineData("/v1/spaces/ExampleCorp/projects/MyDemoProject/workflowRuns/{id}", "placeholder {id}")]
        public void A_bad_path_is_refused_before_anything_is_sent(string path, string reason)
        {
            var result = Shell.Run("Invoke-CCRestMethod PUT $args[0] -Body @{ a = 1 }", path);

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("InvalidParameterValue" + CommandErrorSuffix, error.FullyQualifiedErrorId);
            Assert.Equal(path, error.TargetObject);
            Assert.Contains(reason, error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void Bad_input_other_than_the_path_is_refused_before_anything_is_sent()
        {
            var result = Shell.Run(@"
                Invoke-CCRestMethod GET /session -Body @{ a = 1 }
                Invoke-CCRestMethod POST /v1/spaces -Body '{not json'
                Invoke-CCRestMethod PATCH /v1/spaces/ExampleCorp -Body @{ n = [double]::NaN }
                Invoke-CCRestMethod BREW /session");

            Assert.Equal(4, result.Errors.Count);
            Assert.All(result.Errors.Take(3), error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.Contains("-Query", result.Errors[0].Exception.Message);
            Assert.Contains("not JSON", result.Errors[1].Exception.Message);
            Assert.Contains("NaN", result.Errors[2].Exception.Message);
            Assert.StartsWith("ParameterArgumentValidationError,", result.Errors[3].FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void Query_names_and_values_are_URL_encoded_and_lists_repeat_the_name()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("{}"));

            var result = RunAgainst(stub, @"
                $query = [ordered]@{ 'a b' = 'x&y=z/é+'; when = [datetime]::new(2026, 1, 2, 3, 4, 5, [DateTimeKind]::Utc); flag = $true; ids = 1, 2; skip = $null }
                Invoke-CCRestMethod GET '/v1/things?first=1' -Query $query -EndpointUrl $args[0] -Token $args[1]");

            Assert.Empty(result.Errors);
            var request = stub.Requests.Single();
            Assert.Equal("/v1/things?first=1&a%20b=x%26y%3Dz%2F%C3%A9%2B&when=2026-01-02T03%3A04%3A05.000Z&flag=true&ids=1&ids=2",
                request.Target);
            Assert.Equal("x&y=z/é+", request.Query("a b"));
        }

        [Fact]
        public void Body_objects_are_sent_as_JSON_and_a_JSON_string_as_it_is()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("{}"));

            var result = RunAgainst(stub, @"
                $body = [ordered]@{
                    name = 'x'; count = 3; ratio = 0.5; on = $false; none = $null
                    when = [datetime]::new(2026, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
                    tags = @('a', 'b'); nested = [pscustomobject]@{ path = 'p'; list = @(1) }
                }
                Invoke-CCRestMethod PATCH /v1/things -Body $body -EndpointUrl $args[0] -Token $args[1]
                Invoke-CCRestMethod PUT /v1/things -Body '[1, {""a"": ""b""}]' -EndpointUrl $args[0] -Token $args[1]
                [pscustomobject]@{ piped = 1 } | Invoke-CCRestMethod POST /v1/things -EndpointUrl $args[0] -Token $args[1]
                Invoke-CCRestMethod DELETE /v1/things/1 -EndpointUrl $args[0] -Token $args[1]");

            Assert.Empty(result.Errors);
            var requests = stub.Requests.ToList();
            Assert.Equal("""{"name":"x","count":3,"ratio":0.5,"on":false,"none":null,"when":"2026-01-02T03:04:05.000Z","tags":["a","b"],"nested":{"path":"p","list":[1]}}""",
                requests[0].Body);
            Assert.Equal("application/json", requests[0].Headers["Content-Type"].Split(';')[0]);
            Assert.Equal("""[1, {"a": "b"}]""", requests[1].Body);
            Assert.Equal("""{"piped":1}""", requests[2].Body);
            Assert.Equal("DELETE", requests[3].Method);
            Assert.Equal("", requests[3].Body);
        }

        [Fact]
        public void Answers_come_out_as_PowerShell_numbers_booleans_nulls_arrays_and_objects()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(
                """{"i":1,"l":5000000000,"d":1.5,"t":true,"n":null,"s":"2026-01-05T09:00:00.000Z","a":[1,"x",[2]],"o":{"p":{"q":"r"}}}"""));

            var result = RunAgainst(stub, "Invoke-CCRestMethod GET /v1/things -EndpointUrl $args[0] -Token $args[1]");

            Assert.Empty(result.Errors);
            var answer = Assert.Single(result.Output);
            Assert.IsType<int>(answer.Properties["i"].Value);
            Assert.IsType<long>(answer.Properties["l"].Value);
            Assert.IsType<double>(answer.Properties["d"].Value);
            Assert.Equal(true, answer.Properties["t"].Value);
            Assert.Null(answer.Properties["n"].Value);
            Assert.Equal("2026-01-05T09:00:00.000Z", answer.Properties["s"].Value);
            var array = Assert.IsType<object[]>(answer.Properties["a"].Value);
            Assert.Equal(1, array[0]);
            Assert.Equal("x", array[1]);
            Assert.Equal(new object[] { 2 }, Assert.IsType<object[]>(array[2]));
            var nested = Assert.IsType<PSObject>(answer.Properties["o"].Value);
            Assert.Equal("r", ((PSObject)nested.Properties["p"].Value).Properties["q"].Value);
        }

        [Fact]
        public void An_empty_answer_writes_nothing_and_a_top_level_array_is_written_item_by_item()
        {
            using var stub = new ScriptedHttpStub(request => request.Target.Contains("empty")
                ? new StubResponse { Status = 204, Reason = "No Content" }
                : StubResponse.Json("""[{"n":1},{"n":2}]"""));

            var empty = RunAgainst(stub, "Invoke-CCRestMethod DELETE /v1/empty -EndpointUrl $args[0] -Token $args[1]");
            var array = RunAgainst(stub, "Invoke-CCRestMethod GET /v1/array -EndpointUrl $args[0] -Token $args[1]");

            Assert.Empty(empty.Errors);
            Assert.Empty(empty.Output);
            Assert.Equal(new object[] { 1, 2 }, array.Output.Select(o => o.Properties["n"].Value));
        }

        [Fact]
        public void An_answer_that_is_not_JSON_is_an_InvalidResult_error()
        {
            using var stub = new ScriptedHttpStub(_ => new StubResponse { Body = "<html>proxy</html>"u8.ToArray() });

            var result = RunAgainst(stub, "Invoke-CCRestMethod GET /session -EndpointUrl $args[0] -Token $args[1]");

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidResult.VerifySession" + CommandErrorSuffix, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        }

        [Fact]
        public void The_token_appears_nowhere_even_when_the_service_echoes_it()
        {
            using var stub = new ScriptedHttpStub(request =>
            {
                var echoed = request.Headers["Authorization"];
                return request.Target.Contains("fail")
                    ? StubResponse.Json(JsonSerializer.Serialize(new { message = "bad " + echoed }), 403, ("x-amzn-ErrorType", "AccessDeniedException"))
                    : StubResponse.Json(JsonSerializer.Serialize(new { header = echoed, items = new[] { echoed } }), 200, ("X-Echo", echoed));
            });

            var result = RunAgainst(stub, @"
                $DebugPreference = 'Continue'
                Invoke-CCRestMethod GET /v1/echo -EndpointUrl $args[0] -Token $args[1] -Verbose -Debug
                Invoke-CCRestMethod PUT /v1/fail -Body @{ a = 1 } -EndpointUrl $args[0] -Token $args[1] -Verbose -Debug");

            Assert.Equal(StubToken, stub.Requests.First().Headers["Authorization"].Substring("Bearer ".Length));
            Assert.Single(result.Output);
            Assert.Equal("Bearer <redacted>", result.Output[0].Properties["header"].Value);
            Assert.Single(result.Errors);
            Assert.NotEmpty(result.Debug);
            Assert.DoesNotContain(StubToken, result.AllText());
        }

        [Fact]
        public void A_raw_StartWorkflowRun_retried_after_503_starts_one_run_with_one_client_token()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, Count = 1, PathContains = "/workflowRuns" });

            var result = Shell.Run("Invoke-CCRestMethod PUT $args[0] -Query @{ workflowId = $args[1] }", RunsPath, SampleData.LintWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            var starts = _session.Emulator.Requests.Where(r => r.Operation == "StartWorkflowRun").ToList();
            Assert.Equal(new[] { 503, 200 }, starts.Select(r => r.StatusCode));
            Assert.Single(starts.Select(r => r.Body).Distinct());
            Assert.Matches("^\\{\"clientToken\":\"[0-9a-f]{32}\"\\}$", starts[0].Body);

            // A client token of the caller's own is kept, not replaced.
            var again = Shell.Run("@{ clientToken = 'my-token-1' } | Invoke-CCRestMethod PUT $args[0] -Query @{ workflowId = $args[1] }",
                RunsPath, SampleData.LintWorkflowId);
            Assert.Empty(again.Errors);
            Assert.Equal("""{"clientToken":"my-token-1"}""", _session.Emulator.Requests.Last().Body);
        }

        [Fact]
        public void SpaceName_and_ProjectName_placeholders_take_the_Connect_CCAccount_defaults()
        {
            var path = "/v1/spaces/{spaceName}/projects/{projectName}/workflows/" + SampleData.BuildWorkflowId;
            var without = Shell.Run("Invoke-CCRestMethod GET $args[0]", path);
            var with = Shell.Run(@"
                $null = Connect-CCAccount -SpaceName ExampleCorp -ProjectName MyDemoProject -SkipVerification
                try { Invoke-CCRestMethod GET $args[0] } finally { Disconnect-CCAccount }", path);

            var error = Assert.Single(without.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("Connect-CCAccount -SpaceName", error.Exception.Message);
            Assert.Empty(with.Errors);
            Assert.Equal(SampleData.BuildWorkflowName, Assert.Single(with.Output).Properties["name"].Value);
            Assert.Equal("/v1/spaces/ExampleCorp/projects/MyDemoProject/workflows/" + SampleData.BuildWorkflowId,
                _session.Emulator.Requests.Single().Path);
        }

        [Fact]
        public async Task Ctrl_C_stops_a_request_in_flight_at_once()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());
            var stopwatch = new Stopwatch();

            var result = await Shell.RunAsync("Invoke-CCRestMethod GET /session -EndpointUrl $args[0] -Token $args[1]",
                shell => Task.Run(async () =>
                {
                    while (stub.Requests.IsEmpty) await Task.Delay(20);
                    stopwatch.Start();
                    shell.Stop();
                    stopwatch.Stop();
                }),
                stub.BaseAddress, EmulatorSession.ToSecureString(StubToken));

            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {stopwatch.Elapsed}");
            Assert.Single(stub.Requests);
        }

        /// <summary>
        /// The operations of the checked-in wire spec (the WireGen tests hold it to botocore's model), each with a path
        /// that fills every placeholder, and where it takes nextToken ("querystring", "body" or null).
        /// </summary>
        private static class ServiceModel
        {
            public sealed record Operation(string Name, string Method, string ConcretePath, string? NextTokenLocation);

            private static readonly Lazy<IReadOnlyList<Operation>> Loaded = new(Load);

            public static IReadOnlyList<Operation> Operations() => Loaded.Value;

            private static IReadOnlyList<Operation> Load()
            {
                var path = System.IO.Path.Combine(RepositoryPaths.Root, "src", "CodeCatalyst", "Wire", "codecatalyst.spec.json");
                using var spec = JsonDocument.Parse(System.IO.File.ReadAllText(path));
                var shapes = spec.RootElement.GetProperty("shapes");
                var operations = new List<Operation>();
                foreach (var operation in spec.RootElement.GetProperty("operations").EnumerateArray())
                {
                    var concrete = System.Text.RegularExpressions.Regex.Replace(operation.GetProperty("uri").GetString()!, @"\{(\w+)\}", "$1-value");
                    string? location = null;
                    if (operation.TryGetProperty("input", out var input))
                    {
                        foreach (var member in shapes.GetProperty(input.GetString()!).GetProperty("members").EnumerateArray())
                        {
                            if (member.GetProperty("name").GetString() != "nextToken") continue;
                            location = member.TryGetProperty("location", out var where) ? where.GetString() : "body";
                        }
                    }

                    operations.Add(new Operation(operation.GetProperty("name").GetString()!, operation.GetProperty("method").GetString()!,
                        concrete, location));
                }

                Assert.Equal(38, operations.Count);
                return operations;
            }
        }
    }
}
