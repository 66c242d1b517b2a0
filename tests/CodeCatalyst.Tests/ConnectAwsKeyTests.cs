using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Connect-CCAccount as a source of AWS credentials for the Amplify cmdlets: the key is checked with STS
    /// GetCallerIdentity (the emulator's, which verifies the signature), stored as SecureStrings, used after the
    /// cmdlet's own keys and before the environment, and never shown.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ConnectAwsKeyTests : IAsyncLifetime
    {
        private const string WrongSecret = "wrongSecretKeyThatMustNotAppearAnywhere0000";

        private static readonly string[] Variables =
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_AMPLIFY", "AWS_ENDPOINT_URL_CODECATALYST",
            "AWS_BEARER_TOKEN_CODECATALYST", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "HOME",
        };

        private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        private readonly string _home = Directory.CreateTempSubdirectory("cc-connect-aws-").FullName;
        private EmulatorServer _emulator = null!;
        private PowerShellSession _shell = null!;

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RunSpeed = 4 });
            // No AWS set-up of the developer's can leak in; no instance metadata probe; STS and Amplify are the emulator.
            foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable("HOME", _home);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_home, "config"));
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home, "credentials"));
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", _emulator.BaseAddress.ToString());
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_AMPLIFY", _emulator.BaseAddress.ToString());
            _shell = new PowerShellSession();
            _shell.Runspace.SessionStateProxy.SetVariable("Secret", EmulatorSession.ToSecureString(SampleData.AwsSecretAccessKey));
            _shell.Runspace.SessionStateProxy.SetVariable("WrongSecret", EmulatorSession.ToSecureString(WrongSecret));
            _shell.Runspace.SessionStateProxy.SetVariable("KeyId", SampleData.AwsAccessKeyId);
        }

        public async Task DisposeAsync()
        {
            _shell.Dispose();
            await _emulator.DisposeAsync();
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            Directory.Delete(_home, recursive: true);
        }

        private int StsCalls => _emulator.Requests.Count(r => r.Operation == "GetCallerIdentity");

        [Fact]
        public void A_stored_key_is_checked_with_STS_and_then_signs_the_Amplify_calls_with_the_stored_Region()
        {
            var connected = _shell.Run("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Region eu-west-1");

            Assert.Empty(connected.Errors);
            var context = Assert.Single(connected.Output);
            Assert.Equal("eu-west-1", context.Properties["Region"].Value);
            Assert.Equal("-AccessKey (****************MPLE)", context.Properties["AwsCredentialSource"].Value);
            Assert.StartsWith("arn:aws:", (string)context.Properties["AwsIdentity"].Value);
            Assert.Equal(1, StsCalls);
            // An Amplify-only connection: no CodeCatalyst token exists here, and none was asked for.
            Assert.DoesNotContain(_emulator.Requests, r => r.Operation == "VerifySession");

            // No key, no Region anywhere but in the session: the stored ones are used.
            var apps = _shell.Run("Get-CCAmplifyApp -Verbose");
            Assert.Empty(apps.Errors);
            Assert.Equal(2, apps.Output.Count);
            Assert.Contains(apps.Verbose, line => line.Message.Contains("Region eu-west-1", StringComparison.Ordinal));
            Assert.Contains(apps.Verbose, line => line.Message.Contains("Connect-CCAccount -AccessKey", StringComparison.Ordinal));
            Assert.Equal(SampleData.AwsAccessKeyId, LastAmplifySigner);
        }

        private string? LastAmplifySigner => _emulator.Requests.Last(r => r.Operation == "ListApps").AwsAccessKeyId;

        [Fact]
        public void The_stored_key_comes_after_the_cmdlets_own_and_before_the_environment()
        {
            Assert.Empty(_shell.Run("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Region us-east-1").Errors);

            // Another good key in the environment is not used: the stored one comes first.
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", SampleData.AwsTemporaryAccessKeyId);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SampleData.AwsTemporarySecretAccessKey);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", SampleData.AwsSessionToken);
            Assert.Empty(_shell.Run("Get-CCAmplifyApp").Errors);
            Assert.Equal(SampleData.AwsAccessKeyId, LastAmplifySigner);

            // A key given to the cmdlet comes before the stored one.
            _shell.Runspace.SessionStateProxy.SetVariable("TemporarySecret", EmulatorSession.ToSecureString(SampleData.AwsTemporarySecretAccessKey));
            _shell.Runspace.SessionStateProxy.SetVariable("SessionToken", EmulatorSession.ToSecureString(SampleData.AwsSessionToken));
            var own = _shell.Run("Get-CCAmplifyApp -AccessKey $args[0] -SecretKey $TemporarySecret -SessionToken $SessionToken", SampleData.AwsTemporaryAccessKeyId);
            Assert.Empty(own.Errors);
            Assert.Equal(SampleData.AwsTemporaryAccessKeyId, LastAmplifySigner);

            // Once disconnected, the environment's key is next.
            Assert.Empty(_shell.Run("Disconnect-CCAccount -Confirm:$false; Get-CCAmplifyApp -Region us-east-1").Errors);
            Assert.Equal(SampleData.AwsTemporaryAccessKeyId, LastAmplifySigner);
        }

        [Fact]
        public void An_explicit_ProfileName_uses_that_profile_not_the_stored_key_or_Region()
        {
            File.WriteAllText(Path.Combine(_home, "credentials"),
                $"[wrong]\naws_access_key_id = {SampleData.AwsAccessKeyId}\naws_secret_access_key = {WrongSecret}\n");
            File.WriteAllText(Path.Combine(_home, "config"), "[profile wrong]\nregion = ap-southeast-2\n");
            Assert.Empty(_shell.Run("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Region us-east-1").Errors);

            var result = _shell.Run("Get-CCAmplifyApp -ProfileName wrong -Verbose");

            Assert.Equal(ErrorCategory.PermissionDenied, Assert.Single(result.Errors).CategoryInfo.Category);
            Assert.Contains(result.Verbose, line => line.Message.Contains("Region ap-southeast-2", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Verbose, line => line.Message.Contains(WrongSecret, StringComparison.Ordinal));
        }

        [Fact]
        public void A_refused_key_stores_nothing_and_its_secret_is_never_shown()
        {
            Assert.Empty(_shell.Run("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Region us-east-1").Errors);

            var refused = _shell.Run("Connect-CCAccount -AccessKey $KeyId -SecretKey $WrongSecret -Region eu-west-1 -Verbose -Debug");

            var error = Assert.Single(refused.Errors);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith("AwsCredentialsSourceFailed", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("GetCallerIdentity", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("SignatureDoesNotMatch", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(refused.Output);
            Assert.DoesNotContain(WrongSecret, refused.AllText(), StringComparison.Ordinal);

            // The earlier connection is untouched: its Region and key still work.
            var apps = _shell.Run("Get-CCAmplifyApp -Verbose");
            Assert.Empty(apps.Errors);
            Assert.Contains(apps.Verbose, line => line.Message.Contains("Region us-east-1", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Connect-CCAccount -AccessKey $KeyId -Region us-east-1", "IncompleteAccessKey")]
        [InlineData("Connect-CCAccount -SecretKey $Secret -Region us-east-1", "IncompleteAccessKey")]
        [InlineData("Connect-CCAccount -SessionToken $Secret -Region us-east-1", "SessionTokenAlone")]
        [InlineData("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Credential ([pscredential]::new($KeyId, $Secret))", "CredentialTwice")]
        [InlineData("Connect-CCAccount -AccessKey $KeyId -SecretKey $Secret -Region 'Not A Region'", "InvalidRegion")]
        public void Bad_AWS_input_is_refused_before_any_request(string script, string errorId)
        {
            var result = _shell.Run(script);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith(errorId, error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public void A_Credential_with_SkipVerification_is_stored_without_a_request_and_Disconnect_forgets_it()
        {
            var connected = _shell.Run("Connect-CCAccount -Credential ([pscredential]::new($KeyId, $Secret)) -Region us-east-1 -SkipVerification");
            Assert.Empty(connected.Errors);
            Assert.Equal("-Credential (****************MPLE)", Assert.Single(connected.Output).Properties["AwsCredentialSource"].Value);
            Assert.Null(Assert.Single(connected.Output).Properties["AwsIdentity"].Value);
            Assert.Empty(_emulator.Requests);

            Assert.Empty(_shell.Run("Get-CCAmplifyApp").Errors);

            Assert.Empty(_shell.Run("Disconnect-CCAccount -Confirm:$false").Errors);
            var after = _shell.Run("Get-CCAmplifyApp");
            var error = Assert.Single(after.Errors);
            // Nothing left to sign with, and no Region either.
            Assert.StartsWith("NoRegion", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void With_a_Token_both_the_CodeCatalyst_token_and_the_AWS_key_are_checked()
        {
            _shell.Runspace.SessionStateProxy.SetVariable("CCToken", EmulatorSession.ToSecureString(EmulatorSession.TestToken));

            var connected = _shell.Run("Connect-CCAccount -EndpointUrl $args[0] -Token $CCToken -AccessKey $KeyId -SecretKey $Secret -Region us-east-1",
                _emulator.BaseAddress);

            Assert.Empty(connected.Errors);
            var context = Assert.Single(connected.Output);
            Assert.NotNull(context.Properties["Identity"].Value);
            Assert.NotNull(context.Properties["AwsIdentity"].Value);
            Assert.Equal(1, _emulator.Requests.Count(r => r.Operation == "VerifySession"));
            Assert.Equal(1, StsCalls);
        }
    }
}
