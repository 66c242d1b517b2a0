using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Personal access tokens, users and the event log, through the cmdlets, over HTTP against the emulator:
    /// Get-/New-/Remove-CCAccessToken, Get-CCUser and Get-CCEventLog.
    /// </summary>
    public sealed class TokenUserEventCmdletTests : IClassFixture<EmulatorSession>, IDisposable
    {
        // Reads a SecureString back, with nothing but the engine's own types.
        private const string PlainSecret = "[System.Net.NetworkCredential]::new('', $t.Secret).Password";

        private readonly EmulatorSession _session;

        public TokenUserEventCmdletTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose()
        {
            _session.Emulator.ClearFaults();
            _session.Emulator.Reset();
        }

        private static string TypeName(PSObject value) => value.BaseObject.GetType().FullName!;

        private string[] TokenNames() =>
            Shell.Run("Get-CCAccessToken").Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        // ---- New-CCAccessToken and its secret ----

        [Fact]
        public void New_CCAccessToken_writes_the_secret_once_as_a_SecureString_and_the_listing_never_has_it()
        {
            var result = Shell.Run($"$t = New-CCAccessToken -Name ci-runner; $t; {PlainSecret}");
            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
            var created = result.Output[0];
            Assert.Equal("CodeCatalyst.Models.CreatedAccessToken", TypeName(created));
            Assert.IsType<SecureString>(created.Properties["Secret"].Value);
            Assert.Equal("ci-runner", created.ToString());
            var secret = (string)result.Output[1].BaseObject;
            Assert.True(secret.Length >= 32, "the secret is a real token");
            // One year from now when no -ExpiresTime is given, as the service documents.
            var expires = ((DateTime)created.Properties["ExpiresTime"].Value).ToUniversalTime();
            Assert.InRange(expires, DateTime.UtcNow.AddDays(364), DateTime.UtcNow.AddDays(366));
            Assert.DoesNotContain("expiresTime", Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateAccessToken").Body);

            var listed = Shell.Run("Get-CCAccessToken");
            Assert.Empty(listed.Errors);
            var token = Assert.Single(listed.Output);
            Assert.Equal("CodeCatalyst.Models.AccessToken", TypeName(token));
            Assert.Equal(created.Properties["Id"].Value, token.Properties["Id"].Value);
            Assert.Null(token.Properties["Secret"]);
            Assert.DoesNotContain(secret, listed.AllText());
        }

        [Fact]
        public void The_secret_shows_in_no_output_string_verbose_debug_or_error()
        {
            var result = Shell.Run(@"
                $DebugPreference = 'Continue'
                $t = New-CCAccessToken -Name quiet -Verbose -Debug
                $t
                ""$t""
                $t.ToString()
                $t | Remove-CCAccessToken -Force -Verbose -Debug
                $t | Remove-CCAccessToken -Force -Verbose -Debug
                $script:secret = " + PlainSecret);
            var secret = (string)Shell.Run("$script:secret").Output.Single().BaseObject;
            Assert.True(secret.Length >= 32);
            Assert.NotEmpty(result.Verbose);
            Assert.NotEmpty(result.Debug);
            Assert.Single(result.Errors); // the second removal: the token is gone
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            Assert.DoesNotContain(secret, result.AllText());
            Assert.DoesNotContain(secret.Substring(0, 12), result.AllText());
        }

        [Fact]
        public void AsPlainText_writes_the_secret_as_a_string_for_those_who_ask()
        {
            var result = Shell.Run("New-CCAccessToken -Name plain -AsPlainText");
            Assert.Empty(result.Errors);
            var created = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.CreatedAccessTokenPlainText", TypeName(created));
            Assert.True(((string)created.Properties["Secret"].Value).Length >= 32);
        }

        [Fact]
        public void ExpiresTime_goes_to_the_wire_as_UTC_and_a_past_time_is_refused_before_the_wire()
        {
            var result = Shell.Run("New-CCAccessToken -Name dated -ExpiresTime ([datetime]::new(2031, 5, 6, 7, 8, 9, [DateTimeKind]::Utc))");
            Assert.Empty(result.Errors);
            Assert.Contains("\"expiresTime\":\"2031-05-06T07:08:09.000Z\"", Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateAccessToken").Body);
            Assert.Equal(new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc), ((DateTime)result.Output.Single().Properties["ExpiresTime"].Value).ToUniversalTime());

            _session.Emulator.ClearRequests();
            var past = Shell.Run("New-CCAccessToken -Name late -ExpiresTime ([datetime]::Now.AddMinutes(-5))");
            var error = Assert.Single(past.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("InvalidParameterValue", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-ExpiresTime", error.Exception.Message);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        // ---- Get-CCAccessToken ----

        [Fact]
        public void Get_CCAccessToken_matches_names_client_side_and_a_missing_exact_name_is_ObjectNotFound()
        {
            Assert.Empty(Shell.Run("'ci-build', 'ci-deploy', 'laptop' | ForEach-Object { New-CCAccessToken -Name $_ } | Out-Null").Errors);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Get-CCAccessToken -Name 'CI-*', LAPTOP, nosuch");
            Assert.Equal(new[] { "ci-build", "ci-deploy", "laptop" }, result.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n));
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("AccessTokenNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("nosuch", error.TargetObject);
            Assert.Contains("Get-CCAccessToken", error.ErrorDetails.RecommendedAction);
            // One listing, and no filter of the service's (ListAccessTokens has none).
            var request = Assert.Single(_session.Emulator.Requests);
            Assert.Equal("ListAccessTokens", request.Operation);
            Assert.DoesNotContain("ci-", request.Body ?? "");

            Assert.Empty(Shell.Run("Get-CCAccessToken -Name 'zzz*'").Output);
        }

        [Fact]
        public void Get_CCAccessToken_reads_every_page_and_First_stops_early()
        {
            Assert.Empty(Shell.Run("1..12 | ForEach-Object { New-CCAccessToken -Name ('t' + $_) } | Out-Null").Errors);
            _session.Emulator.ClearRequests();

            var all = Shell.Run("Get-CCAccessToken");
            Assert.Empty(all.Errors);
            Assert.Equal(12, all.Output.Count);
            Assert.Equal(2, _session.ApiRequestCount("ListAccessTokens")); // the model caps a page at 10

            _session.Emulator.ClearRequests();
            var first = Shell.Run("Get-CCAccessToken -First 3");
            Assert.Equal(3, first.Output.Count);
            Assert.Contains("\"maxResults\":3", Assert.Single(_session.Emulator.Requests).Body);
        }

        // ---- Remove-CCAccessToken ----

        [Fact]
        public void Remove_is_high_impact_with_Force_and_New_is_medium()
        {
            Assert.Equal("High", Shell.Run("(Get-Command Remove-CCAccessToken).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact").Output.Single().ToString());
            Assert.Equal("Medium", Shell.Run("(Get-Command New-CCAccessToken).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact").Output.Single().ToString());
            Assert.Contains("Force", Shell.Run("(Get-Command Remove-CCAccessToken).Parameters.Keys").Output.Select(o => o.ToString()));
        }

        [Fact]
        public void WhatIf_sends_nothing_and_a_forced_removal_names_the_token_by_name_and_id()
        {
            var id = (string)Shell.Run("(New-CCAccessToken -Name doomed).Id").Output.Single().BaseObject;
            _session.Emulator.ClearRequests();

            var whatIf = Shell.Run("New-CCAccessToken -Name never -WhatIf; Get-CCAccessToken -Name doomed | Remove-CCAccessToken -WhatIf -Force; Remove-CCAccessToken -Id $args[0] -WhatIf", id);
            Assert.Empty(whatIf.Errors);
            Assert.Empty(whatIf.Output);
            Assert.Equal(1, _session.ApiRequestCount()); // the listing only
            Assert.Equal(1, _session.ApiRequestCount("ListAccessTokens"));

            var removed = Shell.Run("Get-CCAccessToken -Name doomed | Remove-CCAccessToken -Force -Verbose");
            Assert.Empty(removed.Errors);
            Assert.Empty(removed.Output);
            Assert.Contains(removed.Verbose, v => v.Message.Contains($"access token 'doomed' ({id})"));
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "DeleteAccessToken" && r.Path.EndsWith(id, StringComparison.Ordinal));
            Assert.Empty(TokenNames());
        }

        [Fact]
        public void Remove_takes_ids_and_tokens_new_ones_too_but_never_an_Id_from_another_kind_of_object()
        {
            Assert.Empty(Shell.Run("New-CCAccessToken -Name a; New-CCAccessToken -Name b | Out-Null").Errors);

            // A workflow has an Id too: it must not bind, or it would delete something else.
            _session.Emulator.ClearRequests();
            var workflow = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject | Remove-CCAccessToken -Force");
            Assert.NotEmpty(workflow.Errors);
            Assert.All(workflow.Errors, error => Assert.Equal("InputObjectNotBound", error.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(0, _session.ApiRequestCount("DeleteAccessToken"));
            Assert.Equal(new[] { "a", "b" }, TokenNames());

            // Straight from New-CCAccessToken, and by -Id.
            Assert.Empty(Shell.Run("New-CCAccessToken -Name temp | Remove-CCAccessToken -Force").Errors);
            Assert.Equal(new[] { "a", "b" }, TokenNames());
            var result = Shell.Run("Remove-CCAccessToken -Id (Get-CCAccessToken -Name a).Id, 'no-such-token' -Confirm:$false; 'after'");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("no-such-token", error.TargetObject);
            Assert.Contains("Get-CCAccessToken", error.ErrorDetails.RecommendedAction);
            Assert.Equal("after", result.Output.Single().ToString());
            Assert.Equal(new[] { "b" }, TokenNames());
        }

        [Fact]
        public void The_chain_removes_only_the_tokens_that_have_expired()
        {
            Assert.Empty(Shell.Run(@"
                New-CCAccessToken -Name soon -ExpiresTime ([datetime]::UtcNow.AddSeconds(2)) | Out-Null
                New-CCAccessToken -Name later -ExpiresTime ([datetime]::UtcNow.AddHours(5)) | Out-Null
                New-CCAccessToken -Name next-year | Out-Null").Errors);
            Thread.Sleep(TimeSpan.FromSeconds(3));

            var result = Shell.Run("Get-CCAccessToken | Where-Object ExpiresTime -lt ([datetime]::Now) | Remove-CCAccessToken -Force");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "later", "next-year" }, TokenNames());
        }

        // ---- Retries of CreateAccessToken, which has no idempotency token ----

        [Fact]
        public void Create_failing_with_a_server_error_after_the_service_acted_is_not_retried_and_makes_exactly_one_token()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 500, AfterHandling = true, PathContains = "/v1/accessTokens" });

            var result = Shell.Run("New-CCAccessToken -Name once");
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("not sent again", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-CCAccessToken", error.ErrorDetails.RecommendedAction);
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateAccessToken");
            Assert.Equal(new[] { "once" }, TokenNames());
        }

        [Fact]
        public void Create_whose_connection_drops_after_the_service_acted_is_not_retried_and_makes_exactly_one_token()
        {
            _session.Emulator.InjectFaults(new FaultSpec { DropConnection = true, AfterHandling = true, PathContains = "/v1/accessTokens" });

            var result = Shell.Run("New-CCAccessToken -Name dropped");
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("not sent again", error.Exception.Message);
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateAccessToken");
            Assert.Equal(new[] { "dropped" }, TokenNames());
        }

        [Fact]
        public void Create_throttled_by_the_service_is_retried_and_makes_exactly_one_token()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 429, RetryAfterSeconds = 0, PathContains = "/v1/accessTokens" });

            var result = Shell.Run("New-CCAccessToken -Name throttled");
            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            Assert.Equal(new[] { 429, 201 }, _session.Emulator.Requests.Where(r => r.Operation == "CreateAccessToken").Select(r => r.StatusCode));
            Assert.Equal(new[] { "throttled" }, TokenNames());
        }

        [Fact]
        public void Delete_which_the_model_marks_idempotent_is_still_retried_after_a_server_error()
        {
            var id = (string)Shell.Run("(New-CCAccessToken -Name retried).Id").Output.Single().BaseObject;
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, RetryAfterSeconds = 0, PathContains = "/v1/accessTokens/" });

            var result = Shell.Run("Remove-CCAccessToken -Id $args[0] -Force", id);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { 503, 200 }, _session.Emulator.Requests.Where(r => r.Operation == "DeleteAccessToken").Select(r => r.StatusCode));
            Assert.Empty(TokenNames());
        }

        // ---- Get-CCUser ----

        [Fact]
        public void Get_CCUser_reads_users_by_name_or_id_and_piped_users_by_their_UserName()
        {
            var byName = Shell.Run("Get-CCUser maryMAJOR");
            Assert.Empty(byName.Errors);
            var user = Assert.Single(byName.Output);
            Assert.Equal("CodeCatalyst.Models.User", TypeName(user));
            Assert.Equal(SampleData.SignedInUserId, user.Properties["UserId"].Value);
            Assert.Equal(SampleData.SignedInUserName, user.ToString());
            Assert.Contains("userName=maryMAJOR", Assert.Single(_session.Emulator.Requests).QueryString);

            var byId = Shell.Run("Get-CCUser -Id $args[0], $args[1]", SampleData.SignedInUserId, SampleData.OtherUserId);
            Assert.Empty(byId.Errors);
            Assert.Equal(new[] { SampleData.SignedInUserName, SampleData.OtherUserName }, byId.Output.Select(o => o.Properties["UserName"].Value));

            var piped = Shell.Run("Get-CCUser -UserName JaneDoe | Get-CCUser");
            Assert.Empty(piped.Errors);
            Assert.Equal(SampleData.OtherUserId, piped.Output.Single().Properties["UserId"].Value);

            var creator = Shell.Run("Get-CCDevEnvironment -SpaceName ExampleCorp -ProjectName MyDemoProject | ForEach-Object { Get-CCUser -Id $_.CreatorId }");
            Assert.Empty(creator.Errors);
            Assert.NotEmpty(creator.Output);
        }

        [Fact]
        public void Get_CCUser_takes_a_name_or_an_id_not_both_and_a_missing_user_is_ObjectNotFound_for_that_name_only()
        {
            var both = Shell.Run("Get-CCUser -UserName MaryMajor -Id x");
            Assert.Contains("AmbiguousParameterSet", both.Errors.Single().FullyQualifiedErrorId);

            var missing = Shell.Run("Get-CCUser -UserName NoSuchUser, JaneDoe");
            var error = Assert.Single(missing.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("NoSuchUser", error.TargetObject);
            Assert.Equal(SampleData.OtherUserName, missing.Output.Single().Properties["UserName"].Value);

            // A piped object without a UserName binds nothing: a token has no user, a workflow's Id is not one.
            _session.Emulator.ClearRequests();
            var workflow = Shell.Run("Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject | Get-CCUser");
            Assert.NotEmpty(workflow.Errors);
            Assert.Equal(0, _session.ApiRequestCount("GetUserDetails"));
        }

        // ---- Get-CCEventLog ----

        [Fact]
        public void Get_CCEventLog_shows_the_events_of_actions_in_the_space_with_the_last_day_by_default()
        {
            Assert.Empty(Shell.Run("New-CCProject -SpaceName ExampleCorp -DisplayName audited | Out-Null; Remove-CCSourceRepository -SpaceName ExampleCorp -ProjectName MyDemoProject -Name MyDemoDocs -Force").Errors);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Get-CCEventLog -SpaceName ExampleCorp");
            Assert.Empty(result.Errors);
            var names = result.Output.Select(o => (string)o.Properties["EventName"].Value).ToList();
            Assert.Contains("CreateProject", names);
            Assert.Contains("DeleteSourceRepository", names);
            Assert.All(result.Output, entry =>
            {
                Assert.Equal("CodeCatalyst.Models.EventLogEntry", TypeName(entry));
                Assert.Equal("ExampleCorp", entry.Properties["SpaceName"].Value);
                Assert.Equal(SampleData.SignedInUserName, entry.Properties["UserIdentity"].Value.ToString());
            });
            Assert.Equal("audited", Shell.Run("(Get-CCEventLog -SpaceName ExampleCorp CreateProject).ProjectInformation.Name").Output.Last().ToString());

            var body = Assert.Single(_session.Emulator.Requests.Where(r => r.Operation == "ListEventLogs").Take(1)).Body!;
            var start = DateTime.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("startTime").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var end = DateTime.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("endTime").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(TimeSpan.FromDays(1), end - start);
            Assert.InRange(end, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        }

        [Fact]
        public void EventName_is_the_services_filter_and_a_piped_project_names_the_space()
        {
            Assert.Empty(Shell.Run("New-CCProject -SpaceName ExampleCorp -DisplayName filtered | Out-Null").Errors);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp -Name filtered | Get-CCEventLog -EventName CreateProject");
            Assert.Empty(result.Errors);
            Assert.All(result.Output, entry => Assert.Equal("CreateProject", entry.Properties["EventName"].Value));
            Assert.NotEmpty(result.Output);
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListEventLogs");
            Assert.Contains("\"eventName\":\"CreateProject\"", request.Body);
            Assert.Contains("/v1/spaces/ExampleCorp/eventLogs", request.Path);
        }

        // ---- Bad input ----

        [Fact]
        public void Bad_input_is_refused_before_any_request_even_under_WhatIf()
        {
            var result = Shell.Run(@"
                New-CCAccessToken -Name ('x' * 101) -WhatIf
                Remove-CCAccessToken -Id ('x' * 37) -WhatIf
                Get-CCUser -UserName 'has space'
                Get-CCUser -UserName ab
                Get-CCEventLog -SpaceName ExampleCorp -StartTime ([datetime]::Now) -EndTime ([datetime]::Now.AddHours(-1))
                Get-CCEventLog -SpaceName 'no/such'");
            Assert.Equal(6, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.Contains(result.Errors, error => error.Exception.Message.Contains("-StartTime"));
            Assert.Equal(0, _session.ApiRequestCount());
        }
    }
}
