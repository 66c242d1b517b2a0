using System;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Spaces, subscriptions and projects, through the cmdlets, over HTTP against the emulator.</summary>
    public sealed class SpaceAndProjectCmdletTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private readonly EmulatorSession _session;

        public SpaceAndProjectCmdletTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose() => _session.Emulator.Reset();

        [Fact]
        public void Get_CCSpace_lists_spaces_and_gets_one_by_name()
        {
            var all = Shell.Run("Get-CCSpace");
            Assert.Empty(all.Errors);
            Assert.Equal(new[] { SampleData.SecondSpaceName, SampleData.SpaceName }, all.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n));
            Assert.All(all.Output, space => Assert.Equal("CodeCatalyst.Models.Space", space.BaseObject.GetType().FullName));

            var one = Shell.Run("Get-CCSpace -Name ExampleCorp");
            var space = Assert.Single(one.Output);
            Assert.Equal("us-west-2", space.Properties["RegionName"].Value);
            Assert.Equal(1, _session.ApiRequestCount("GetSpace"));
        }

        [Fact]
        public void Get_CCSpace_matches_wildcards_without_case_and_reports_a_missing_exact_name()
        {
            var result = Shell.Run("Get-CCSpace -Name 'example*', 'NoSuchSpace'");
            Assert.Equal(SampleData.SpaceName, Assert.Single(result.Output).Properties["Name"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("NoSuchSpace", error.TargetObject);
            Assert.Contains("Get-CCSpace", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_space_pipes_into_its_projects_and_the_projects_carry_their_space()
        {
            var result = Shell.Run("Get-CCSpace -Name ExampleCorp | Get-CCProject");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { SampleData.PipelineProjectName, SampleData.ProjectName }, result.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n));
            Assert.All(result.Output, project =>
            {
                Assert.Equal("CodeCatalyst.Models.Project", project.BaseObject.GetType().FullName);
                Assert.Equal(SampleData.SpaceName, project.Properties["SpaceName"].Value);
                Assert.Equal(project.Properties["Name"].Value, project.Properties["ProjectName"].Value);
            });
        }

        [Fact]
        public void A_project_pipes_into_its_workflows()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name MyDemoProject | Get-CCWorkflow");
            Assert.Empty(result.Errors);
            Assert.Contains(result.Output, workflow => (string)workflow.Properties["Name"].Value == SampleData.BuildWorkflowName);

            // The same with the project given as a parameter, and for runs.
            var byParameter = Shell.Run("$p = Get-CCProject -SpaceName ExampleCorp -Name MyDemoProject; Get-CCWorkflow -Project $p; $p | Get-CCWorkflowRun -First 1");
            Assert.Empty(byParameter.Errors);
            Assert.Contains(byParameter.Output, o => o.BaseObject.GetType().Name == "WorkflowSummary");
            var listing = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListWorkflowRuns");
            Assert.Contains("/spaces/ExampleCorp/projects/MyDemoProject/", listing.Path);
        }

        [Fact]
        public void A_project_name_pattern_is_sent_as_the_services_BEGINS_WITH_filter_and_matched_here_too()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name 'MyDemo*'");
            Assert.Empty(result.Errors);
            Assert.Equal(SampleData.ProjectName, Assert.Single(result.Output).Properties["Name"].Value);
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListProjects");
            Assert.Contains("\"BEGINS_WITH\"", request.Body);
            Assert.Contains("\"MyDemo\"", request.Body);
        }

        [Fact]
        public void The_services_own_filters_are_taken_as_hashtables_with_the_API_member_names()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Filter @{ key = 'name'; values = @('DataPipeline'); comparisonOperator = 'EQ' }");
            Assert.Empty(result.Errors);
            Assert.Equal(SampleData.PipelineProjectName, Assert.Single(result.Output).Properties["Name"].Value);
        }

        [Fact]
        public void Get_CCSubscription_reads_the_space_of_a_piped_space()
        {
            var result = Shell.Run("Get-CCSpace -Name ExampleCorp | Get-CCSubscription");
            Assert.Empty(result.Errors);
            var subscription = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.Subscription", subscription.BaseObject.GetType().FullName);
            Assert.Equal(SampleData.SpaceName, subscription.Properties["SpaceName"].Value);
        }

        [Fact]
        public void New_Update_and_Remove_CCProject_create_change_and_delete_a_project()
        {
            var created = Shell.Run("New-CCProject -SpaceName ExampleCorp -DisplayName 'Release Tools' -Description 'first'");
            Assert.Empty(created.Errors);
            var project = Assert.Single(created.Output);
            var name = (string)project.Properties["Name"].Value;
            Assert.Equal("ExampleCorp", project.Properties["SpaceName"].Value);

            var listed = Shell.Run("Get-CCProject -SpaceName ExampleCorp | Where-Object Name -eq $args[0]", name);
            Assert.Single(listed.Output);

            var updated = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name $args[0] | Update-CCProject -Description 'second' -PassThru", name);
            Assert.Empty(updated.Errors);
            Assert.Equal("second", Assert.Single(updated.Output).Properties["Description"].Value);

            var removed = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name $args[0] | Remove-CCProject -Force", name);
            Assert.Empty(removed.Errors);
            Assert.Empty(removed.Output);
            var gone = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name $args[0]", name);
            Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(gone.Errors).CategoryInfo.Category);
        }

        [Fact]
        public void Creating_a_project_whose_name_is_taken_is_ResourceExists_with_advice()
        {
            var result = Shell.Run("New-CCProject -SpaceName ExampleCorp -DisplayName MyDemoProject");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal("MyDemoProject", error.TargetObject);
        }

        [Fact]
        public void WhatIf_names_the_project_and_its_space_and_sends_nothing()
        {
            var result = Shell.Run(@"
                Remove-CCProject -SpaceName ExampleCorp -Name MyDemoProject -WhatIf
                New-CCProject -SpaceName ExampleCorp -DisplayName 'Never Made' -WhatIf
                Update-CCSpace -Name ExampleCorp -Description x -WhatIf
                Remove-CCSpace -Name AnyCompany -WhatIf -Force");
            Assert.Empty(result.Errors);
            Assert.Equal(0, _session.ApiRequestCount());

            // When the change goes ahead, the same target is what the verbose stream names.
            var confirmed = Shell.Run("Update-CCProject -SpaceName ExampleCorp -Name MyDemoProject -Description d -Confirm:$false -Verbose");
            Assert.Empty(confirmed.Errors);
            Assert.Contains(confirmed.Verbose, record => record.Message.Contains("project MyDemoProject in space ExampleCorp"));
        }

        [Fact]
        public void Remove_cmdlets_are_high_impact_with_Force_and_every_change_supports_WhatIf_and_Confirm()
        {
            foreach (var name in new[] { "Remove-CCProject", "Remove-CCSpace" })
            {
                var impact = Shell.Run("(Get-Command $args[0]).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact", name);
                Assert.Equal("High", Assert.Single(impact.Output).ToString());
                Assert.Contains("Force", Shell.Run("(Get-Command $args[0]).Parameters.Keys", name).Output.Select(o => o.ToString()));
            }

            foreach (var name in new[] { "New-CCProject", "Update-CCProject", "Remove-CCProject", "Update-CCSpace", "Remove-CCSpace" })
            {
                var parameters = Shell.Run("(Get-Command $args[0]).Parameters.Keys", name).Output.Select(o => o.ToString()).ToList();
                Assert.Contains("WhatIf", parameters);
                Assert.Contains("Confirm", parameters);
            }
        }

        [Fact]
        public void Remove_CCSpace_with_Force_deletes_the_space_and_its_projects()
        {
            var result = Shell.Run("Remove-CCSpace -Name AnyCompany -Force -PassThru");
            Assert.Empty(result.Errors);
            Assert.Equal(SampleData.SecondSpaceName, Assert.Single(result.Output).Properties["Name"].Value);
            var gone = Shell.Run("Get-CCProject -SpaceName AnyCompany");
            Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(gone.Errors).CategoryInfo.Category);
        }

        [Fact]
        public void Bad_names_are_refused_before_any_request_even_under_WhatIf()
        {
            var result = Shell.Run(@"
                Get-CCProject -SpaceName ExampleCorp -Name ""bad`nname""
                Remove-CCProject -SpaceName ExampleCorp -Name ""MyDemoProject`n"" -WhatIf
                Update-CCSpace -Name ('x' * 64) -Description d -WhatIf");
            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void An_empty_optional_description_is_refused_for_what_it_is_not_as_missing()
        {
            var result = Shell.Run("New-CCProject -SpaceName ExampleCorp -DisplayName 'Some Project' -Description ''");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-Description ''", error.Exception.Message);
            Assert.DoesNotContain("required", error.Exception.Message);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void Update_CCSpace_changes_the_description()
        {
            var result = Shell.Run("Get-CCSpace -Name ExampleCorp | Update-CCSpace -Description 'new words' -PassThru");
            Assert.Empty(result.Errors);
            Assert.Equal("new words", Assert.Single(result.Output).Properties["Description"].Value);
            Assert.Equal("new words", Shell.Run("(Get-CCSpace -Name ExampleCorp).Description").Output.Single().ToString());
        }
    }
}
