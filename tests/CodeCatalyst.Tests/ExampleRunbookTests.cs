using System.IO;
using System.Management.Automation;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>The demo runbook in examples/ runs as shipped against the emulator.</summary>
    public sealed class ExampleRunbookTests : IClassFixture<EmulatorSession>
    {
        private static readonly string Runbook = Path.Combine(RepositoryPaths.Root, "examples", "Invoke-DemoRunbook.ps1");
        private readonly EmulatorSession _session;

        public ExampleRunbookTests(EmulatorSession session) => _session = session;

        [Fact]
        public void The_demo_runbook_runs_the_build_workflow_to_success()
        {
            var result = _session.Shell.Run("& $args[0] -EndpointUrl $args[1] -Token $args[2] -PollIntervalSec 1",
                Runbook, _session.Emulator.BaseAddress, EmulatorSession.ToSecureString("runbook-token"));

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal("SUCCEEDED", Assert.Single(result.Output).Properties["Status"].Value);
        }

        [Fact]
        public void The_demo_runbook_fails_the_job_when_the_run_fails()
        {
            var result = _session.Shell.Run("& $args[0] -EndpointUrl $args[1] -Token $args[2] -PollIntervalSec 1 -WorkflowName integration-tests",
                Runbook, _session.Emulator.BaseAddress, EmulatorSession.ToSecureString("runbook-token"));

            // The runbook stops on the error ($ErrorActionPreference = 'Stop'), which reaches its caller as a throw.
            var stop = Assert.IsAssignableFrom<IContainsErrorRecord>(result.Terminating);
            Assert.StartsWith("WorkflowRunFailed,", stop.ErrorRecord.FullyQualifiedErrorId);
            Assert.Empty(result.Errors);
        }
    }
}
