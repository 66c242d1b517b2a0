using System;
using System.Linq;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// The module builds verbose and debug text only when PowerShell would write it. These pin down that every
    /// way a user turns the streams on still gets the messages, and that turning them off is honoured.
    /// </summary>
    public sealed class DiagnosticsPreferenceTests : IDisposable
    {
        private const string RunId = "00000000-0000-4000-8000-000000000001";
        private const string StubToken = "stub-token-5a8e1c";
        private const string Call = "Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0] -EndpointUrl $args[1] -Token $args[2]";
        private readonly PowerShellSession _shell = new();
        private readonly DelayingRunStub _stub = new(_ => TimeSpan.Zero);

        public void Dispose()
        {
            _stub.Dispose();
            _shell.Dispose();
        }

        private ScriptResult Run(string script) =>
            _shell.Run(script, RunId, _stub.BaseAddress, EmulatorSession.ToSecureString(StubToken));

        private static bool HasRequestLine(ScriptResult result) => result.Verbose.Any(record => record.Message.Contains("-> 200"));

        private static bool HasRequestDebug(ScriptResult result) => result.Debug.Any(record => record.Message.StartsWith("HTTP request:"));

        [Fact]
        public void VerbosePreference_Continue_writes_the_request_line_without_a_Verbose_switch()
        {
            var result = Run("$VerbosePreference = 'Continue'; " + Call);

            Assert.Empty(result.Errors);
            Assert.True(HasRequestLine(result));
        }

        [Fact]
        public void Verbose_from_an_advanced_function_reaches_the_cmdlet_it_calls()
        {
            var result = Run("function Get-Run { [CmdletBinding()] param($Id, $Url, $Token) " +
                             "Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $Id -EndpointUrl $Url -Token $Token }; " +
                             "Get-Run $args[0] $args[1] $args[2] -Verbose");

            Assert.Empty(result.Errors);
            Assert.True(HasRequestLine(result));
        }

        [Fact]
        public void Verbose_false_wins_over_the_preference_variable()
        {
            var result = Run("$VerbosePreference = 'Continue'; " + Call + " -Verbose:$false");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Verbose);
        }

        [Fact]
        public void DebugPreference_Continue_writes_request_headers_with_the_token_redacted()
        {
            var result = Run("$DebugPreference = 'Continue'; " + Call);

            Assert.Empty(result.Errors);
            Assert.True(HasRequestDebug(result));
            Assert.Contains(result.Debug, record => record.Message.Contains("Bearer <redacted>"));
            Assert.DoesNotContain(StubToken, result.AllText());
        }

        [Fact]
        public void Debug_switch_writes_debug_and_verbose_messages()
        {
            var result = Run(Call + " -Debug");

            Assert.Empty(result.Errors);
            Assert.True(HasRequestDebug(result));
            Assert.True(HasRequestLine(result));
        }

        [Fact]
        public void Nothing_is_written_to_verbose_or_debug_by_default()
        {
            var result = Run(Call);

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            Assert.Empty(result.Verbose);
            Assert.Empty(result.Debug);
        }
    }
}
