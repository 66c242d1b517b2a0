using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Input that the service would misread, or that a header cannot carry, is refused before anything is sent.</summary>
    public sealed class InputValidationTests : IClassFixture<EmulatorSession>
    {
        private readonly EmulatorSession _session;

        public InputValidationTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        [Theory]
        [InlineData("Get-CCWorkflow -SpaceName \"ExampleCorp`n\" -ProjectName MyDemoProject", "SpaceName")]
        [InlineData("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName \"MyDemoProject`n\"", "ProjectName")]
        [InlineData("Start-CCWorkflowRun -SpaceName \"ExampleCorp`n\" -ProjectName MyDemoProject -WorkflowId $args[0]", "SpaceName")]
        [InlineData("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName \"MyDemoProject`n\"", "ProjectName")]
        public void A_name_or_id_with_a_trailing_newline_is_InvalidArgument_and_nothing_is_sent(string script, string parameter)
        {
            var result = Shell.Run(script, SampleData.BuildWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidParameterValue,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-" + parameter, error.Exception.Message);
            // The line break is shown as \n, so the user sees why a name that looks right was refused.
            Assert.Contains("\\n'", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Theory]
        [InlineData("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -ClientToken \"token-1`n\"", "ClientToken")]
        [InlineData("Connect-CCAccount -SkipVerification -SpaceName \"ExampleCorp`n\"", "SpaceName")]
        [InlineData("Connect-CCAccount -SkipVerification -ProjectName \"MyDemoProject`n\"", "ProjectName")]
        public void A_bound_name_with_a_trailing_newline_fails_validation_and_Connect_stores_nothing(string script, string parameter)
        {
            var result = Shell.Run(script + "; Get-CCWorkflowRun", SampleData.BuildWorkflowId);

            var validation = result.Errors.First();
            Assert.StartsWith("ParameterArgumentValidationError,", validation.FullyQualifiedErrorId);
            Assert.Contains(parameter, validation.Exception.Message);
            // Nothing was stored: the call after it has no default space or project to fall back on.
            Assert.Equal(2, result.Errors.Count);
            Assert.StartsWith("InvalidParameterValue,", result.Errors[1].FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Theory]
        [InlineData("Get-CCWorkflow -SpaceName $notSetAnywhere", "SpaceName")]
        [InlineData("Get-CCWorkflow -ProjectName ''", "ProjectName")]
        [InlineData("Get-CCWorkflow -Id $args[0] -SpaceName $null", "SpaceName")]
        [InlineData("Get-CCWorkflowRun -ProjectName $notSetAnywhere", "ProjectName")]
        [InlineData("Start-CCWorkflowRun -WorkflowId $args[0] -SpaceName $notSetAnywhere", "SpaceName")]
        [InlineData("Start-CCWorkflowRun -WorkflowId $args[0] -ProjectName ''", "ProjectName")]
        [InlineData("Wait-CCWorkflowRun -Id $args[0] -SpaceName $null", "SpaceName")]
        [InlineData("[pscustomobject]@{ WorkflowId = $args[0]; SpaceName = $null } | Start-CCWorkflowRun", "SpaceName")]
        [InlineData("[pscustomobject]@{ Id = $args[0]; ProjectName = '' } | Get-CCWorkflow", "ProjectName")]
        public void An_explicit_empty_or_null_name_is_an_error_never_the_Connect_default(string script, string parameter)
        {
            var result = Shell.Run(
                "$null = Connect-CCAccount -SkipVerification -SpaceName ExampleCorp -ProjectName MyDemoProject\n" +
                "try { " + script + " } finally { Disconnect-CCAccount }", SampleData.BuildWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidParameterValue,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-" + parameter + " was given an empty value", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void Without_the_parameter_the_Connect_default_is_used()
        {
            var result = Shell.Run(
                "$null = Connect-CCAccount -SkipVerification -SpaceName ExampleCorp -ProjectName MyDemoProject\n" +
                "try { Get-CCWorkflow; [pscustomobject]@{ Id = $args[0] } | Get-CCWorkflow } finally { Disconnect-CCAccount }",
                SampleData.BuildWorkflowId);

            Assert.Empty(result.Errors);
            Assert.True(result.Output.Count >= 3);
            Assert.Equal(SampleData.BuildWorkflowName, result.Output.Last().Properties["Name"].Value);
        }

        [Theory]
        [InlineData("cc-token-part-9d8c7b\r\nX-Injected: yes", "line break")]
        [InlineData("cc-token-part-9d8c7b\nX-Injected: yes", "line break")]
        [InlineData("cc-t\u00f6ken-part-9d8c7b", "non-ASCII")]
        [InlineData("cc-token\u0000part-9d8c7b", "control character")]
        [InlineData("cc-token part-9d8c7b", "space")]
        public void A_token_a_header_cannot_carry_is_refused_once_locally_without_showing_it(string token, string kind)
        {
            var result = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Token $args[0] -Verbose",
                EmulatorSession.ToSecureString(token));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidTokenCharacters,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("-Token parameter", error.Exception.Message);
            Assert.Contains(kind, error.Exception.Message);
            Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("Retrying"));
            Assert.DoesNotContain("part-9d8c7b", result.AllText());
            Assert.DoesNotContain("X-Injected", result.AllText());
            Assert.Empty(_session.Emulator.Requests);
        }

        [Fact]
        public void Connect_with_SkipVerification_refuses_such_a_token_and_stores_nothing()
        {
            var result = Shell.Run(
                "Connect-CCAccount -SkipVerification -Token $args[0] -SpaceName ExampleCorp -ProjectName MyDemoProject; Get-CCWorkflowRun",
                EmulatorSession.ToSecureString("cc-token-part\r\nX-Injected: yes"));

            Assert.StartsWith("InvalidTokenCharacters,", result.Errors.First().FullyQualifiedErrorId);
            Assert.Empty(result.Output);
            // No default space was stored, so the next call stops at its input check.
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidParameterValue,"));
            Assert.DoesNotContain("X-Injected", result.AllText());
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Theory]
        [InlineData("$args[0], $args[1] | Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -ClientToken rerun-42")]
        [InlineData("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0], $args[1] -ClientToken rerun-42")]
        [InlineData("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject | Start-CCWorkflowRun -ClientToken rerun-42 -Wait")]
        public void A_ClientToken_with_more_than_one_workflow_is_an_error_before_anything_starts(string script)
        {
            var result = Shell.Run(script, SampleData.BuildWorkflowId, SampleData.LintWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ClientTokenWithManyWorkflows,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("rerun-42", error.TargetObject);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount("StartWorkflowRun"));
        }

        [Fact]
        public void A_ClientToken_with_one_piped_workflow_starts_it_once_and_again_returns_the_same_run()
        {
            var script = "$args[0] | Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -ClientToken $args[1]";
            var token = "single-" + System.Guid.NewGuid().ToString("N").Substring(0, 12);

            var first = Shell.Run(script, SampleData.LintWorkflowId, token);
            var again = Shell.Run(script, SampleData.LintWorkflowId, token);

            Assert.Empty(first.Errors);
            Assert.Empty(again.Errors);
            Assert.Equal(Assert.Single(first.Output).Properties["Id"].Value, Assert.Single(again.Output).Properties["Id"].Value);
            Assert.Equal(2, _session.ApiRequestCount("StartWorkflowRun"));
        }
    }
}
