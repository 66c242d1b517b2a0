using System;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Source repositories, their branches and clone URLs, through the cmdlets, over HTTP against the emulator.</summary>
    public sealed class SourceRepositoryCmdletTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private const string InProject = "-SpaceName ExampleCorp -ProjectName MyDemoProject";
        private readonly EmulatorSession _session;

        public SourceRepositoryCmdletTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose()
        {
            Shell.Run("Disconnect-CCAccount");
            _session.Emulator.Reset();
        }

        private static string[] Names(ScriptResult result) =>
            result.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        [Fact]
        public void Get_CCSourceRepository_lists_a_projects_repositories_each_carrying_its_space_and_project()
        {
            var result = Shell.Run($"Get-CCSourceRepository {InProject}");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { SampleData.DocsRepositoryName, SampleData.SourceRepositoryName }, Names(result));
            Assert.All(result.Output, repository =>
            {
                Assert.Equal("CodeCatalyst.Models.SourceRepository", repository.BaseObject.GetType().FullName);
                Assert.Equal(SampleData.SpaceName, repository.Properties["SpaceName"].Value);
                Assert.Equal(SampleData.ProjectName, repository.Properties["ProjectName"].Value);
                Assert.Equal(repository.Properties["Name"].Value, repository.Properties["SourceRepositoryName"].Value);
                Assert.False(string.IsNullOrEmpty((string?)repository.Properties["Id"].Value));
                Assert.IsType<DateTime>(repository.Properties["CreatedTime"].Value);
            });
        }

        [Fact]
        public void First_asks_the_service_for_only_that_many_repositories()
        {
            var result = Shell.Run($"Get-CCSourceRepository {InProject} -First 1");
            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListSourceRepositories");
            Assert.Contains("\"maxResults\":1", request.Body);
        }

        [Fact]
        public void An_exact_name_is_read_with_GetSourceRepository_and_a_missing_one_is_ObjectNotFound_with_advice()
        {
            var result = Shell.Run($"Get-CCSourceRepository {InProject} -Name MyDemoRepo, NoSuchRepo");
            Assert.Equal(SampleData.SourceRepositoryName, Assert.Single(result.Output).Properties["Name"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("NoSuchRepo", error.TargetObject);
            Assert.Contains("Get-CCSourceRepository", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, _session.ApiRequestCount("GetSourceRepository"));
            Assert.Equal(0, _session.ApiRequestCount("ListSourceRepositories"));
        }

        [Fact]
        public void A_repository_read_by_name_shows_as_its_name_and_has_no_made_up_id_or_times()
        {
            // GetSourceRepository answers without an id, CreateSourceRepository without times: what the service did
            // not send is $null, never "" or the year 0001.
            var read = Shell.Run($"$r = Get-CCSourceRepository {InProject} -Name MyDemoRepo; \"$r\"; $null -eq $r.Id; $r.LastUpdatedTime.Kind");
            Assert.Empty(read.Errors);
            Assert.Equal(new[] { "MyDemoRepo", "True", "Local" }, read.Output.Select(o => o.ToString()));

            var created = Shell.Run($"$r = New-CCSourceRepository {InProject} -Name fresh-repo; \"$r\"; $null -eq $r.CreatedTime; $null -eq $r.LastUpdatedTime");
            Assert.Empty(created.Errors);
            Assert.Equal(new[] { "fresh-repo", "True", "True" }, created.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void A_pattern_lists_the_repositories_and_keeps_the_matching_ones_without_case()
        {
            var result = Shell.Run($"Get-CCSourceRepository {InProject} -Name 'mydemo*', '*docs'");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { SampleData.DocsRepositoryName, SampleData.SourceRepositoryName }, Names(result));
            Assert.Equal(1, _session.ApiRequestCount("ListSourceRepositories"));
            Assert.Equal(0, _session.ApiRequestCount("GetSourceRepository"));

            var none = Shell.Run($"Get-CCSourceRepository {InProject} -Name 'zzz*'");
            Assert.Empty(none.Errors);
            Assert.Empty(none.Output);
        }

        [Fact]
        public void The_chain_from_a_space_to_branches_carries_every_parents_key()
        {
            var result = Shell.Run("Get-CCSpace | Get-CCProject | Get-CCSourceRepository | Get-CCSourceRepositoryBranch");
            Assert.Empty(result.Errors);
            Assert.All(result.Output, branch =>
            {
                Assert.Equal("CodeCatalyst.Models.SourceRepositoryBranch", branch.BaseObject.GetType().FullName);
                Assert.False(string.IsNullOrEmpty((string)branch.Properties["SpaceName"].Value));
                Assert.False(string.IsNullOrEmpty((string)branch.Properties["ProjectName"].Value));
                Assert.Equal("refs/heads/" + branch.Properties["Name"].Value, branch.Properties["Ref"].Value);
            });
            var keys = result.Output.Select(b => $"{b.Properties["SpaceName"].Value}/{b.Properties["ProjectName"].Value}/{b.Properties["SourceRepositoryName"].Value}/{b.Properties["Name"].Value}").ToList();
            Assert.Contains("ExampleCorp/MyDemoProject/MyDemoRepo/feature/login", keys);
            Assert.Contains("ExampleCorp/MyDemoProject/MyDemoDocs/main", keys);
            Assert.Contains("ExampleCorp/DataPipeline/pipeline-jobs/main", keys);
            Assert.Contains(keys, key => key.StartsWith("AnyCompany/", StringComparison.Ordinal));
        }

        [Fact]
        public void A_piped_project_lists_its_repositories_and_is_never_taken_for_a_repository_name()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name MyDemoProject | Get-CCSourceRepository");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { SampleData.DocsRepositoryName, SampleData.SourceRepositoryName }, Names(result));
            Assert.Equal(0, _session.ApiRequestCount("GetSourceRepository"));

            var created = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name DataPipeline | New-CCSourceRepository -Name etl-scripts -Description 'jobs'");
            Assert.Empty(created.Errors);
            var repository = Assert.Single(created.Output);
            Assert.Equal("DataPipeline", repository.Properties["ProjectName"].Value);
            Assert.Equal("etl-scripts", repository.Properties["Name"].Value);
            Assert.Equal("jobs", repository.Properties["Description"].Value);
        }

        [Fact]
        public void Branch_names_match_exactly_or_by_pattern_without_case_and_a_missing_exact_name_is_ObjectNotFound()
        {
            var result = Shell.Run($"Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name MAIN, 'Feature/*', nosuch");
            Assert.Equal(new[] { SampleData.FeatureBranchName, SampleData.SourceBranchName }, Names(result));
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("SourceRepositoryBranchNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("nosuch", error.TargetObject);
            Assert.Contains("Get-CCSourceRepositoryBranch", error.ErrorDetails.RecommendedAction);
            Assert.Equal(1, _session.ApiRequestCount("ListSourceRepositoryBranches"));

            // -First may stop the listing before a name comes up, so it does not claim the name is missing.
            var first = Shell.Run($"Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name nosuch -First 1");
            Assert.Empty(first.Errors);
            Assert.Empty(first.Output);
        }

        [Fact]
        public void Branches_of_a_missing_repository_are_ObjectNotFound_about_the_repository()
        {
            var result = Shell.Run($"Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName NoSuchRepo");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("NoSuchRepo", error.TargetObject);
            Assert.Contains("Get-CCSourceRepository", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_repository_pipes_into_its_clone_url_which_shows_as_the_url()
        {
            var result = Shell.Run($"Get-CCSourceRepository {InProject} -Name MyDemoRepo | Get-CCSourceRepositoryCloneUrl");
            Assert.Empty(result.Errors);
            var url = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.SourceRepositoryCloneUrl", url.BaseObject.GetType().FullName);
            Assert.Equal(SampleData.SpaceName, url.Properties["SpaceName"].Value);
            Assert.Equal(SampleData.ProjectName, url.Properties["ProjectName"].Value);
            Assert.Equal(SampleData.SourceRepositoryName, url.Properties["SourceRepositoryName"].Value);
            var https = (string)url.Properties["Https"].Value;
            Assert.StartsWith("https://", https);
            Assert.EndsWith("/ExampleCorp/MyDemoProject/MyDemoRepo", https);
            Assert.Equal(https, url.BaseObject.ToString());
        }

        [Fact]
        public void A_repository_pipes_into_a_new_branch_which_carries_its_parents_and_then_lists_the_same()
        {
            var created = Shell.Run($"Get-CCSourceRepository {InProject} -Name MyDemoRepo | New-CCSourceRepositoryBranch -Name feature/pipe");
            Assert.Empty(created.Errors);
            var branch = Assert.Single(created.Output);
            Assert.Equal("CodeCatalyst.Models.SourceRepositoryBranch", branch.BaseObject.GetType().FullName);
            Assert.Equal(SampleData.SpaceName, branch.Properties["SpaceName"].Value);
            Assert.Equal(SampleData.ProjectName, branch.Properties["ProjectName"].Value);
            Assert.Equal(SampleData.SourceRepositoryName, branch.Properties["SourceRepositoryName"].Value);
            Assert.Equal("feature/pipe", branch.Properties["Name"].Value);
            Assert.Equal("feature/pipe", branch.BaseObject.ToString());
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateSourceRepositoryBranch");
            Assert.EndsWith("/sourceRepositories/MyDemoRepo/branches/feature%2Fpipe", request.Path);

            // The create answer and the listed branch are two shapes of the model; both fill the same properties.
            var listed = Assert.Single(Shell.Run($"Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name feature/pipe").Output);
            foreach (var property in new[] { "SpaceName", "ProjectName", "SourceRepositoryName", "Ref", "Name", "HeadCommitId", "LastUpdatedTime" })
            {
                Assert.NotNull(branch.Properties[property].Value);
                Assert.Equal(listed.Properties[property].Value, branch.Properties[property].Value);
            }
        }

        [Fact]
        public void A_piped_branch_starts_the_new_branch_at_its_head_commit()
        {
            var result = Shell.Run($@"
                $feature = Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name feature/login
                $made = $feature | New-CCSourceRepositoryBranch -Name release/1.0
                $made.HeadCommitId -eq $feature.HeadCommitId
                $made.SourceRepositoryName");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "True", "MyDemoRepo" }, result.Output.Select(o => o.ToString()));
            Assert.Contains("\"headCommitId\"", Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateSourceRepositoryBranch").Body);
        }

        [Fact]
        public void A_branch_that_exists_is_ResourceExists_and_an_unknown_head_commit_ObjectNotFound()
        {
            var result = Shell.Run($@"
                New-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name main
                New-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name topic -HeadCommitId 0000000000000000000000000000000000000000");
            Assert.Empty(result.Output);
            Assert.Equal(2, result.Errors.Count);
            Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
            Assert.Equal("main", result.Errors[0].TargetObject);
            Assert.Contains("Get-CCSourceRepositoryBranch", result.Errors[0].ErrorDetails.RecommendedAction);
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
            Assert.Equal("topic", result.Errors[1].TargetObject);
        }

        [Fact]
        public void New_and_Remove_CCSourceRepository_create_and_delete_a_repository_with_its_branches()
        {
            var created = Shell.Run($"New-CCSourceRepository {InProject} -Name scratch -Description 'for a test'");
            Assert.Empty(created.Errors);
            Assert.Equal("for a test", Assert.Single(created.Output).Properties["Description"].Value);
            Assert.Contains("scratch", Names(Shell.Run($"Get-CCSourceRepository {InProject}")));
            Assert.Equal(new[] { "main" }, Names(Shell.Run($"Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName scratch")));

            var removed = Shell.Run($"Get-CCSourceRepository {InProject} -Name scratch | Remove-CCSourceRepository -Force -PassThru");
            Assert.Empty(removed.Errors);
            var report = Assert.Single(removed.Output);
            Assert.Equal("scratch", report.Properties["Name"].Value);
            Assert.Equal(SampleData.ProjectName, report.Properties["ProjectName"].Value);

            var gone = Shell.Run($"Get-CCSourceRepository {InProject} -Name scratch; Get-CCSourceRepositoryBranch {InProject} -SourceRepositoryName scratch");
            Assert.Equal(2, gone.Errors.Count);
            Assert.All(gone.Errors, error => Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category));

            var quiet = Shell.Run($"New-CCSourceRepository {InProject} -Name scratch2 | Remove-CCSourceRepository -Force");
            Assert.Empty(quiet.Errors);
            Assert.Empty(quiet.Output);
        }

        [Fact]
        public void A_failing_item_does_not_stop_the_others()
        {
            var result = Shell.Run($"'MyDemoRepo', 'one-more' | ForEach-Object {{ New-CCSourceRepository {InProject} -Name $_ }}");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal("MyDemoRepo", error.TargetObject);
            Assert.Equal("one-more", Assert.Single(result.Output).Properties["Name"].Value);

            // Repository objects, as Get-CCSourceRepository writes them: the first names one that does not exist.
            var removed = Shell.Run($@"
                @([CodeCatalyst.Models.SourceRepository]@{{ SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject'; Name = 'NoSuchRepo' }},
                  (Get-CCSourceRepository {InProject} -Name 'one-more')) |
                    Remove-CCSourceRepository -Force -PassThru");
            Assert.Equal("NoSuchRepo", Assert.Single(removed.Errors).TargetObject);
            Assert.Equal("one-more", Assert.Single(removed.Output).Properties["Name"].Value);
        }

        [Fact]
        public void WhatIf_names_the_resource_and_its_parents_and_sends_nothing()
        {
            var result = Shell.Run($@"
                New-CCSourceRepository {InProject} -Name never-made -WhatIf
                Remove-CCSourceRepository {InProject} -Name MyDemoRepo -WhatIf -Force
                Get-CCSourceRepository {InProject} -Name MyDemoRepo | New-CCSourceRepositoryBranch -Name never -WhatIf");
            Assert.Empty(result.Errors);
            Assert.Equal(1, _session.ApiRequestCount());
            Assert.Equal(1, _session.ApiRequestCount("GetSourceRepository"));

            var confirmed = Shell.Run($@"
                New-CCSourceRepository {InProject} -Name confirmed-repo -Confirm:$false -Verbose | Out-Null
                New-CCSourceRepositoryBranch {InProject} -SourceRepositoryName confirmed-repo -Name dev -Confirm:$false -Verbose | Out-Null
                Remove-CCSourceRepository {InProject} -Name confirmed-repo -Force -Verbose");
            Assert.Empty(confirmed.Errors);
            var verbose = string.Join("\n", confirmed.Verbose.Select(v => v.Message));
            Assert.Contains("source repository confirmed-repo in ExampleCorp/MyDemoProject", verbose);
            Assert.Contains("branch dev of ExampleCorp/MyDemoProject/confirmed-repo", verbose);
        }

        [Fact]
        public void Remove_is_high_impact_with_Force_and_the_creates_are_medium()
        {
            string Impact(string name) => Shell.Run(
                "(Get-Command $args[0]).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact",
                name).Output.Single().ToString();

            Assert.Equal("High", Impact("Remove-CCSourceRepository"));
            Assert.Contains("Force", Shell.Run("(Get-Command Remove-CCSourceRepository).Parameters.Keys").Output.Select(o => o.ToString()));
            Assert.Equal("Medium", Impact("New-CCSourceRepository"));
            Assert.Equal("Medium", Impact("New-CCSourceRepositoryBranch"));

            // With $ConfirmPreference at its default (High), only the Remove asks; a host that cannot ask stops it.
            var asked = Shell.Run($"Remove-CCSourceRepository {InProject} -Name MyDemoDocs");
            Assert.True(asked.Terminating != null || asked.Errors.Count > 0);
            Assert.Equal(0, _session.ApiRequestCount("DeleteSourceRepository"));
        }

        [Fact]
        public void Bad_input_is_refused_before_any_request_even_under_WhatIf()
        {
            var result = Shell.Run($@"
                Get-CCSourceRepository {InProject} -Name 'repo.git'
                New-CCSourceRepository {InProject} -Name ('r' * 101) -WhatIf
                New-CCSourceRepository {InProject} -Name 'has space' -WhatIf
                Remove-CCSourceRepository {InProject} -Name 'x.git' -WhatIf
                New-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name ('b' * 101) -WhatIf
                Get-CCSourceRepositoryCloneUrl {InProject} -SourceRepositoryName 'bad/name'
                Get-CCSourceRepositoryBranch -SpaceName ExampleCorp -ProjectName '' -SourceRepositoryName MyDemoRepo");
            Assert.Equal(7, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void Space_and_project_default_to_Connect_CCAccount_and_an_empty_value_never_does()
        {
            var connected = Shell.Run("Connect-CCAccount -Token $CCToken -EndpointUrl $CCEndpoint -SpaceName ExampleCorp -ProjectName MyDemoProject | Out-Null; Get-CCSourceRepository MyDemoRepo | Get-CCSourceRepositoryCloneUrl");
            Assert.Empty(connected.Errors);
            Assert.Single(connected.Output);

            var empty = Shell.Run("Get-CCSourceRepository -ProjectName $null");
            Assert.Equal(ErrorCategory.InvalidArgument, Assert.Single(empty.Errors).CategoryInfo.Category);
            Assert.Contains("-ProjectName", empty.Errors[0].Exception.Message);
        }

        [Fact]
        public void Repository_names_complete_from_the_project_typed_or_connected()
        {
            string[] Complete(string line) => Shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line)
                .Output.Select(match => ((CompletionResult)match.BaseObject).CompletionText).OrderBy(text => text, StringComparer.Ordinal).ToArray();

            Shell.Run("Connect-CCAccount -EndpointUrl $CCEndpoint -Token $CCToken -SpaceName ExampleCorp -ProjectName MyDemoProject | Out-Null");
            Assert.Equal(new[] { SampleData.DocsRepositoryName, SampleData.SourceRepositoryName }, Complete("Get-CCSourceRepositoryBranch -SourceRepositoryName my"));
            Assert.Equal(new[] { SampleData.SourceRepositoryName }, Complete("Remove-CCSourceRepository -Name MyDemoR"));
            Assert.Equal(new[] { SampleData.PipelineRepositoryName }, Complete("Get-CCSourceRepositoryCloneUrl -ProjectName DataPipeline -SourceRepositoryName "));
            Assert.Equal(new[] { SampleData.PipelineProjectName }, Complete("Get-CCSourceRepository -ProjectName Data"));
        }

        [Fact]
        public void No_output_stream_or_error_shows_the_token()
        {
            var result = Shell.Run($@"
                Get-CCSourceRepository {InProject} -Name MyDemoRepo, NoSuchRepo -Verbose -Debug
                New-CCSourceRepositoryBranch {InProject} -SourceRepositoryName MyDemoRepo -Name main -Verbose -Debug
                Get-CCSourceRepositoryCloneUrl {InProject} MyDemoRepo -Verbose -Debug");
            Assert.Equal(2, result.Errors.Count);
            Assert.DoesNotContain(EmulatorSession.TestToken, result.AllText());
        }
    }
}
