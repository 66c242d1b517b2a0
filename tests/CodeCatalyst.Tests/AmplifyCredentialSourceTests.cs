using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// The Amplify cmdlets end to end with no keys given: the module's credential chain finds its credentials through
    /// each source the emulator serves (assume role from a source profile, a web identity token file, an SSO profile,
    /// container credentials, IMDSv2), reaching it only through the documented settings, and the emulator checks that
    /// the Amplify call is signed by exactly the temporary credentials it issued. No secret shows in any stream.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class AmplifyCredentialSourceTests : IAsyncLifetime
    {
        private const string SsoToken = "amplify-credential-source-sso-token";
        private const string ContainerToken = "amplify-credential-source-container-token";
        private const string RoleAccount = "111122223333";

        private static readonly string[] Variables =
        {
            "HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_AMPLIFY",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_V1_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
            "AWS_ROLE_SESSION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_MAX_ATTEMPTS",
        };

        private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        private readonly string _home = Directory.CreateTempSubdirectory("cc-amplify-credentials-").FullName;
        private string _webIdentityToken = null!;
        private EmulatorServer _emulator = null!;
        private PowerShellSession _shell = null!;

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RequiredToken = SsoToken, ContainerAuthorizationToken = ContainerToken });
            foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
            var endpoint = _emulator.BaseAddress.ToString().TrimEnd('/');
            Environment.SetEnvironmentVariable("HOME", _home);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_home, ".aws", "config"));
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home, ".aws", "credentials"));
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", endpoint);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SSO", endpoint);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_AMPLIFY", endpoint);
            // Unless a test asks for IMDS, the chain must not try 169.254.169.254.
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            WriteFiles();
            _shell = new PowerShellSession();
        }

        public async Task DisposeAsync()
        {
            _shell.Dispose();
            await _emulator.DisposeAsync();
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            Directory.Delete(_home, recursive: true);
        }

        private void WriteFiles()
        {
            var aws = Path.Combine(_home, ".aws");
            Directory.CreateDirectory(Path.Combine(aws, "sso", "cache"));
            var tokenFile = Path.Combine(_home, "web-identity-token");
            _webIdentityToken = Jwt($"{{\"iss\":\"https://oidc.emulator.example\",\"sub\":\"system:serviceaccount:ci:deployer\",\"aud\":\"sts.amazonaws.com\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}");
            File.WriteAllText(tokenFile, _webIdentityToken);
            File.WriteAllText(Path.Combine(aws, "credentials"),
                $"[source]\naws_access_key_id = {SampleData.AwsAccessKeyId}\naws_secret_access_key = {SampleData.AwsSecretAccessKey}\n");
            File.WriteAllText(Path.Combine(aws, "config"),
                $"[profile assume]\nrole_arn = arn:aws:iam::{RoleAccount}:role/amplify-deployer\nsource_profile = source\nrole_session_name = module-check\nregion = us-east-1\n\n" +
                $"[profile shortrole]\nrole_arn = arn:aws:iam::{RoleAccount}:role/amplify-deployer\nsource_profile = source\nrole_session_name = module-wait\nduration_seconds = 900\nregion = us-east-1\n\n" +
                $"[profile badsession]\nrole_arn = arn:aws:iam::{RoleAccount}:role/amplify-deployer\nsource_profile = source\nrole_session_name = has space\nregion = us-east-1\n\n" +
                $"[profile webid]\nrole_arn = arn:aws:iam::{RoleAccount}:role/amplify-web\nweb_identity_token_file = {tokenFile}\nrole_session_name = module-web\nregion = us-east-1\n\n" +
                $"[profile sso]\nsso_session = emulator\nsso_account_id = {RoleAccount}\nsso_role_name = Deployer\nregion = us-east-1\n\n" +
                "[sso-session emulator]\nsso_start_url = https://emulator-example.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
            var key = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes("emulator"))).ToLowerInvariant();
            File.WriteAllText(Path.Combine(aws, "sso", "cache", key + ".json"), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = "https://emulator-example.awsapps.com/start",
                ["region"] = "us-east-1",
                ["accessToken"] = SsoToken,
                ["expiresAt"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }));
        }

        private static string Jwt(string claims)
        {
            static string Part(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return $"{Part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Part(claims)}.c2lnbmF0dXJl";
        }

        /// <summary>
        /// Runs Get-CCAmplifyApp with -Verbose and -Debug, asserts it listed both sample apps signed by the one
        /// temporary credential the source issued, and that no secret is in any stream.
        /// </summary>
        private void AssertAmplifyCallUses(string script, string issuingOperation)
        {
            var result = _shell.Run(script + " -Verbose -Debug");

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
            Assert.Equal(new[] { SampleData.AmplifyManualAppId, SampleData.AmplifyRepositoryAppId },
                result.Output.Select(app => (string)app.Properties["AppId"].Value).OrderBy(id => id, StringComparer.Ordinal));
            Assert.Contains(_emulator.Requests, request => request.Operation == issuingOperation && request.StatusCode == 200);
            var issued = Assert.Single(_emulator.IssuedAwsCredentials);
            var listApps = Assert.Single(_emulator.Requests, request => request.Operation == "ListApps");
            Assert.Equal(200, listApps.StatusCode);
            Assert.Equal(issued.AccessKeyId, listApps.AwsAccessKeyId);

            var everything = result.AllText() + string.Join("\n", result.Debug.Select(d => d.Message));
            foreach (var secret in new[] { issued.SecretAccessKey, issued.SessionToken!, SampleData.AwsSecretAccessKey, SsoToken, ContainerToken, _webIdentityToken })
            {
                Assert.DoesNotContain(secret, everything);
            }
        }

        [Fact]
        public void A_profile_with_role_arn_and_source_profile_assumes_the_role_through_STS()
        {
            AssertAmplifyCallUses("Get-CCAmplifyApp -ProfileName assume", "AssumeRole");

            // STS itself was called with the source profile's long-term key.
            Assert.Equal(SampleData.AwsAccessKeyId, _emulator.Requests.Single(request => request.Operation == "AssumeRole").AwsAccessKeyId);
        }

        [Fact]
        public void A_web_identity_token_file_is_exchanged_through_AssumeRoleWithWebIdentity()
        {
            AssertAmplifyCallUses("Get-CCAmplifyApp -ProfileName webid", "AssumeRoleWithWebIdentity");

            Assert.Null(_emulator.Requests.Single(request => request.Operation == "AssumeRoleWithWebIdentity").AwsAccessKeyId);
        }

        [Fact]
        public void An_SSO_profile_gets_role_credentials_from_the_portal_with_the_cached_token()
        {
            AssertAmplifyCallUses("Get-CCAmplifyApp -ProfileName sso", "GetRoleCredentials");
        }

        [Fact]
        public void Container_credentials_come_from_the_full_URI_with_the_authorization_token()
        {
            Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
            Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", _emulator.BaseAddress + "container-credentials/module-task");
            Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN", ContainerToken);

            AssertAmplifyCallUses("Get-CCAmplifyApp", "GetContainerCredentials");
        }

        [Fact]
        public void Instance_metadata_gives_credentials_through_IMDSv2()
        {
            Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", null);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", _emulator.BaseAddress.ToString());

            AssertAmplifyCallUses("Get-CCAmplifyApp", "GetInstanceRoleCredentials");

            Assert.Contains(_emulator.Requests, request => request.Operation == "GetInstanceMetadataToken" && request.StatusCode == 200);
        }

        [Fact]
        public void A_wait_goes_on_with_fresh_credentials_when_the_assumed_ones_near_their_expiry()
        {
            // 900-second role credentials are inside the 15-minute advisory window from the moment STS issues them, so
            // the provider refreshes them before each use, as botocore does: every poll of the wait is signed anew.
            var result = _shell.Run(
                $"Start-CCAmplifyJob -ProfileName shortrole -AppId {SampleData.AmplifyRepositoryAppId} -BranchName {SampleData.AmplifyMainBranch} -JobType RELEASE -Confirm:$false |" +
                " Wait-CCAmplifyJob -ProfileName shortrole -PollIntervalSec 1 -TimeoutSec 120");

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
            Assert.Equal("SUCCEED", Assert.Single(result.Output).Properties["Status"].Value);
            var polls = _emulator.Requests.Where(request => request.Operation == "GetJob").ToList();
            Assert.True(polls.Count >= 2, $"the wait polled {polls.Count} time(s)");
            Assert.All(polls, poll => Assert.Equal(200, poll.StatusCode));
            var issued = _emulator.IssuedAwsCredentials.Select(credential => credential.AccessKeyId).ToHashSet();
            Assert.All(polls, poll => Assert.Contains(poll.AwsAccessKeyId, issued));
            // More than one set of credentials signed the polls: the wait did not keep the first ones to their end.
            Assert.True(polls.Select(poll => poll.AwsAccessKeyId).Distinct().Count() >= 2);
            Assert.True(_emulator.Requests.Count(request => request.Operation == "AssumeRole") >= polls.Count);
        }

        [Theory]
        [InlineData("us-east-1")]
        [InlineData(null)]
        public void A_shared_config_file_that_cannot_be_parsed_is_InvalidData_before_any_request(string? region)
        {
            // With AWS_REGION set the file is first read for the endpoint, without it for the Region: either way the
            // error says what is wrong with which file, as an error record of its own kind.
            Environment.SetEnvironmentVariable("AWS_REGION", region);
            File.WriteAllText(Path.Combine(_home, ".aws", "config"), "region = us-east-1\n[profile broken\n");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_AMPLIFY", null);

            var result = _shell.Run("Get-CCAmplifyApp -AccessKey $args[0] -SecretKey $args[1]",
                SampleData.AwsAccessKeyId, EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidAwsConfig,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(Path.Combine(_home, ".aws", "config"), error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public void A_role_STS_refuses_is_one_error_with_STS_code_and_no_Amplify_call()
        {
            var result = _shell.Run("Get-CCAmplifyApp -ProfileName badsession -Verbose -Debug");

            var error = Assert.Single(result.Errors);
            Assert.Contains("ValidationError", error.ToString() + error.Exception);
            Assert.Contains(_emulator.Requests, request => request.Operation == "AssumeRole" && request.StatusCode == 400);
            Assert.DoesNotContain(_emulator.Requests, request => request.Operation == "ListApps");
            Assert.Empty(_emulator.IssuedAwsCredentials);
            Assert.DoesNotContain(SampleData.AwsSecretAccessKey, result.AllText());
        }
    }
}
