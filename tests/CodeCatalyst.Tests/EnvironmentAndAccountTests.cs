using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Tests that change process environment variables run alone, never beside another test.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }

    /// <summary>
    /// Token and endpoint sources in their documented order, Connect-CCAccount defaults, and the AWS SSO profile
    /// path checked against botocore itself.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class EnvironmentAndAccountTests : IAsyncLifetime
    {
        private static readonly string[] Variables =
        {
            "AWS_BEARER_TOKEN_CODECATALYST", "AWS_ENDPOINT_URL_CODECATALYST", "AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL_SSO_OIDC", "HOME", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "AWS_MAX_ATTEMPTS",
        };

        private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        private readonly string _home = Directory.CreateTempSubdirectory("cc-home-").FullName;
        private EmulatorServer _emulator = null!;
        private PowerShellSession _shell = null!;

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RunSpeed = 4 });
            // A clean slate: no token, no profile, an empty home, so the developer's own AWS set-up cannot leak in.
            foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable("HOME", _home);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_home, ".aws", "config"));
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home, ".aws", "credentials"));
            _shell = new PowerShellSession();
        }

        public async Task DisposeAsync()
        {
            _shell.Dispose();
            await _emulator.DisposeAsync();
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            Directory.Delete(_home, recursive: true);
        }

        private string? LastToken(string operation = "VerifySession") =>
            _emulator.Requests.Last(r => r.Operation == operation).BearerToken;

        [Fact]
        public void With_no_token_anywhere_one_error_names_every_source_and_nothing_is_sent()
        {
            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0]", _emulator.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("NoTokenFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            foreach (var source in new[] { "-Token", "-ProfileName", "Connect-CCAccount", "AWS_BEARER_TOKEN_CODECATALYST", "sso_session", "aws sso login" })
            {
                Assert.Contains(source, error.Exception.Message);
            }

            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public void The_environment_token_and_endpoint_are_used_and_parameters_win_over_them()
        {
            Environment.SetEnvironmentVariable("AWS_BEARER_TOKEN_CODECATALYST", "env-token-1");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_CODECATALYST", _emulator.BaseAddress.ToString());
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "https://must-not-be-used.invalid");

            var fromEnvironment = _shell.Run("Test-CCSession");
            Assert.Empty(fromEnvironment.Errors);
            Assert.Equal("env-token-1", LastToken());
            Assert.Contains("AWS_BEARER_TOKEN_CODECATALYST", (string)fromEnvironment.Output.Single().Properties["TokenSource"].Value);

            _shell.Run("Test-CCSession -Token $args[0]", EmulatorSession.ToSecureString("param-token-2"));
            Assert.Equal("param-token-2", LastToken());

            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_CODECATALYST", "https://must-not-be-used.invalid");
            var explicitEndpoint = _shell.Run("Test-CCSession -EndpointUrl $args[0]", _emulator.BaseAddress);
            Assert.Empty(explicitEndpoint.Errors);
        }

        [Fact]
        public void Connect_stores_token_endpoint_space_and_project_until_Disconnect()
        {
            var connect = _shell.Run("Connect-CCAccount -Token $args[0] -EndpointUrl $args[1] -SpaceName ExampleCorp -ProjectName MyDemoProject",
                EmulatorSession.ToSecureString("connect-token-3"), _emulator.BaseAddress);
            Assert.Empty(connect.Errors);
            var context = connect.Output.Single();
            Assert.Equal("ExampleCorp", context.Properties["SpaceName"].Value);
            Assert.NotNull(context.Properties["Identity"].Value);
            Assert.DoesNotContain("connect-token-3", connect.AllText());

            var listed = _shell.Run("Get-CCWorkflow");
            Assert.Empty(listed.Errors);
            Assert.NotEmpty(listed.Output);
            Assert.Equal("connect-token-3", LastToken("ListWorkflows"));

            _shell.Run("Get-CCWorkflow -Token $args[0] -ProjectName NoSuchProject", EmulatorSession.ToSecureString("explicit-token-4"));
            Assert.Equal("explicit-token-4", LastToken("ListWorkflows"));
            Assert.Contains("NoSuchProject", _emulator.Requests.Last().Path);

            _shell.Run("Disconnect-CCAccount");
            var after = _shell.Run("Get-CCWorkflow");
            Assert.Contains(after.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidParameterValue,") || e.FullyQualifiedErrorId.StartsWith("NoTokenFound,"));
        }

        [Fact]
        public void A_reused_ForEach_Parallel_runspace_does_not_inherit_an_earlier_iterations_connection()
        {
            var result = _shell.Run(@"
                $manifest, $endpoint, $token = $args
                1..3 | ForEach-Object -ThrottleLimit 1 -Parallel {
                    Import-Module $using:manifest
                    if ($_ -eq 1) {
                        $null = Connect-CCAccount -Token $using:token -EndpointUrl $using:endpoint -SpaceName ExampleCorp -ProjectName MyDemoProject
                    }
                    [pscustomobject]@{
                        Iteration = $_
                        Runspace  = [runspace]::DefaultRunspace.InstanceId
                        Connected = Test-CCSession -Quiet -EndpointUrl $using:endpoint
                        Listed    = @(Get-CCWorkflow -EndpointUrl $using:endpoint -Token $using:token -ErrorAction SilentlyContinue).Count
                    }
                }", RepositoryPaths.ModuleManifest, _emulator.BaseAddress, EmulatorSession.ToSecureString("parallel-token-5"));

            Assert.Empty(result.Errors);
            object Value(PSObject iteration, string name) => PSObject.AsPSObject(iteration.Properties[name].Value).BaseObject;
            var iterations = result.Output.OrderBy(o => (int)Value(o, "Iteration")).ToList();
            Assert.Equal(3, iterations.Count);
            // The engine did reuse one runspace, so the test shows what it claims.
            Assert.Single(iterations.Select(o => Value(o, "Runspace")).Distinct());
            Assert.Equal(new object[] { true, false, false }, iterations.Select(o => Value(o, "Connected")));
            Assert.True((int)Value(iterations[0], "Listed") > 0);
            Assert.Equal(new object[] { 0, 0 }, iterations.Skip(1).Select(o => Value(o, "Listed")));
            Assert.All(_emulator.Requests.Where(r => r.Operation == "VerifySession"), r => Assert.Equal("parallel-token-5", r.BearerToken));
        }

        [Fact]
        public void Two_runspaces_in_one_process_keep_their_connections_apart_and_Disconnect_forgets()
        {
            using var other = new PowerShellSession();
            var connect = _shell.Run("Connect-CCAccount -Token $args[0] -EndpointUrl $args[1] -SpaceName ExampleCorp",
                EmulatorSession.ToSecureString("separate-token-6"), _emulator.BaseAddress);
            Assert.Empty(connect.Errors);

            Assert.Equal(true, _shell.Run("Test-CCSession -Quiet").Output.Single().BaseObject);
            Assert.Equal(false, other.Run("Test-CCSession -Quiet -EndpointUrl $args[0]", _emulator.BaseAddress).Output.Single().BaseObject);

            _shell.Run("Disconnect-CCAccount");
            Assert.Equal(false, _shell.Run("Test-CCSession -Quiet -EndpointUrl $args[0]", _emulator.BaseAddress).Output.Single().BaseObject);
        }

        [Fact]
        public void An_environment_token_with_a_line_break_is_refused_without_a_request()
        {
            Environment.SetEnvironmentVariable("AWS_BEARER_TOKEN_CODECATALYST", "env-token-7\nX-Injected: yes");

            var result = _shell.Run("Test-CCSession -EndpointUrl $args[0]", _emulator.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidTokenCharacters,", error.FullyQualifiedErrorId);
            Assert.Contains("AWS_BEARER_TOKEN_CODECATALYST", error.Exception.Message);
            Assert.DoesNotContain("env-token-7", result.AllText());
            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public void A_cached_SSO_token_with_a_line_break_is_refused_without_a_request()
        {
            WriteSsoProfile(_home);
            var cache = Directory.GetFiles(Path.Combine(_home, ".aws", "sso", "cache"), "*.json").Single();
            var entry = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(cache))!;
            entry["accessToken"] = "sso-token-8\r\nX-Injected: yes";
            entry["expiresAt"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
            File.WriteAllText(cache, JsonSerializer.Serialize(entry));

            var result = _shell.Run("Test-CCSession -ProfileName cc -EndpointUrl $args[0]", _emulator.BaseAddress);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidTokenCharacters,", error.FullyQualifiedErrorId);
            Assert.Contains("'cc'", error.Exception.Message);
            Assert.DoesNotContain("sso-token-8", result.AllText());
            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public async Task A_rejected_token_is_PermissionDenied_and_Connect_stores_nothing()
        {
            await using var strict = await EmulatorServer.StartAsync(new EmulatorOptions { RequiredToken = "the-only-good-token" });

            var denied = _shell.Run("Connect-CCAccount -Token $args[0] -EndpointUrl $args[1] -SpaceName ExampleCorp",
                EmulatorSession.ToSecureString("a-bad-token"), strict.BaseAddress);
            var error = Assert.Single(denied.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.StartsWith("AccessDeniedException,", error.FullyQualifiedErrorId);
            Assert.NotNull(error.ErrorDetails.RecommendedAction);

            Assert.Equal(false, _shell.Run("Test-CCSession -Quiet -EndpointUrl $args[0] -Token $args[1]", strict.BaseAddress,
                EmulatorSession.ToSecureString("a-bad-token")).Output.Single().BaseObject);
            Assert.Equal(true, _shell.Run("Test-CCSession -Quiet -EndpointUrl $args[0] -Token $args[1]", strict.BaseAddress,
                EmulatorSession.ToSecureString("the-only-good-token")).Output.Single().BaseObject);

            // The failed Connect left no defaults behind: a call without -SpaceName has none to fall back on.
            var noDefaults = _shell.Run("Get-CCWorkflow -ProjectName MyDemoProject -EndpointUrl $args[0] -Token $args[1]",
                strict.BaseAddress, EmulatorSession.ToSecureString("the-only-good-token"));
            Assert.Contains("SpaceName", Assert.Single(noDefaults.Errors).Exception.Message);
        }

        [Fact]
        public void An_expired_SSO_token_is_refreshed_and_sent_exactly_as_botocore_does()
        {
            var moduleHome = Path.Combine(_home, "module");
            var botocoreHome = Path.Combine(_home, "botocore");
            foreach (var home in new[] { moduleHome, botocoreHome }) WriteSsoProfile(home);
            Environment.SetEnvironmentVariable("AWS_PROFILE", "cc");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SSO_OIDC", _emulator.BaseAddress.ToString().TrimEnd('/'));

            // Our module, in this process.
            Environment.SetEnvironmentVariable("HOME", moduleHome);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(moduleHome, ".aws", "config"));
            var ours = _shell.Run("Test-CCSession -EndpointUrl $args[0]", _emulator.BaseAddress);
            Assert.Empty(ours.Errors);
            var ourToken = LastToken();

            // botocore, as an independent client with the same files and environment.
            RunPython(botocoreHome, $$"""
                import boto3
                client = boto3.client('codecatalyst', region_name='us-west-2', endpoint_url='{{_emulator.BaseAddress}}')
                print(client.verify_session()['identity'])
                """);
            var botocoreToken = LastToken();

            Assert.NotEqual("expired-access-token", ourToken);
            Assert.Equal(botocoreToken, ourToken);
            Assert.Equal(2, _emulator.Requests.Count(r => r.Operation == "CreateToken"));

            var ourCache = ReadCache(moduleHome);
            var botocoreCache = ReadCache(botocoreHome);
            Assert.Equal(botocoreCache.Keys.OrderBy(k => k), ourCache.Keys.OrderBy(k => k));
            foreach (var key in new[] { "accessToken", "refreshToken", "clientId", "clientSecret", "region", "startUrl", "registrationExpiresAt" })
            {
                Assert.Equal(botocoreCache[key], ourCache[key]);
            }

            var ourExpiry = DateTimeOffset.Parse(ourCache["expiresAt"]);
            Assert.InRange(ourExpiry - DateTimeOffset.Parse(botocoreCache["expiresAt"]), TimeSpan.FromMinutes(-2), TimeSpan.FromMinutes(2));
            Assert.DoesNotContain(ourToken!, ours.AllText());

            // A stored profile is read at each call; the cached (now fresh) token is used as is, without a refresh.
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            var connected = _shell.Run("Connect-CCAccount -ProfileName cc -EndpointUrl $args[0]; Test-CCSession; Disconnect-CCAccount",
                _emulator.BaseAddress);
            Assert.Empty(connected.Errors);
            Assert.Contains("SSO profile 'cc'", (string)connected.Output.Last().Properties["TokenSource"].Value);
            Assert.Equal(ourToken, LastToken());
            Assert.Equal(2, _emulator.Requests.Count(r => r.Operation == "CreateToken"));
        }

        [Fact]
        public async Task A_long_wait_picks_up_a_new_SSO_token_when_the_first_nears_expiry()
        {
            await using var slowEmulator = await EmulatorServer.StartAsync(new EmulatorOptions { RunSpeed = 0.01 });
            WriteSsoProfile(_home);
            // 14 minutes left and no refresh token: usable now, but inside botocore's refresh window.
            WriteSsoCache(_home, "first-sso-token", DateTime.UtcNow.AddMinutes(14));
            Environment.SetEnvironmentVariable("AWS_PROFILE", "cc");
            var started = _shell.Run("Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0] -EndpointUrl $args[1]",
                SampleData.LintWorkflowId, slowEmulator.BaseAddress);
            Assert.Empty(started.Errors);

            // As 'aws sso login' in another window would: a new token lands in the cache while the wait goes on.
            var signIn = Task.Run(async () =>
            {
                while (!slowEmulator.Requests.Any(r => r.Operation == "GetWorkflowRun" && r.BearerToken == "first-sso-token")) await Task.Delay(50);
                WriteSsoCache(_home, "second-sso-token", DateTime.UtcNow.AddHours(8));
            });
            var waited = _shell.Run("$args[0] | Wait-CCWorkflowRun -TimeoutSec 5 -PollIntervalSec 1 -EndpointUrl $args[1]",
                started.Output.Single(), slowEmulator.BaseAddress);
            await signIn;

            Assert.StartsWith("WorkflowRunWaitTimedOut,", Assert.Single(waited.Errors).FullyQualifiedErrorId);
            var polls = slowEmulator.Requests.Where(r => r.Operation == "GetWorkflowRun").Select(r => r.BearerToken).ToList();
            Assert.True(polls.Count >= 3, $"only {polls.Count} polls");
            Assert.Equal("first-sso-token", polls.First());
            Assert.Equal("second-sso-token", polls.Last());
            Assert.DoesNotContain("second-sso-token", waited.AllText());
        }

        [Fact]
        public async Task An_SSO_OIDC_endpoint_that_never_answers_is_an_authentication_error_not_a_hang()
        {
            using var oidc = new ScriptedHttpStub(_ => StubResponse.Never());
            WriteSsoProfile(_home);
            Environment.SetEnvironmentVariable("AWS_PROFILE", "cc");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SSO_OIDC", oidc.BaseAddress.ToString().TrimEnd('/'));
            PowerShell? running = null;

            var run = _shell.RunAsync("Test-CCSession -EndpointUrl $args[0] -RequestTimeoutSec 1", shell => running = shell, _emulator.BaseAddress);
            if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) != run)
            {
                running?.Stop();
                await run;
                throw new TimeoutException("Test-CCSession did not return within 30 s.");
            }

            var error = Assert.Single((await run).Errors);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith("SsoTokenTokenExpired,", error.FullyQualifiedErrorId);
            Assert.Contains("timed out after 1 s", error.Exception.Message);
            Assert.Contains("aws sso login", error.Exception.Message);
            Assert.Equal(3, oidc.Requests.Count);
            Assert.DoesNotContain(_emulator.Requests, r => r.Operation == "VerifySession");
        }

        private static void WriteSsoCache(string home, string accessToken, DateTime expiresAt)
        {
            var key = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))).ToLowerInvariant();
            File.WriteAllText(Path.Combine(home, ".aws", "sso", "cache", key + ".json"), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = "https://example.awsapps.com/start",
                ["region"] = "us-west-2",
                ["accessToken"] = accessToken,
                ["expiresAt"] = expiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }));
        }

        // One clock reading per test: profiles written a moment apart (the module's and botocore's) must hold the
        // same timestamps, or a second boundary between them fails the comparison of their caches.
        private readonly DateTime _fixtureTime = DateTime.UtcNow;

        private void WriteSsoProfile(string home)
        {
            Directory.CreateDirectory(Path.Combine(home, ".aws", "sso", "cache"));
            File.WriteAllText(Path.Combine(home, ".aws", "config"),
                "[profile cc]\nsso_session = corp\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n" +
                "sso_region = us-west-2\nsso_registration_scopes = codecatalyst:read_write\n");
            var key = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))).ToLowerInvariant();
            File.WriteAllText(Path.Combine(home, ".aws", "sso", "cache", key + ".json"), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = "https://example.awsapps.com/start",
                ["region"] = "us-west-2",
                ["accessToken"] = "expired-access-token",
                ["expiresAt"] = _fixtureTime.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["clientId"] = "client-id-123",
                ["clientSecret"] = "client-secret-456",
                ["registrationExpiresAt"] = _fixtureTime.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["refreshToken"] = "refresh-token-789",
            }));
        }

        private static Dictionary<string, string> ReadCache(string home)
        {
            var file = Directory.GetFiles(Path.Combine(home, ".aws", "sso", "cache"), "*.json").Single();
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(file))!
                .ToDictionary(p => p.Key, p => p.Value.ToString());
        }

        private static void RunPython(string home, string script)
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            start.ArgumentList.Add("-");
            start.Environment["HOME"] = home;
            start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, ".aws", "config");
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, ".aws", "credentials");
            using var process = Process.Start(start)!;
            process.StandardInput.Write(script);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "botocore did not finish within a minute");
            Assert.True(process.ExitCode == 0, "botocore failed: " + error.Result + output.Result);
        }
    }
}
