using System;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// The Amplify read cmdlets over real HTTP against the emulator, which checks every request's SigV4 signature
    /// with its own code: apps, branches and jobs, the chain between them, errors, and no secret in any stream.
    /// </summary>
    public sealed class AmplifyCmdletTests : IClassFixture<EmulatorSession>, IDisposable
    {
        private const string Keys = "-Region us-east-1 -AccessKey $args[0] -SecretKey $args[1]";
        private readonly EmulatorSession _session;

        public AmplifyCmdletTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.Reset();
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        private PowerShellSession Shell => _session.Shell;

        public void Dispose() => _session.Emulator.Reset();

        /// <summary>Runs a script whose Amplify cmdlets take <see cref="Keys"/>: the emulator's test credentials.</summary>
        private ScriptResult Run(string script, string secret = SampleData.AwsSecretAccessKey) =>
            Shell.Run(script, SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(secret));

        [Fact]
        public void Get_CCAmplifyApp_lists_the_apps_signed_with_SigV4_and_finds_them_by_name_and_id()
        {
            var all = Run($"Get-CCAmplifyApp {Keys}");
            Assert.Empty(all.Errors);
            Assert.Equal(new[] { SampleData.AmplifyManualAppId, SampleData.AmplifyRepositoryAppId },
                all.Output.Select(app => (string)app.Properties["AppId"].Value).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(all.Output, app => Assert.Equal("CodeCatalyst.Amplify.Models.App", app.BaseObject.GetType().FullName));

            var byName = Run($"Get-CCAmplifyApp {Keys} -Name 'CORP-*'");
            Assert.Equal(SampleData.AmplifyManualAppId, Assert.Single(byName.Output).Properties["AppId"].Value);

            var byId = Run($"Get-CCAmplifyApp {Keys} -AppId {SampleData.AmplifyRepositoryAppId}");
            Assert.Empty(byId.Errors);
            Assert.Equal("docs-portal", Assert.Single(byId.Output).Properties["Name"].Value);
        }

        [Fact]
        public void The_chain_from_apps_to_jobs_carries_each_objects_keys()
        {
            var jobs = Run($"Get-CCAmplifyApp {Keys} -AppId {SampleData.AmplifyManualAppId} | Get-CCAmplifyBranch {Keys} | Get-CCAmplifyJob {Keys} -First 2");

            Assert.Empty(jobs.Errors);
            Assert.NotEmpty(jobs.Output);
            Assert.All(jobs.Output, job =>
            {
                Assert.Equal(SampleData.AmplifyManualAppId, job.Properties["AppId"].Value);
                Assert.Contains((string)job.Properties["BranchName"].Value, new[] { SampleData.AmplifyMainBranch, SampleData.AmplifyFailingBranch });
                Assert.False(string.IsNullOrEmpty((string)job.Properties["JobId"].Value));
            });
            // -First applies per branch: main has three finished jobs, so at most two of them.
            Assert.True(jobs.Output.Count(job => (string)job.Properties["BranchName"].Value == SampleData.AmplifyMainBranch) <= 2);
        }

        [Fact]
        public void A_job_read_by_id_has_its_steps_and_its_summary_on_top()
        {
            var listed = Run($"Get-CCAmplifyJob {Keys} -AppId {SampleData.AmplifyManualAppId} -BranchName {SampleData.AmplifyMainBranch} -First 1");
            var jobId = (string)Assert.Single(listed.Output).Properties["JobId"].Value;

            var job = Run($"Get-CCAmplifyJob {Keys} -AppId {SampleData.AmplifyManualAppId} -BranchName {SampleData.AmplifyMainBranch} -JobId {jobId}");

            Assert.Empty(job.Errors);
            var read = Assert.Single(job.Output);
            Assert.Equal("CodeCatalyst.Amplify.Models.Job", read.BaseObject.GetType().FullName);
            Assert.Equal(jobId, read.Properties["JobId"].Value);
            Assert.Equal("SUCCEED", read.Properties["Status"].Value);
            Assert.Equal(jobId, read.ToString());
            Assert.NotNull(read.Properties["Steps"].Value);
        }

        [Fact]
        public void Branch_names_are_read_one_by_one_and_patterns_filter_the_listing()
        {
            var exact = Run($"Get-CCAmplifyBranch {Keys} -AppId {SampleData.AmplifyManualAppId} -BranchName {SampleData.AmplifyMainBranch}, nosuch");
            Assert.Equal(SampleData.AmplifyMainBranch, Assert.Single(exact.Output).Properties["BranchName"].Value);
            var missing = Assert.Single(exact.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
            Assert.Equal("nosuch", missing.TargetObject);
            Assert.Equal(2, _session.ApiRequestCount("GetBranch"));

            var pattern = Run($"Get-CCAmplifyBranch {Keys} -AppId {SampleData.AmplifyManualAppId} -BranchName 'd*'");
            Assert.Equal(SampleData.AmplifyFailingBranch, Assert.Single(pattern.Output).Properties["BranchName"].Value);
        }

        [Fact]
        public void A_missing_app_and_an_unknown_name_are_ObjectNotFound_with_their_target()
        {
            var result = Run($"Get-CCAmplifyApp {Keys} -AppId d0000missing; Get-CCAmplifyApp {Keys} -Name no-such-app");

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category));
            Assert.Equal("d0000missing", result.Errors[0].TargetObject);
            Assert.Contains("NotFoundException", result.Errors[0].FullyQualifiedErrorId);
            Assert.Contains("Get-CCAmplifyApp lists the Amplify apps", result.Errors[0].ErrorDetails.RecommendedAction);
            Assert.Equal("no-such-app", result.Errors[1].TargetObject);
        }

        [Fact]
        public void A_wrong_secret_is_refused_by_the_signature_check_and_never_shown()
        {
            const string wrong = "wrongSecretKeyThatMustNotAppearAnywhere0000";
            var result = Shell.Run($"Get-CCAmplifyApp {Keys} -Verbose -Debug",
                SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(wrong));

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("InvalidSignatureException", error.FullyQualifiedErrorId);
            // Advice about AWS credentials, not about a CodeCatalyst token.
            Assert.Contains("AWS credentials", error.ErrorDetails.RecommendedAction);
            Assert.Contains("amplify:ListApps", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("Test-CCSession", error.ErrorDetails.RecommendedAction);
            var everything = string.Join("\n", result.Output.Select(o => o?.ToString()))
                             + string.Join("\n", result.Verbose.Select(v => v.Message)) + string.Join("\n", result.Debug.Select(d => d.Message))
                             + error + error.Exception;
            Assert.DoesNotContain(wrong, everything);
            Assert.DoesNotContain(SampleData.AwsSecretAccessKey, everything);
            Assert.Contains("AWS4-HMAC-SHA256 <redacted>", everything);
        }

        [Fact]
        public void Temporary_credentials_send_their_session_token_which_no_stream_shows()
        {
            var result = Shell.Run("Get-CCAmplifyApp -Region us-east-1 -AccessKey $args[0] -SecretKey $args[1] -SessionToken $args[2] -Debug 5>&1",
                SampleData.AwsTemporaryAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsTemporarySecretAccessKey),
                EmulatorSession.ToSecureString(SampleData.AwsSessionToken));

            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count(o => o.BaseObject.GetType().FullName == "CodeCatalyst.Amplify.Models.App"));
            var debug = string.Join("\n", result.Debug.Select(d => d.Message)) + string.Join("\n", result.Output.Select(o => o?.ToString()));
            Assert.Contains("X-Amz-Security-Token: <redacted>", debug);
            Assert.DoesNotContain(SampleData.AwsSessionToken, debug);
        }

        [Fact]
        public void Bad_credentials_and_a_missing_region_are_errors_before_any_request()
        {
            var half = Shell.Run("Get-CCAmplifyApp -Region us-east-1 -AccessKey AKIAIOSFODNN7EXAMPLE");
            Assert.Contains("IncompleteAccessKey", Assert.Single(half.Errors).FullyQualifiedErrorId);

            var both = Shell.Run("Get-CCAmplifyApp -Region us-east-1 -AccessKey $args[0] -SecretKey $args[1] -Credential ([pscredential]::new('AKIAIOSFODNN7EXAMPLE', $args[1]))",
                SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));
            Assert.Contains("CredentialTwice", Assert.Single(both.Errors).FullyQualifiedErrorId);

            var badRegion = Shell.Run("Get-CCAmplifyApp -Region 'not a region' -AccessKey $args[0] -SecretKey $args[1]",
                SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));
            Assert.Contains("InvalidRegion", Assert.Single(badRegion.Errors).FullyQualifiedErrorId);
            Assert.Equal(0, _session.ApiRequestCount());
        }

        [Fact]
        public void The_Connect_CCAccount_timeout_and_attempt_count_bound_Amplify_calls_too()
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Never());
            Shell.Run("Connect-CCAccount -EndpointUrl $CCEndpoint -Token $CCToken -RequestTimeoutSec 1 -MaxAttempts 1 | Out-Null");
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var result = Shell.Run($"Get-CCAmplifyApp {Keys} -EndpointUrl $args[2]", SampleData.AwsAccessKeyId,
                    EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey), stub.BaseAddress);

                var error = Assert.Single(result.Errors);
                Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}, not one attempt of about a second");
            }
            finally
            {
                Shell.Run("Disconnect-CCAccount -Confirm:$false");
            }
        }

        [Fact]
        public void Every_operation_of_the_Amplify_table_has_advice_of_its_own()
        {
            var root = System.IO.Directory.GetParent(RepositoryPaths.Docs)!.FullName;
            var table = CodeCatalyst.WireGen.OperationTable.Parse(System.IO.File.ReadAllText(
                System.IO.Path.Combine(root, CodeCatalyst.WireGen.ServiceTarget.Amplify.TablePath)));
            // The module is loaded into this process by the session fixture.
            var module = ImportedModule.Assembly;
            var advice = ((System.Collections.Generic.IEnumerable<string>)module
                .GetType("CodeCatalyst.Cmdlets.OperationAdvice", throwOnError: true)!
                .GetProperty("AmplifyOperations", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!
                .GetValue(null)!).OrderBy(name => name, StringComparer.Ordinal);

            Assert.Equal(table.Rows.Select(row => row.Operation).OrderBy(name => name, StringComparer.Ordinal), advice);
        }

        [Fact]
        public void Each_attempt_is_signed_anew_with_its_own_time()
        {
            var attempts = new System.Collections.Concurrent.ConcurrentQueue<StubRequest>();
            var calls = 0;
            using var stub = new ScriptedHttpStub(request =>
            {
                attempts.Enqueue(request);
                if (System.Threading.Interlocked.Increment(ref calls) > 1) return StubResponse.Json("{\"apps\":[]}");
                // Answer the first attempt only after the clock has moved past its signing second.
                System.Threading.Thread.Sleep(1100);
                return StubResponse.Json("{\"message\":\"busy\"}", 503);
            });

            var result = Shell.Run($"Get-CCAmplifyApp {Keys} -EndpointUrl $args[2]", SampleData.AwsAccessKeyId,
                EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey), stub.BaseAddress);

            Assert.Empty(result.Errors);
            var sent = attempts.ToArray();
            Assert.Equal(2, sent.Length);
            Assert.NotEqual(sent[0].Headers["X-Amz-Date"], sent[1].Headers["X-Amz-Date"]);
            Assert.NotEqual(sent[0].Headers["Authorization"], sent[1].Headers["Authorization"]);
            Assert.All(sent, attempt => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + SampleData.AwsAccessKeyId + "/", attempt.Headers["Authorization"]));
        }

        [Fact]
        public void A_PSCredential_carries_the_access_key_as_its_user_name()
        {
            var result = Shell.Run("Get-CCAmplifyApp -Region us-east-1 -Credential ([pscredential]::new($args[0], $args[1]))",
                SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));

            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
        }
    }
}
