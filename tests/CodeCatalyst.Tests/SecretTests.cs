using System.Linq;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>A token never shows up anywhere a user or a log could see it.</summary>
    public sealed class SecretTests : IClassFixture<EmulatorSession>
    {
        private readonly EmulatorSession _session;

        public SecretTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
        }

        [Fact]
        public void No_stream_or_error_shows_the_token_even_with_Verbose_and_Debug()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 500, Count = 1, PathContains = "/session" });

            var result = _session.Shell.Run(@"
                $DebugPreference = 'Continue'
                Test-CCSession -Verbose -Debug
                Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Verbose -Debug
                Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Id 00000000-0000-0000-0000-000000000000 -Verbose -Debug
                Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -Wait -PollIntervalSec 1 -Verbose -Debug
                Connect-CCAccount -SpaceName ExampleCorp -Verbose -Debug
                Disconnect-CCAccount -Verbose",
                SampleData.FailingWorkflowId);

            Assert.NotEmpty(result.Errors);
            Assert.NotEmpty(result.Debug);
            Assert.Contains(result.Debug, d => d.Message.Contains("Authorization: Bearer <redacted>"));
            Assert.Contains(result.Verbose, v => v.Message.Contains("-Token parameter"));
            Assert.DoesNotContain(EmulatorSession.TestToken, result.AllText());
            Assert.DoesNotContain(EmulatorSession.TestToken.Substring(0, 12), result.AllText());
        }
    }
}
