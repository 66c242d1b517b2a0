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
        public void Dev_environment_ids_complete_by_alias()
        {
            Assert.Equal(new[] { SampleData.DevEnvironmentId }, Complete("Stop-CCDevEnvironment -Id demo-"));
            Assert.Equal(new[] { SampleData.DevEnvironmentId }, Complete("Get-CCDevEnvironmentSession -DevEnvironmentId demo-"));
            var listed = Shell.Run("(TabExpansion2 -inputScript 'Wait-CCDevEnvironment -Id demo' -cursorColumn 30).CompletionMatches[0].ListItemText");
            Assert.Equal(SampleData.DevEnvironmentAlias, listed.Output.Single().ToString());
        }

        /// <summary>Which completer each kind of parameter must carry, wherever it appears.</summary>
        private static string? ExpectedCompleter(string cmdlet, string parameter)
        {
            var noun = cmdlet.Substring(cmdlet.IndexOf('-') + 1);
            switch (parameter)
            {
                case "SpaceName": return "SpaceNameCompleter";
                case "ProjectName": return "ProjectNameCompleter";
                case "WorkflowId": return "WorkflowIdCompleter";
                case "SourceRepositoryName": return "SourceRepositoryNameCompleter";
                case "DevEnvironmentId": return "DevEnvironmentIdCompleter";
            }

            // Names and ids of existing resources; a New- cmdlet's -Name is a new name, nothing to complete.
            if (cmdlet.StartsWith("New-", StringComparison.Ordinal)) return null;
            if (parameter == "Name" && noun == "CCSpace") return "SpaceNameCompleter";
            if (parameter == "Name" && noun == "CCProject") return "ProjectNameCompleter";
            if (parameter == "Name" && noun == "CCSourceRepository") return "SourceRepositoryNameCompleter";
            if (parameter == "Id" && noun is "CCDevEnvironment" or "CCDevEnvironmentSession") return "DevEnvironmentIdCompleter";
            if (parameter == "Id" && noun == "CCWorkflow") return "WorkflowIdCompleter";
            return null;
        }

        [Fact]
        public void Every_space_project_workflow_repository_and_dev_environment_parameter_completes_live()
        {
            var commands = Shell.Run("Get-Command -Module CodeCatalyst -CommandType Cmdlet").Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
            Assert.NotEmpty(commands);
            var missing = new System.Collections.Generic.List<string>();
            foreach (var command in commands)
            {
                foreach (var parameter in command.Parameters.Values)
                {
                    var expected = ExpectedCompleter(command.Name, parameter.Name);
                    if (expected == null) continue;
                    var actual = parameter.Attributes.OfType<ArgumentCompleterAttribute>().SingleOrDefault()?.Type?.Name;
                    if (actual != expected) missing.Add($"{command.Name} -{parameter.Name}: {actual ?? "no completer"}, expected {expected}");
                }
            }

            Assert.True(missing.Count == 0, string.Join("\n", missing));
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
