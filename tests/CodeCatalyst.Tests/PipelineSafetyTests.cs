using System;
using System.Linq;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Every piped object has a Name or an Id. The cmdlets that change or delete one resource take it by type, so an
    /// object of another kind (a workflow, a branch, a project piped to a space cmdlet) is refused by the binder and
    /// changes nothing, instead of naming a resource that happens to share its Name or Id.
    /// </summary>
    public sealed class PipelineSafetyTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private const string InProject = "-SpaceName ExampleCorp -ProjectName MyDemoProject";
        private const string AWorkflow = "@(Get-CCWorkflow " + InProject + ")[0]";
        private const string AProject = "Get-CCProject -SpaceName ExampleCorp -Name MyDemoProject";
        private const string ABranch = "@(Get-CCSourceRepositoryBranch " + InProject + " -SourceRepositoryName MyDemoRepo)[0]";
        private const string ASession = "[CodeCatalyst.Models.DevEnvironmentSession]@{ Id = 'session-1'; DevEnvironmentId = '" + SampleData.DevEnvironmentId + "'; SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject' }";
        private readonly EmulatorSession _session;

        public PipelineSafetyTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearRequests();
        }

        public void Dispose() => _session.Emulator.Reset();

        [Theory]
        [InlineData(AProject, "Remove-CCSpace -Force", "DeleteSpace")]
        [InlineData(AProject, "Update-CCSpace -Description 'x'", "UpdateSpace")]
        [InlineData(AWorkflow, "Remove-CCProject -Force", "DeleteProject")]
        [InlineData(AWorkflow, "Update-CCProject -Description 'x'", "UpdateProject")]
        [InlineData(ABranch, "Remove-CCSourceRepository -Force", "DeleteSourceRepository")]
        [InlineData(AWorkflow, "Remove-CCDevEnvironment -Force", "DeleteDevEnvironment")]
        [InlineData(ASession, "Stop-CCDevEnvironment", "StopDevEnvironment")]
        [InlineData(AWorkflow, "Start-CCDevEnvironment", "StartDevEnvironment")]
        [InlineData(AWorkflow, "Update-CCDevEnvironment -Alias 'x'", "UpdateDevEnvironment")]
        public void An_object_of_another_kind_is_refused_and_changes_nothing(string source, string change, string operation)
        {
            var sourceCount = _session.Shell.Run($"@({source}).Count");
            Assert.True(1 == Convert.ToInt32(sourceCount.Output.Single().BaseObject), string.Join("; ", sourceCount.Errors));

            var result = _session.Shell.Run($"{source} | {change} -Confirm:$false");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InputObjectNotBound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(0, _session.ApiRequestCount(operation));
        }

        [Theory]
        [InlineData(AProject, "Update-CCProject -Description 'from the pipeline' -PassThru", "Description", "from the pipeline")]
        [InlineData("Get-CCSpace -Name ExampleCorp", "Update-CCSpace -Description 'piped space' -PassThru", "Description", "piped space")]
        [InlineData("Get-CCDevEnvironment " + InProject + " -Id " + SampleData.DevEnvironmentId, "Update-CCDevEnvironment -Alias 'piped' -PassThru", "Alias", "piped")]
        public void The_resource_itself_binds_with_its_space_and_project(string source, string change, string property, string expected)
        {
            // No connection defaults: the space and project can only come from the piped object.
            _session.Shell.Run("Disconnect-CCAccount -Confirm:$false");
            var result = _session.Shell.Run($"{source} | {change}");

            Assert.Empty(result.Errors);
            Assert.Equal(expected, Assert.Single(result.Output).Properties[property].Value);
        }
    }
}
