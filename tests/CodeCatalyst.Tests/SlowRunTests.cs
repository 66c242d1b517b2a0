using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>An emulator whose runs take minutes, for waiting that must end some other way.</summary>
    public sealed class SlowEmulatorSession : EmulatorSession
    {
        protected override double RunSpeed => 0.01;
    }

    public sealed class SlowRunTests : IClassFixture<SlowEmulatorSession>
    {
        private readonly SlowEmulatorSession _session;

        public SlowRunTests(SlowEmulatorSession session) => _session = session;

        [Fact]
        public void Waiting_past_the_timeout_is_an_error_that_says_where_the_run_stood()
        {
            var result = _session.Shell.Run(@"
                $run = Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]
                $run | Wait-CCWorkflowRun -TimeoutSec 2 -PollIntervalSec 1", SampleData.LintWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("WorkflowRunWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Matches("still (PROVISIONING|IN_PROGRESS|VALIDATING)", error.Exception.Message);
            Assert.Equal("CodeCatalyst.Models.WorkflowRun", error.TargetObject.GetType().FullName);
            Assert.Empty(result.Output);
            Assert.Contains(result.Progress, p => p.StatusDescription.Contains("elapsed"));
        }

        [Fact]
        public async Task Ctrl_C_stops_a_long_wait_at_once()
        {
            var stopwatch = new Stopwatch();
            var run = _session.Shell.Run("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]",
                SampleData.LintWorkflowId);
            var runId = (string)Assert.Single(run.Output).Properties["Id"].Value;

            var result = await _session.Shell.RunAsync(
                "Wait-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0] -PollIntervalSec 600",
                shell => Task.Delay(1500).ContinueWith(_ =>
                {
                    stopwatch.Start();
                    shell.Stop();
                    stopwatch.Stop();
                }),
                runId);

            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
        }
    }
}
