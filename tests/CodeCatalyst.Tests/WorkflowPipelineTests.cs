using System;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>The runbook stories: list, start, wait, page, and fail loudly, through real pipelines.</summary>
    public sealed class WorkflowPipelineTests : IClassFixture<EmulatorSession>
    {
        private readonly EmulatorSession _session;

        public WorkflowPipelineTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        [Fact]
        public void The_README_chain_lists_starts_and_waits_for_the_build_workflow()
        {
            var result = Shell.Run(@"
                Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject |
                    Where-Object Name -eq 'build' | Start-CCWorkflowRun | Wait-CCWorkflowRun -TimeoutSec 60 -PollIntervalSec 1");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var run = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.WorkflowRun", run.BaseObject.GetType().FullName);
            Assert.Equal("SUCCEEDED", run.Properties["Status"].Value);
            Assert.Equal(SampleData.BuildWorkflowId, run.Properties["WorkflowId"].Value);
            Assert.Equal(SampleData.SpaceName, run.Properties["SpaceName"].Value);
            Assert.Equal(1, _session.ApiRequestCount("StartWorkflowRun"));
            Assert.Contains(result.Progress, p => p.Activity.Contains((string)run.Properties["Id"].Value));
            Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void Listed_workflows_carry_their_space_and_project_and_UTC_times()
        {
            var result = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject");

            Assert.Empty(result.Errors);
            Assert.True(result.Output.Count >= 2);
            foreach (var workflow in result.Output)
            {
                Assert.Equal("CodeCatalyst.Models.WorkflowSummary", workflow.BaseObject.GetType().FullName);
                Assert.Equal(SampleData.SpaceName, workflow.Properties["SpaceName"].Value);
                Assert.Equal(SampleData.ProjectName, workflow.Properties["ProjectName"].Value);
                Assert.Equal(DateTimeKind.Local, ((DateTime)workflow.Properties["CreatedTime"].Value).Kind);
                Assert.Equal(workflow.Properties["Id"].Value, workflow.Properties["WorkflowId"].Value);
            }

            Assert.Contains(result.Output, w => (string)w.Properties["Name"].Value == SampleData.FailingWorkflowName);
        }

        [Fact]
        public void Ids_on_the_pipeline_are_processed_one_by_one_and_a_bad_one_does_not_stop_the_rest()
        {
            var result = Shell.Run(
                "$args[0], '00000000-0000-0000-0000-000000000000', $args[1] | Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject",
                SampleData.BuildWorkflowId, SampleData.FailingWorkflowId);

            Assert.Equal(new[] { SampleData.BuildWorkflowName, SampleData.FailingWorkflowName },
                result.Output.Select(o => (string)o.Properties["Name"].Value));
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.StartsWith("ResourceNotFoundException,", error.FullyQualifiedErrorId);
            Assert.Equal("00000000-0000-0000-0000-000000000000", error.TargetObject);
            Assert.Contains("request id", error.ErrorDetails.Message);
            Assert.Equal(3, _session.ApiRequestCount("GetWorkflow"));
        }

        [Fact]
        public void WhatIf_starts_nothing_and_sends_no_request()
        {
            var result = Shell.Run(
                "Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -WhatIf",
                SampleData.BuildWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void A_bad_space_name_is_rejected_before_anything_is_sent()
        {
            var result = Shell.Run("Get-CCWorkflow -SpaceName 'Example Corp!' -ProjectName MyDemoProject");

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith("InvalidParameterValue,", error.FullyQualifiedErrorId);
            Assert.Contains("SpaceName", error.Exception.Message);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void A_malformed_client_token_is_rejected_at_binding_before_anything_is_sent()
        {
            var result = Shell.Run(
                "Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -ClientToken 'not a token!'",
                SampleData.BuildWorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void First_3_of_a_long_run_list_makes_one_request_and_Skip_pages_on()
        {
            _session.Emulator.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.LintWorkflowId, 120);
            _session.Emulator.ClearRequests();

            var first = Shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -First 3");
            Assert.Equal(3, first.Output.Count);
            Assert.Equal(1, _session.ApiRequestCount("ListWorkflowRuns"));

            _session.Emulator.ClearRequests();
            var all = Shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]",
                SampleData.LintWorkflowId);
            Assert.True(all.Output.Count >= 120);
            Assert.True(_session.ApiRequestCount("ListWorkflowRuns") >= 3, "120 runs take several pages of at most 50");
            Assert.Equal(all.Output.Count, all.Output.Select(o => o.Properties["Id"].Value).Distinct().Count());

            var skipped = Shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -Skip 2 -First 2",
                SampleData.LintWorkflowId);
            Assert.Equal(all.Output.Skip(2).Take(2).Select(o => o.Properties["Id"].Value),
                skipped.Output.Select(o => o.Properties["Id"].Value));
        }

        [Theory]
        [InlineData("Get-CCWorkflow")]
        [InlineData("Get-CCWorkflowRun")]
        public void Paging_parameters_are_offered_only_where_the_cmdlet_lists(string command)
        {
            var sets = Shell.Run("(Get-Command $args[0]).ParameterSets", command).Output
                .Select(o => (CommandParameterSetInfo)o.BaseObject).ToList();

            Assert.True(sets.Count >= 2);
            foreach (var set in sets)
            {
                var names = set.Parameters.Select(p => p.Name).ToList();
                foreach (var paging in new[] { "First", "Skip", "IncludeTotalCount" })
                {
                    Assert.True(names.Contains(paging) == (set.Name == "List"), $"{command} set {set.Name}: -{paging}");
                }
            }

            var byId = Shell.Run(command + " -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0] -First 1", SampleData.BuildWorkflowId);
            Assert.StartsWith("AmbiguousParameterSet,", Assert.Single(byId.Errors).FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void The_workflow_list_still_pages_and_counts()
        {
            var all = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject");
            var result = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -Skip 1 -First 2");
            var counted = Shell.Run(
                "$listed = Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject -IncludeTotalCount; $listed; $listed[-1].ToString()");

            Assert.Equal(all.Output.Skip(1).Take(2).Select(o => o.Properties["Id"].Value), result.Output.Select(o => o.Properties["Id"].Value));
            var total = counted.Output[^2];
            Assert.Equal((ulong)all.Output.Count, total.BaseObject);
            Assert.Equal(1.0, total.Properties["Accuracy"].Value);
            Assert.Equal($"Total count: {all.Output.Count}", counted.Output[^1].BaseObject);
        }

        [Fact]
        public void A_run_piped_to_Start_reruns_its_workflow()
        {
            var started = Shell.Run("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]",
                SampleData.LintWorkflowId);
            var runId = (string)Assert.Single(started.Output).Properties["Id"].Value;

            var rerun = Shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[0] | Start-CCWorkflowRun", runId);

            Assert.Empty(rerun.Errors);
            var second = Assert.Single(rerun.Output);
            Assert.Equal(SampleData.LintWorkflowId, second.Properties["WorkflowId"].Value);
            Assert.NotEqual(runId, second.Properties["Id"].Value);
        }

        [Fact]
        public void A_failed_run_writes_an_error_carrying_the_run_so_ErrorAction_Stop_fails_the_runbook()
        {
            var result = Shell.Run(
                "Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -Wait -PollIntervalSec 1 -ErrorAction Stop",
                SampleData.FailingWorkflowId);

            var stop = Assert.IsAssignableFrom<ActionPreferenceStopException>(result.Terminating);
            var record = stop.ErrorRecord;
            Assert.StartsWith("WorkflowRunFailed,", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, record.CategoryInfo.Category);
            var run = PSObject.AsPSObject(record.TargetObject);
            Assert.Equal("FAILED", run.Properties["Status"].Value);
            Assert.Contains("FAILED", record.Exception.Message);
        }

        [Fact]
        public void Without_ErrorAction_Stop_a_failed_run_is_still_output_and_the_error_is_non_terminating()
        {
            var result = Shell.Run(
                "$args | Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Wait -PollIntervalSec 1",
                SampleData.FailingWorkflowId, SampleData.LintWorkflowId);

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "FAILED", "SUCCEEDED" }, result.Output.Select(o => (string)o.Properties["Status"].Value));
            Assert.StartsWith("WorkflowRunFailed,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void A_superseded_run_is_a_warning_by_default_and_an_error_with_ErrorOnSuperseded()
        {
            // Both runs start in one command, so the first is still running when the second replaces it even on a
            // loaded machine (two separate commands could be further apart than a whole emulated run).
            var script = @"
                $first, $null = Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0], $args[0]
                $first | Wait-CCWorkflowRun -PollIntervalSec 1 @($args[1])";

            var warned = Shell.Run(script.Replace("@($args[1])", ""), SampleData.DeployWorkflowId);
            Assert.Equal("SUPERSEDED", Assert.Single(warned.Output).Properties["Status"].Value);
            Assert.Empty(warned.Errors);
            Assert.Contains(warned.Warnings, w => w.Message.Contains("SUPERSEDED"));

            var failed = Shell.Run(script.Replace("@($args[1])", "-ErrorOnSuperseded"), SampleData.DeployWorkflowId);
            Assert.StartsWith("WorkflowRunNotRun,", Assert.Single(failed.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void A_piped_run_or_start_result_is_read_again_by_its_own_id()
        {
            var result = Shell.Run(@"
                $started = Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]
                $started | Get-CCWorkflowRun
                Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -First 2 | Get-CCWorkflowRun", SampleData.LintWorkflowId);

            Assert.Empty(result.Errors);
            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Output, run => Assert.Equal("CodeCatalyst.Models.WorkflowRun", run.BaseObject.GetType().FullName));
            Assert.Equal(3, _session.ApiRequestCount("GetWorkflowRun"));
        }

        [Fact]
        public void Piped_workflows_list_the_runs_of_each_workflow()
        {
            Shell.Run("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]", SampleData.FailingWorkflowId);

            var result = Shell.Run(@"
                Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject |
                    Where-Object Name -eq 'integration-tests' | Get-CCWorkflowRun");

            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, run => Assert.Equal(SampleData.FailingWorkflowId, run.Properties["WorkflowId"].Value));
        }
    }
}
