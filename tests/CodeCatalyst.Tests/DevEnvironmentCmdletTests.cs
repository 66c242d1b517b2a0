using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// An emulator on the built-in clock: a new dev environment takes 1.5 s to run, a stop 1 s, so a wait sees
    /// them on their way without a test waiting long.
    /// </summary>
    public sealed class DevEnvironmentEmulatorSession : EmulatorSession
    {
        protected override double RunSpeed => 1;
    }

    /// <summary>Dev environments and their sessions, through the cmdlets, over HTTP against the emulator.</summary>
    public sealed class DevEnvironmentCmdletTests : IClassFixture<DevEnvironmentEmulatorSession>, IDisposable
    {
        private const string Project = "-SpaceName ExampleCorp -ProjectName MyDemoProject";
        private readonly EmulatorSession _session;

        public DevEnvironmentCmdletTests(DevEnvironmentEmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose() => _session.Emulator.Reset();

        private static string TypeName(PSObject output) => output.BaseObject.GetType().FullName!;

        /// <summary>Creates a dev environment in MyDemoProject and returns its id.</summary>
        private string NewEnvironment(string alias)
        {
            var created = Shell.Run($"New-CCDevEnvironment {Project} -Alias $args[0] -Ide VSCode", alias);
            Assert.Empty(created.Errors);
            return (string)Assert.Single(created.Output).Properties["Id"].Value;
        }

        [Fact]
        public void Get_CCDevEnvironment_lists_a_projects_dev_environments_and_gets_one_by_id()
        {
            var listed = Shell.Run($"Get-CCDevEnvironment {Project}");
            Assert.Empty(listed.Errors);
            var environment = Assert.Single(listed.Output);
            Assert.Equal("CodeCatalyst.Models.DevEnvironment", TypeName(environment));
            Assert.Equal(SampleData.DevEnvironmentId, environment.Properties["Id"].Value);
            Assert.Equal(SampleData.SpaceName, environment.Properties["SpaceName"].Value);
            Assert.Equal(SampleData.ProjectName, environment.Properties["ProjectName"].Value);
            Assert.Equal("RUNNING", environment.Properties["Status"].Value);

            var byId = Shell.Run($"Get-CCDevEnvironment {Project} -Id $args[0]", SampleData.DevEnvironmentId);
            Assert.Equal(SampleData.DevEnvironmentAlias, Assert.Single(byId.Output).Properties["Alias"].Value);
            Assert.Equal(1, _session.ApiRequestCount("GetDevEnvironment"));

            // A dev environment object reads itself again by its id.
            var again = Shell.Run($"Get-CCDevEnvironment {Project} | Get-CCDevEnvironment");
            Assert.Empty(again.Errors);
            Assert.Equal(SampleData.DevEnvironmentId, Assert.Single(again.Output).Properties["Id"].Value);
        }

        [Fact]
        public void Without_a_project_the_listing_covers_every_project_of_the_space_each_with_its_project()
        {
            Assert.Empty(Shell.Run("New-CCDevEnvironment -SpaceName ExampleCorp -ProjectName DataPipeline -Ide VSCode").Errors);
            _session.Emulator.ClearRequests();

            var result = Shell.Run("Get-CCDevEnvironment -SpaceName ExampleCorp");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { SampleData.PipelineProjectName, SampleData.ProjectName },
                result.Output.Select(o => (string)o.Properties["ProjectName"].Value).OrderBy(n => n, StringComparer.Ordinal));
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListDevEnvironments");
            Assert.DoesNotContain("projectName", request.Body ?? "");
        }

        [Fact]
        public void A_project_pipes_into_its_dev_environments_and_is_never_taken_for_an_id()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp | Get-CCDevEnvironment");
            Assert.Empty(result.Errors);
            Assert.Equal(SampleData.DevEnvironmentId, Assert.Single(result.Output).Properties["Id"].Value);
            Assert.Equal(0, _session.ApiRequestCount("GetDevEnvironment"));
            Assert.Equal(2, _session.ApiRequestCount("ListDevEnvironments"));
        }

        [Fact]
        public void Filters_are_taken_as_hashtables_and_sent_to_the_service()
        {
            var stopped = Shell.Run($"Get-CCDevEnvironment {Project} -Filter @{{ key = 'status'; values = @('STOPPED') }}");
            Assert.Empty(stopped.Errors);
            Assert.Empty(stopped.Output);
            var request = Assert.Single(_session.Emulator.Requests, r => r.Operation == "ListDevEnvironments");
            Assert.Contains("\"filters\":[{\"key\":\"status\",\"values\":[\"STOPPED\"]}]", request.Body);

            var running = Shell.Run($"Get-CCDevEnvironment {Project} -Filter @{{ key = 'alias'; values = 'demo'; comparisonOperator = 'BEGINS_WITH' }}");
            Assert.Single(running.Output);
        }

        [Fact]
        public void New_CCDevEnvironment_creates_one_and_writes_it_whole_with_small_defaults()
        {
            var result = Shell.Run($"New-CCDevEnvironment {Project} -Alias scratch -Ide VSCode -Repository MyDemoRepo -InactivityTimeoutMinutes 30");
            Assert.Empty(result.Errors);
            var environment = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.DevEnvironment", TypeName(environment));
            Assert.Equal("scratch", environment.Properties["Alias"].Value);
            Assert.Contains((string)environment.Properties["Status"].Value, new[] { "PENDING", "STARTING", "RUNNING" });
            Assert.Equal("dev.standard1.small", environment.Properties["InstanceType"].Value);
            Assert.Equal(30, environment.Properties["InactivityTimeoutMinutes"].Value);
            Assert.Equal("16 GiB", environment.Properties["PersistentStorage"].Value.ToString());
            Assert.Equal("MyDemoRepo", Shell.Run("$args[0].Repositories[0].RepositoryName", environment).Output.Single().ToString());

            var create = Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateDevEnvironment");
            Assert.Contains("\"repositories\":[{\"repositoryName\":\"MyDemoRepo\"}]", create.Body);
            Assert.Contains("\"ides\":[{\"name\":\"VSCode\"}]", create.Body);
            Assert.Contains("\"persistentStorage\":{\"sizeInGiB\":16}", create.Body);
            Assert.Matches("\"clientToken\":\"[0-9a-f]{32}\"", create.Body);
        }

        [Fact]
        public void An_instance_type_and_session_type_in_any_case_are_sent_as_the_model_spells_them()
        {
            var created = Shell.Run($"New-CCDevEnvironment {Project} -Alias loud -Ide VSCode -InstanceType DEV.Standard1.Large");
            Assert.Empty(created.Errors);
            Assert.Equal("dev.standard1.large", Assert.Single(created.Output).Properties["InstanceType"].Value);
            Assert.Contains("\"instanceType\":\"dev.standard1.large\"", Assert.Single(_session.Emulator.Requests, r => r.Operation == "CreateDevEnvironment").Body);

            var session = Shell.Run($"Start-CCDevEnvironmentSession {Project} -Id $args[0] -SessionType ssh", SampleData.DevEnvironmentId);
            Assert.Empty(session.Errors);
            Assert.Contains("\"sessionType\":\"SSH\"", Assert.Single(_session.Emulator.Requests, r => r.Operation == "StartDevEnvironmentSession").Body);
        }

        [Fact]
        public void New_CCDevEnvironment_takes_structures_as_hashtables_with_the_API_member_names()
        {
            var result = Shell.Run($@"New-CCDevEnvironment {Project} -Ide @{{ name = 'PyCharm'; runtime = 'public.ecr.aws/jetbrains/py' }} `
                -Repository @{{ repositoryName = 'MyDemoRepo'; branchName = 'feature/login' }} -PersistentStorage @{{ sizeInGiB = 32 }} `
                -InstanceType dev.standard1.medium");
            Assert.Empty(result.Errors);
            var environment = Assert.Single(result.Output);
            Assert.Equal("32 GiB", environment.Properties["PersistentStorage"].Value.ToString());
            Assert.Equal("dev.standard1.medium", environment.Properties["InstanceType"].Value);
            Assert.Equal("MyDemoRepo (feature/login)", Shell.Run("$args[0].Repositories[0].ToString()", environment).Output.Single().ToString());
            Assert.Equal("PyCharm (public.ecr.aws/jetbrains/py)", Shell.Run("$args[0].Ides[0].ToString()", environment).Output.Single().ToString());
        }

        [Fact]
        public void New_retried_after_503s_creates_exactly_one_dev_environment_with_one_client_token()
        {
            _session.Emulator.InjectFaults(new FaultSpec { StatusCode = 503, Count = 2, PathContains = "/projects/MyDemoProject/devEnvironments" });

            var result = Shell.Run($"New-CCDevEnvironment {Project} -Alias retried -Ide VSCode");
            Assert.Empty(result.Errors);
            var creates = _session.Emulator.Requests.Where(r => r.Operation == "CreateDevEnvironment").ToList();
            Assert.Equal(new[] { 503, 503, 201 }, creates.Select(r => r.StatusCode));
            Assert.Single(creates.Select(r => r.Body).Distinct());
            Assert.Equal(2, Shell.Run($"Get-CCDevEnvironment {Project}").Output.Count);
        }

        [Fact]
        public void Get_CCProject_pipes_through_Get_CCDevEnvironment_into_Stop_CCDevEnvironment_Wait_which_writes_stopped_environments()
        {
            var result = Shell.Run("Get-CCProject -SpaceName ExampleCorp | Get-CCDevEnvironment | Stop-CCDevEnvironment -Wait -PollIntervalSec 1 -TimeoutSec 60");
            Assert.Empty(result.Errors);
            var stopped = Assert.Single(result.Output);
            Assert.Equal("CodeCatalyst.Models.DevEnvironment", TypeName(stopped));
            Assert.Equal("STOPPED", stopped.Properties["Status"].Value);
            Assert.Equal(SampleData.DevEnvironmentAlias, stopped.Properties["Alias"].Value);
            Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void Stop_and_Start_without_Wait_write_the_dev_environment_read_again_and_Start_Wait_writes_it_running()
        {
            var stop = Shell.Run($"Stop-CCDevEnvironment {Project} -Id $args[0]", SampleData.DevEnvironmentId);
            Assert.Empty(stop.Errors);
            Assert.Contains((string)Assert.Single(stop.Output).Properties["Status"].Value, new[] { "STOPPING", "STOPPED" });
            Assert.Equal(1, _session.ApiRequestCount("GetDevEnvironment"));

            Assert.Empty(Shell.Run($"Wait-CCDevEnvironment {Project} -Id $args[0] -PollIntervalSec 1", SampleData.DevEnvironmentId).Errors);
            var start = Shell.Run($"Get-CCDevEnvironment {Project} | Start-CCDevEnvironment -Wait -PollIntervalSec 1");
            Assert.Empty(start.Errors);
            Assert.Equal("RUNNING", Assert.Single(start.Output).Properties["Status"].Value);
        }

        [Fact]
        public void Wait_CCDevEnvironment_waits_for_a_new_dev_environment_to_run_and_shows_its_status_as_progress()
        {
            var result = Shell.Run($"New-CCDevEnvironment {Project} -Ide VSCode | Wait-CCDevEnvironment -PollIntervalSec 1 -TimeoutSec 60");
            Assert.Empty(result.Errors);
            Assert.Equal("RUNNING", Assert.Single(result.Output).Properties["Status"].Value);
            Assert.Contains(result.Progress, p => p.Activity.StartsWith("Waiting for dev environment ") && p.StatusDescription.Contains("elapsed"));
        }

        [Fact]
        public void Update_CCDevEnvironment_changes_the_alias_and_an_empty_alias_removes_it()
        {
            var renamed = Shell.Run($"Get-CCDevEnvironment {Project} | Update-CCDevEnvironment -Alias renamed -PassThru");
            Assert.Empty(renamed.Errors);
            Assert.Equal("renamed", Assert.Single(renamed.Output).Properties["Alias"].Value);

            var cleared = Shell.Run($"Update-CCDevEnvironment {Project} -Id $args[0] -Alias ''", SampleData.DevEnvironmentId);
            Assert.Empty(cleared.Errors);
            Assert.Empty(cleared.Output);
            Assert.Contains(_session.Emulator.Requests, r => r.Operation == "UpdateDevEnvironment" && r.Body!.Contains("\"alias\":\"\""));
            Assert.Null(Shell.Run($"(Get-CCDevEnvironment {Project}).Alias").Output.Single()?.BaseObject);
        }

        [Fact]
        public void Remove_CCDevEnvironment_with_Force_deletes_and_PassThru_writes_it_going()
        {
            var id = NewEnvironment("doomed");
            var result = Shell.Run($"Get-CCDevEnvironment {Project} -Id $args[0] | Remove-CCDevEnvironment -Force -PassThru", id);
            Assert.Empty(result.Errors);
            var removed = Assert.Single(result.Output);
            Assert.Equal(id, removed.Properties["Id"].Value);
            Assert.Contains((string)removed.Properties["Status"].Value, new[] { "DELETING", "DELETED" });
            Assert.Single(_session.Emulator.Requests, r => r.Operation == "DeleteDevEnvironment");
        }

        [Fact]
        public void Remove_is_high_impact_with_Force_and_every_change_supports_WhatIf_and_Confirm()
        {
            var impact = Shell.Run("(Get-Command Remove-CCDevEnvironment).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact");
            Assert.Equal("High", Assert.Single(impact.Output).ToString());
            foreach (var name in new[] { "New-CCDevEnvironment", "Update-CCDevEnvironment", "Start-CCDevEnvironment", "Stop-CCDevEnvironment", "Start-CCDevEnvironmentSession", "Stop-CCDevEnvironmentSession" })
            {
                var medium = Shell.Run("(Get-Command $args[0]).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact", name);
                Assert.Equal("Medium", Assert.Single(medium.Output).ToString());
            }

            Assert.Contains("Force", Shell.Run("(Get-Command Remove-CCDevEnvironment).Parameters.Keys").Output.Select(o => o.ToString()));
        }

        [Fact]
        public void WhatIf_sends_nothing_and_a_confirmed_change_names_the_dev_environment_and_its_parents()
        {
            var result = Shell.Run($@"
                New-CCDevEnvironment {Project} -Alias never -Ide VSCode -WhatIf
                Update-CCDevEnvironment {Project} -Id $args[0] -Alias x -WhatIf
                Remove-CCDevEnvironment {Project} -Id $args[0] -WhatIf -Force
                Stop-CCDevEnvironment {Project} -Id $args[0] -Wait -WhatIf
                Start-CCDevEnvironment {Project} -Id $args[0] -WhatIf
                Start-CCDevEnvironmentSession {Project} -Id $args[0] -WhatIf
                Stop-CCDevEnvironmentSession {Project} -Id $args[0] -SessionId s-1 -WhatIf", SampleData.DevEnvironmentId);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(0, _session.ApiRequestCount());

            var confirmed = Shell.Run($"Stop-CCDevEnvironment {Project} -Id $args[0] -Confirm:$false -Verbose", SampleData.DevEnvironmentId);
            Assert.Empty(confirmed.Errors);
            Assert.Contains(confirmed.Verbose, v => v.Message.Contains($"dev environment {SampleData.DevEnvironmentId} in ExampleCorp/MyDemoProject"));
        }

        [Fact]
        public void Bad_input_is_refused_before_any_request_even_under_WhatIf()
        {
            var result = Shell.Run($@"
                Get-CCDevEnvironment {Project} -Id not-a-uuid
                Stop-CCDevEnvironment {Project} -Id 'nope' -WhatIf
                New-CCDevEnvironment {Project} -Alias 'has space' -WhatIf
                New-CCDevEnvironment {Project} -PersistentStorageSizeInGiB 65 -WhatIf
                New-CCDevEnvironment {Project} -Ide VSCode, PyCharm -WhatIf
                Update-CCDevEnvironment {Project} -Id $args[0] -InactivityTimeoutMinutes 5000 -WhatIf
                Get-CCDevEnvironment -SpaceName ExampleCorp -Id $args[0]", SampleData.DevEnvironmentId);
            Assert.Equal(7, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
            Assert.Contains(result.Errors, error => error.Exception.Message.Contains("-ProjectName is required"));
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void A_missing_dev_environment_is_an_error_for_that_item_only()
        {
            var missing = "00000000-0000-4000-8000-000000000000";
            var result = Shell.Run($"$args[0], $args[1] | Get-CCDevEnvironment {Project}; 'after'", missing, SampleData.DevEnvironmentId);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(missing, error.TargetObject);
            Assert.Contains("Get-CCDevEnvironment", error.ErrorDetails.RecommendedAction);
            Assert.Equal(new[] { SampleData.DevEnvironmentId, "after" }, result.Output.Select(o => o.Properties["Id"]?.Value?.ToString() ?? o.ToString()));
        }

        [Fact]
        public void Sessions_start_on_a_running_dev_environment_list_and_stop_from_the_pipeline()
        {
            var started = Shell.Run($"Get-CCDevEnvironment {Project} | Start-CCDevEnvironmentSession");
            Assert.Empty(started.Errors);
            var access = Assert.Single(started.Output);
            Assert.Equal("CodeCatalyst.Models.DevEnvironmentSessionAccess", TypeName(access));
            Assert.IsType<SecureString>(access.Properties["TokenValue"].Value);
            Assert.IsType<SecureString>(access.Properties["StreamUrl"].Value);
            Assert.Equal(SampleData.DevEnvironmentId, access.Properties["Id"].Value);
            Assert.Contains("\"sessionType\":\"SSM\"", Assert.Single(_session.Emulator.Requests, r => r.Operation == "StartDevEnvironmentSession").Body);

            Assert.Empty(Shell.Run($"Start-CCDevEnvironmentSession {Project} -Id $args[0] -SessionType SSH -Command ls -Argument '-l'", SampleData.DevEnvironmentId).Errors);
            var listed = Shell.Run($"Get-CCDevEnvironment {Project} | Get-CCDevEnvironmentSession");
            Assert.Empty(listed.Errors);
            Assert.Equal(2, listed.Output.Count);
            Assert.All(listed.Output, session =>
            {
                Assert.Equal("CodeCatalyst.Models.DevEnvironmentSession", TypeName(session));
                Assert.Equal(SampleData.DevEnvironmentId, session.Properties["DevEnvironmentId"].Value);
            });
            Assert.Contains(listed.Output, session => (string)session.Properties["Id"].Value == (string)access.Properties["SessionId"].Value);

            // A started session stops by its properties, a listed one by type (its Id is the session's own).
            var stopped = Shell.Run("$args[0] | Stop-CCDevEnvironmentSession; Get-CCDevEnvironmentSession -SpaceName ExampleCorp -ProjectName MyDemoProject $args[1] | Stop-CCDevEnvironmentSession",
                access, SampleData.DevEnvironmentId);
            Assert.Empty(stopped.Errors);
            Assert.Empty(Shell.Run($"Get-CCDevEnvironmentSession {Project} -DevEnvironmentId $args[0]", SampleData.DevEnvironmentId).Output);
            Assert.Equal(2, _session.ApiRequestCount("StopDevEnvironmentSession"));
        }

        [Fact]
        public void A_session_cannot_start_on_a_stopped_dev_environment()
        {
            Assert.Empty(Shell.Run($"Stop-CCDevEnvironment {Project} -Id $args[0] -Wait -PollIntervalSec 1", SampleData.DevEnvironmentId).Errors);
            var result = Shell.Run($"Start-CCDevEnvironmentSession {Project} -Id $args[0]", SampleData.DevEnvironmentId);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(SampleData.DevEnvironmentId, error.TargetObject);
        }

        [Fact]
        public void A_sessions_token_and_stream_url_show_nowhere_unless_asked_for_as_plain_text()
        {
            // For those who ask, -AsPlainText gives them as strings.
            var plain = Shell.Run($"Start-CCDevEnvironmentSession {Project} -Id $args[0] -AsPlainText", SampleData.DevEnvironmentId);
            var plainAccess = Assert.Single(plain.Output);
            Assert.Equal("CodeCatalyst.Models.DevEnvironmentSessionPlainTextAccess", TypeName(plainAccess));
            Assert.True(((string)plainAccess.Properties["TokenValue"].Value).Length >= 32);
            Assert.StartsWith("wss://", (string)plainAccess.Properties["StreamUrl"].Value);

            // Everything a user sees of a secure one: the object, its string forms, its properties, every stream,
            // and the errors of a later failure read back from $Error.
            var result = Shell.Run($@"
                $DebugPreference = 'Continue'
                $Error.Clear()
                $s = Start-CCDevEnvironmentSession {Project} -Id $args[0] -Verbose -Debug
                $s | Stop-CCDevEnvironmentSession -Verbose -Debug
                $s | Stop-CCDevEnvironmentSession -Verbose -Debug
                $global:SecureSession = $s
                $s
                ""$s""
                [string]$s
                $s.PSObject.Properties | ForEach-Object {{ '{{0}}={{1}}' -f $_.Name, $_.Value }}
                $Error | ForEach-Object {{ $_.ToString(); $_.Exception.ToString(); [string]$_.TargetObject; $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction }}",
                SampleData.DevEnvironmentId);
            var secrets = Shell.Run("$SecureSession.TokenValue, $SecureSession.StreamUrl | ForEach-Object { [Net.NetworkCredential]::new('', $_).Password }")
                .Output.Select(o => o.ToString()).ToList();

            Assert.Equal(2, secrets.Count);
            Assert.True(secrets[0].Length >= 32);
            Assert.StartsWith("wss://", secrets[1]);
            Assert.NotEmpty(result.Verbose);
            Assert.NotEmpty(result.Debug);
            Assert.NotEmpty(result.Errors); // the second stop fails: the session is gone
            var seen = result.AllText();
            Assert.Contains("System.Security.SecureString", seen);
            Assert.DoesNotContain(secrets[0], seen);
            Assert.DoesNotContain(secrets[1], seen);
            Assert.DoesNotContain("ssmmessages", seen);
        }

        [Fact]
        public void No_view_of_a_started_session_has_a_column_for_its_secrets()
        {
            var views = File.ReadAllText(Path.Combine(RepositoryPaths.ModuleFolder, "CodeCatalyst.DevEnvironments.format.ps1xml"));
            Assert.Contains("CodeCatalyst.Models.DevEnvironmentSessionAccess", views);
            Assert.DoesNotContain("TokenValue", views);
            Assert.DoesNotContain("StreamUrl", views);
        }
    }

    /// <summary>Dev environments on a clock slow enough that one stays on its way up for the whole test.</summary>
    public sealed class SlowDevEnvironmentTests : IClassFixture<SlowEmulatorSession>, IDisposable
    {
        private const string Project = "-SpaceName ExampleCorp -ProjectName MyDemoProject";
        private readonly SlowEmulatorSession _session;

        public SlowDevEnvironmentTests(SlowEmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
        }

        public void Dispose() => _session.Emulator.Reset();

        [Fact]
        public void Stopping_one_that_is_still_starting_is_a_per_item_error_and_the_next_one_still_stops()
        {
            var created = _session.Shell.Run($"New-CCDevEnvironment {Project} -Alias starting -Ide VSCode");
            var starting = (string)Assert.Single(created.Output).Properties["Id"].Value;
            var result = _session.Shell.Run($"$args | ForEach-Object {{ Get-CCDevEnvironment {Project} -Id $_ }} | Stop-CCDevEnvironment", starting, SampleData.DevEnvironmentId);
            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(starting, error.TargetObject);
            Assert.Equal(SampleData.DevEnvironmentId, Assert.Single(result.Output).Properties["Id"].Value);
        }
    }

    /// <summary>What a status that never settles, a failure or a silent server does to a wait, through scripted answers.</summary>
    public sealed class DevEnvironmentWaitTests : IDisposable
    {
        private const string Id = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
        private const string Where = "-SpaceName ExampleCorp -ProjectName MyDemoProject -EndpointUrl $args[0] -Token $CCToken";
        private readonly PowerShellSession _shell = new();

        public DevEnvironmentWaitTests()
        {
            _shell.Runspace.SessionStateProxy.SetVariable("CCToken", EmulatorSession.ToSecureString("cc-wait-token-5e8f1a2b3c4d"));
        }

        public void Dispose() => _shell.Dispose();

        private static string EnvironmentJson(string status, string? reason = null) =>
            "{\"spaceName\":\"ExampleCorp\",\"projectName\":\"MyDemoProject\",\"id\":\"" + Id + "\",\"lastUpdatedTime\":\"2026-11-23T12:01:00Z\"," +
            "\"creatorId\":\"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b44\",\"status\":\"" + status + "\"," +
            (reason == null ? "" : "\"statusReason\":\"" + reason + "\",") +
            "\"repositories\":[],\"alias\":\"scripted\",\"instanceType\":\"dev.standard1.small\",\"inactivityTimeoutMinutes\":15," +
            "\"persistentStorage\":{\"sizeInGiB\":16}}";

        private Task<ScriptResult> RunBounded(string script, params object?[] arguments)
        {
            var run = _shell.RunAsync(script, null, arguments);
            return run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        [Fact]
        public async Task A_FAILED_dev_environment_ends_the_wait_with_an_error_that_carries_it_and_its_reason()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(EnvironmentJson("FAILED", "The image could not be pulled")));

            var result = await RunBounded($"Wait-CCDevEnvironment {Where} -Id $args[1]", stub.BaseAddress, Id);

            Assert.Equal("FAILED", Assert.Single(result.Output).Properties["Status"].Value);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DevEnvironmentFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("The image could not be pulled", error.Exception.Message);
            Assert.Equal("CodeCatalyst.Models.DevEnvironment", error.TargetObject.GetType().FullName);
        }

        [Fact]
        public async Task A_dev_environment_being_deleted_ends_a_Start_Wait_as_stopped_not_as_a_success()
        {
            using var stub = new ScriptedHttpStub(request => request.Method == "PUT"
                ? StubResponse.Json($"{{\"spaceName\":\"ExampleCorp\",\"projectName\":\"MyDemoProject\",\"id\":\"{Id}\",\"status\":\"STARTING\"}}")
                : StubResponse.Json(EnvironmentJson("DELETING")));

            var result = await RunBounded($"Start-CCDevEnvironment {Where} -Id $args[1] -Wait -PollIntervalSec 1", stub.BaseAddress, Id);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DevEnvironmentDeleted,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationStopped, error.CategoryInfo.Category);
            Assert.Equal("DELETING", Assert.Single(result.Output).Properties["Status"].Value);
        }

        [Fact]
        public async Task Stop_Wait_keeps_waiting_while_the_service_still_reports_RUNNING()
        {
            var reads = 0;
            using var stub = new ScriptedHttpStub(request => request.Method == "PUT"
                ? StubResponse.Json($"{{\"spaceName\":\"ExampleCorp\",\"projectName\":\"MyDemoProject\",\"id\":\"{Id}\",\"status\":\"STOPPING\"}}")
                : StubResponse.Json(EnvironmentJson(++reads < 3 ? "RUNNING" : "STOPPED")));

            var result = await RunBounded($"Stop-CCDevEnvironment {Where} -Id $args[1] -Wait -PollIntervalSec 1", stub.BaseAddress, Id);

            Assert.Empty(result.Errors);
            Assert.Equal("STOPPED", Assert.Single(result.Output).Properties["Status"].Value);
            Assert.Equal(3, reads);
        }

        [Fact]
        public async Task Waiting_past_the_timeout_is_an_error_that_says_where_the_dev_environment_stood()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(EnvironmentJson("STARTING")));

            var result = await RunBounded($"Wait-CCDevEnvironment {Where} -Id $args[1] -TimeoutSec 2 -PollIntervalSec 1", stub.BaseAddress, Id);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DevEnvironmentWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains("still STARTING", error.Exception.Message);
            Assert.Equal("CodeCatalyst.Models.DevEnvironment", error.TargetObject.GetType().FullName);
            Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("STARTING, "));
        }

        [Fact]
        public async Task TimeoutSec_bounds_the_whole_wait_even_when_the_server_never_answers()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());
            var stopwatch = Stopwatch.StartNew();

            var result = await RunBounded($"Wait-CCDevEnvironment {Where} -Id $args[1] -TimeoutSec 3", stub.BaseAddress, Id);

            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"the wait took {stopwatch.Elapsed}");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DevEnvironmentWaitTimedOut,", error.FullyQualifiedErrorId);
            Assert.Contains("no status was received", error.Exception.Message);
            Assert.Equal(Id, error.TargetObject);
        }

        [Fact]
        public async Task Ctrl_C_stops_a_long_wait_at_once()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(EnvironmentJson("PENDING")));
            var stopwatch = new Stopwatch();

            var result = await _shell.RunAsync($"Wait-CCDevEnvironment {Where} -Id $args[1] -PollIntervalSec 600",
                shell => Task.Delay(1500).ContinueWith(_ =>
                {
                    stopwatch.Start();
                    shell.Stop();
                    stopwatch.Stop();
                }),
                stub.BaseAddress, Id).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
        }
    }
}
