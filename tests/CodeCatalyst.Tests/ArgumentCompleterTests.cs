using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Live tab completion: the service's names and ids, the connection's defaults, a short cache, and nothing
    /// (no error, no hang) when the service cannot answer.</summary>
    public sealed class ArgumentCompleterTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private readonly EmulatorSession _session;

        public ArgumentCompleterTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearRequests();
            // Completers see what Connect-CCAccount stored, as a user's prompt would have it.
            Shell.Run("Connect-CCAccount -EndpointUrl $CCEndpoint -Token $CCToken -SpaceName ExampleCorp -ProjectName MyDemoProject | Out-Null");
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose() => Shell.Run("Disconnect-CCAccount -Confirm:$false");

        private string[] Complete(string line)
        {
            var result = Shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line);
            Assert.Empty(result.Errors);
            return result.Output.Select(match => ((CompletionResult)match.BaseObject).CompletionText).ToArray();
        }

        [Fact]
        public void Space_and_project_names_complete_from_the_service()
        {
            Assert.Equal(new[] { SampleData.SpaceName }, Complete("Get-CCProject -SpaceName Ex"));
            Assert.Contains(SampleData.ProjectName, Complete("Get-CCWorkflow -ProjectName My"));
            // The space typed on the line wins over the connection's default.
            Assert.Equal(new[] { SampleData.SandboxProjectName }, Complete("Get-CCWorkflow -SpaceName AnyCompany -ProjectName "));
        }

        [Fact]
        public void Workflow_ids_complete_by_workflow_name()
        {
            Assert.Equal(new[] { SampleData.BuildWorkflowId }, Complete("Start-CCWorkflowRun -WorkflowId bui"));
            var listed = Shell.Run("(TabExpansion2 -inputScript 'Get-CCWorkflow -Id bui' -cursorColumn 22).CompletionMatches[0].ListItemText");
            Assert.Equal(SampleData.BuildWorkflowName, listed.Output.Single().ToString());
        }

        [Fact]
        public void Answers_are_kept_for_a_short_while()
        {
            // Each Connect-CCAccount is a new connection, so this test's first completion asks the service.
            Assert.Equal(new[] { SampleData.SpaceName }, Complete("Get-CCSpace -Name E"));
            Assert.Equal(new[] { SampleData.SecondSpaceName }, Complete("Get-CCSpace -Name A"));
            Assert.Equal(1, _session.ApiRequestCount("ListSpaces"));
        }

        [Fact]
        public void A_service_that_never_answers_completes_nothing_within_a_few_seconds()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());
            var watch = Stopwatch.StartNew();
            var matches = Complete($"Get-CCProject -EndpointUrl {stub.BaseAddress} -SpaceName Hang");
            Assert.Empty(matches);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"completion took {watch.Elapsed}");
        }

        [Fact]
        public void A_failing_service_completes_nothing_and_writes_no_error()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json("{\"message\":\"denied\"}", 403));
            Assert.Empty(Complete($"Get-CCWorkflow -EndpointUrl {stub.BaseAddress} -SpaceName Denied -ProjectName "));
            Assert.Empty(Shell.Run("$Error | Where-Object { $_.Exception.Message -like '*denied*' }").Output);
        }
    }
}
