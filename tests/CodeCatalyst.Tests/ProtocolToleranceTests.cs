using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>What the wire may bring that the emulator never sends: new members, new statuses, a server that hangs.</summary>
    public sealed class ProtocolToleranceTests : IDisposable
    {
        private const string RunId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        [Fact]
        public void A_new_run_status_and_unknown_members_pass_through_and_times_are_the_same_instants_in_local_time()
        {
            using var stub = new RawHttpStub(_ => $$$"""
                {"spaceName":"ExampleCorp","projectName":"MyDemoProject","id":"{{{RunId}}}","workflowId":"{{{RunId}}}",
                 "status":"AWAITING_APPROVAL","statusReasons":[{"code":"GATE","detail":{"x":1}}],"brandNewMember":{"a":[1,2]},
                 "startTime":"2026-11-23T12:00:00+02:00","lastUpdatedTime":1795435200.5}
                """);

            var result = _shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0] -EndpointUrl $args[1] -Token $args[2]",
                RunId, stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

            Assert.Empty(result.Errors);
            var run = Assert.Single(result.Output);
            Assert.Equal("AWAITING_APPROVAL", run.Properties["Status"].Value);
            Assert.False((bool)run.Properties["IsTerminal"].Value);
            // Local time (so comparing with Get-Date is right in any zone), and the same instant the server sent.
            var start = (DateTime)run.Properties["StartTime"].Value;
            Assert.Equal(DateTimeKind.Local, start.Kind);
            Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), start.ToUniversalTime());
            var lastUpdated = (DateTime)run.Properties["LastUpdatedTime"].Value;
            Assert.Equal(DateTimeKind.Local, lastUpdated.Kind);
            Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0, 500, DateTimeKind.Utc), lastUpdated.ToUniversalTime());
            Assert.Contains("code=GATE", run.Properties["StatusReasons"].Value is System.Collections.IEnumerable reasons
                ? string.Join(" ", reasons.Cast<object>()) : "");
        }

        [Fact]
        public void Requests_carry_a_User_Agent_naming_the_module_and_its_version()
        {
            using var stub = new RawHttpStub(_ => "{\"identity\":\"user-1\"}");

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0] -Token $args[1]", stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

            Assert.Empty(result.Errors);
            Assert.True(stub.RequestHeads.TryPeek(out var head));
            var userAgent = head!.Split("\r\n").Single(line => line.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase));
            Assert.Matches(@"CodeCatalyst-PowerShell/\d+\.\d+\.\d+ PowerShell/7\.6", userAgent);
        }

        [Fact]
        public void Requests_ask_for_no_compressed_answer_as_botocore_does()
        {
            using var stub = new RawHttpStub(_ => "{\"identity\":\"user-1\"}");

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0] -Token $args[1]", stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

            Assert.Empty(result.Errors);
            Assert.True(stub.RequestHeads.TryPeek(out var head));
            Assert.DoesNotContain(head!.Split("\r\n"), line => line.StartsWith("Accept-Encoding:", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task Ctrl_C_cancels_a_request_the_server_never_answers()
        {
            using var stub = new RawHttpStub(_ => null);
            var stopwatch = new Stopwatch();

            var result = await _shell.RunAsync("Test-CCSession -EndpointUrl $args[0] -Token $args[1]",
                shell => Task.Run(async () =>
                {
                    while (stub.RequestHeads.IsEmpty) await Task.Delay(20);
                    stopwatch.Start();
                    shell.Stop();
                    stopwatch.Stop();
                }),
                stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {stopwatch.Elapsed}");
            Assert.Single(stub.RequestHeads);
        }

        [Fact]
        public void Plain_http_to_a_host_that_is_not_loopback_is_refused_before_any_request()
        {
            var result = _shell.Run("Test-CCSession -EndpointUrl 'http://codecatalyst.example.com' -Token $args[0]",
                EmulatorSession.ToSecureString("stub-token"));

            // A set-up failure terminates the command (statement-terminating inside a script).
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InsecureEndpoint,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("loopback", error.Exception.Message);
        }
    }
}
