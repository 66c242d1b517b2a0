using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Credentials;
using CodeCatalyst.Core.Auth.Signing;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>Behaviour of the credential chain beyond what botocore parity shows: precedence, refresh, bounds, messages.</summary>
    public class CredentialChainTests : IDisposable
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        private readonly TempHome _home = new TempHome();
        private readonly HttpClient _http = new HttpClient(new HttpClientHandler { UseProxy = false });

        public CredentialChainTests()
        {
            _home.Environment
                .With("AWS_CONFIG_FILE", _home.ConfigPath)
                .With("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home.Root, ".aws", "credentials"))
                .With("AWS_EC2_METADATA_DISABLED", "true");
        }

        public void Dispose()
        {
            _http.Dispose();
            _home.Dispose();
        }

        private AwsCredentialChain Chain(Action<AwsCredentialChainOptions>? configure = null)
        {
            var options = new AwsCredentialChainOptions { HttpClient = _http, Environment = _home.Environment, Region = "us-east-1" };
            configure?.Invoke(options);
            return new AwsCredentialChain(options);
        }

        private void Credentials(string text) => File.WriteAllText(Path.Combine(_home.Root, ".aws", "credentials"), text);

        private string Script(string name, string python)
        {
            string path = Path.Combine(_home.Root, name + ".py");
            File.WriteAllText(path, python);
            return "python3 " + path;
        }

        private static async Task<AwsCredentialException> Fails(AwsCredentialChain chain) =>
            await Assert.ThrowsAsync<AwsCredentialException>(() => chain.GetCredentialsAsync(CancellationToken.None));

        [Fact]
        public async Task Explicit_credentials_beat_the_environment_and_the_first_explicit_source_wins()
        {
            _home.Environment.With("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEENVIRON01").With("AWS_SECRET_ACCESS_KEY", Secret);
            AwsCredentialChain chain = Chain(o =>
            {
                o.Explicit.Add(new ExplicitAwsCredentials(new AwsCredentials("AKIAEXAMPLEPARAMET01", Secret), "-AccessKey/-SecretKey"));
                o.Explicit.Add(new ExplicitAwsCredentials(new AwsCredentials("AKIAEXAMPLECONNECT01", Secret), "Connect-CCAccount"));
            });

            AwsCredentials credentials = await chain.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal("AKIAEXAMPLEPARAMET01", credentials.AccessKeyId);
            Assert.Equal("-AccessKey/-SecretKey", chain.SourceDescription);
        }

        [Fact]
        public async Task Temporary_credentials_outlive_a_one_hour_wait_refreshing_in_the_advisory_window()
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            using var stub = new CredentialStubServer(clock.Func);
            _home.Environment.With("AWS_ENDPOINT_URL_STS", stub.BaseUrl);
            File.WriteAllText(_home.ConfigPath, "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n");
            Credentials("[base]\naws_access_key_id = AKIAEXAMPLESOURCE001\naws_secret_access_key = " + Secret + "\n");
            AwsCredentialChain chain = Chain(o => { o.ProfileName = "deploy"; o.Clock = clock.Func; });

            AwsCredentials first = await chain.GetCredentialsAsync(CancellationToken.None);
            clock.Now += TimeSpan.FromMinutes(30);
            Assert.Same(first, await chain.GetCredentialsAsync(CancellationToken.None));
            Assert.Equal(1, stub.AssumeRoleCalls);

            clock.Now += TimeSpan.FromMinutes(16); // 14 minutes left: advisory refresh
            AwsCredentials second = await chain.GetCredentialsAsync(CancellationToken.None);
            Assert.Equal(2, stub.AssumeRoleCalls);
            Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);

            clock.Now += TimeSpan.FromMinutes(20); // an hour and 6 minutes after the start: the first ones are dead
            Assert.True(first.Expiration < clock.Now);
            AwsCredentials third = await chain.GetCredentialsAsync(CancellationToken.None);
            Assert.Same(second, third);
            Assert.True(third.Expiration > clock.Now);
            Assert.All(stub.Snapshot().Where(r => r.Method == "POST"), r => Assert.Equal("AKIAEXAMPLESOURCE001", r.SignedWith));
        }

        [Fact]
        public async Task A_failed_advisory_refresh_keeps_the_current_credentials_and_a_failed_mandatory_one_throws()
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            int calls = 0;
            bool fail = false;
            var source = new RefreshingCredentialSource(
                _ =>
                {
                    calls++;
                    if (fail) throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, "STS is down", "STS");
                    return Task.FromResult(new AwsCredentials("ASIATEMPORARY" + calls.ToString("0000000"), Secret, "token", clock.Now.AddHours(1)));
                },
                "test source",
                clock.Func);

            AwsCredentials first = await source.GetCredentialsAsync(CancellationToken.None);
            fail = true;
            clock.Now += TimeSpan.FromMinutes(47); // 13 minutes left
            Assert.Same(first, await source.GetCredentialsAsync(CancellationToken.None));
            clock.Now += TimeSpan.FromMinutes(5); // 8 minutes left
            var error = await Assert.ThrowsAsync<AwsCredentialException>(() => source.GetCredentialsAsync(CancellationToken.None));
            Assert.Equal("STS is down", error.Message);
            Assert.Equal(3, calls);
        }

        [Fact]
        public async Task Environment_credentials_beat_the_profile_and_an_explicit_profile_skips_them()
        {
            Credentials("[default]\naws_access_key_id = AKIAEXAMPLECREDFILE1\naws_secret_access_key = " + Secret + "\n[dev]\naws_access_key_id = AKIAEXAMPLECREDFILE2\naws_secret_access_key = " + Secret + "\n");
            _home.Environment.With("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEENVIRON01").With("AWS_SECRET_ACCESS_KEY", Secret).With("AWS_PROFILE", "dev");

            Assert.Equal("AKIAEXAMPLEENVIRON01", (await Chain().GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
            Assert.Equal("AKIAEXAMPLECREDFILE2", (await Chain(o => o.ProfileName = "dev").GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
            Assert.Equal("AKIAEXAMPLECREDFILE1", (await Chain(o => o.ProfileName = "default").GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
        }

        [Fact]
        public async Task An_empty_profile_variable_is_an_unset_one()
        {
            // PowerShell's [Environment]::SetEnvironmentVariable('AWS_DEFAULT_PROFILE', $null) leaves it set to "" on Unix.
            _home.Environment.With("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEENVIRON01").With("AWS_SECRET_ACCESS_KEY", Secret).With("AWS_DEFAULT_PROFILE", "");

            // Not a named profile that is missing (which would stop the chain), so the environment's keys are used.
            Assert.Equal("AKIAEXAMPLEENVIRON01", (await Chain().GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
        }

        [Fact]
        public async Task A_named_profile_that_does_not_exist_says_which_files_were_read()
        {
            _home.Environment.With("AWS_PROFILE", "ghost");
            AwsCredentialException error = await Fails(Chain());
            Assert.Equal(AwsCredentialErrorKind.ProfileNotFound, error.Kind);
            Assert.Contains("'ghost' (from AWS_PROFILE)", error.Message);
            Assert.Contains(_home.ConfigPath, error.Message);
        }

        [Fact]
        public async Task No_source_at_all_is_a_typed_error_saying_what_to_do()
        {
            AwsCredentialException error = await Fails(Chain());
            Assert.Equal(AwsCredentialErrorKind.NoCredentials, error.Kind);
            Assert.Contains("aws configure", error.Message);
        }

        [Fact]
        public async Task Disabled_instance_metadata_is_never_contacted()
        {
            using var stub = new CredentialStubServer();
            _home.Environment.With("AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.BaseUrl);
            AwsCredentialException error = await Fails(Chain());
            Assert.Equal(AwsCredentialErrorKind.NoCredentials, error.Kind);
            Assert.Empty(stub.Snapshot());

            _home.Environment.Variables.Remove("AWS_EC2_METADATA_DISABLED");
            AwsCredentials credentials = await Chain().GetCredentialsAsync(CancellationToken.None);
            Assert.Equal(CredentialStubServer.ImdsKey, credentials.AccessKeyId);
            Assert.Equal("21600", stub.Snapshot().First().TokenTtl);
        }

        [Fact]
        public async Task Unreachable_instance_metadata_gives_up_quickly()
        {
            _home.Environment.Variables.Remove("AWS_EC2_METADATA_DISABLED");
            _home.Environment.With("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9/").With("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
            var watch = Stopwatch.StartNew();
            AwsCredentialException error = await Fails(Chain());
            Assert.Equal(AwsCredentialErrorKind.NoCredentials, error.Kind);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }

        [Fact]
        public async Task A_credential_process_that_hangs_is_stopped_at_its_time_limit()
        {
            File.WriteAllText(_home.ConfigPath, "[default]\ncredential_process = " + Script("hang", "import time\ntime.sleep(60)\n") + "\n");
            var watch = Stopwatch.StartNew();
            AwsCredentialException error = await Fails(Chain(o => o.ProcessTimeout = TimeSpan.FromSeconds(2)));
            Assert.Equal(AwsCredentialErrorKind.SourceFailed, error.Kind);
            Assert.Contains("did not finish within 2 s", error.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        }

        [Theory]
        [InlineData("garbage", "print('not json " + Secret + "')", "did not print a JSON object")]
        [InlineData("version", "print('{\"Version\": 2, \"AccessKeyId\": \"AKIAEXAMPLEPROCESS01\", \"SecretAccessKey\": \"" + Secret + "\"}')", "only supported version is 1")]
        [InlineData("missing", "print('{\"Version\": 1, \"AccessKeyId\": \"AKIAEXAMPLEPROCESS01\"}')", "SecretAccessKey")]
        [InlineData("exit", "import sys\nsys.stderr.write('failed with " + Secret + "')\nsys.exit(3)", "exited with code 3")]
        [InlineData("huge", "import sys\nsys.stdout.write('" + Secret + "' * 10000)", "more than 64 KiB")]
        public async Task A_bad_credential_process_fails_without_echoing_its_output(string name, string python, string expected)
        {
            File.WriteAllText(_home.ConfigPath, "[default]\ncredential_process = " + Script(name, python) + "\n");
            AwsCredentialException error = await Fails(Chain());
            Assert.Equal(AwsCredentialErrorKind.SourceFailed, error.Kind);
            Assert.Contains(expected, error.Message);
            Assert.Contains("profile 'default'", error.Message);
            Assert.DoesNotContain(Secret, error.ToString());
        }

        [Fact]
        public async Task Sts_errors_name_the_role_and_never_the_web_identity_token()
        {
            using var stub = new CredentialStubServer();
            string tokenFile = Path.Combine(_home.Root, "token");
            const string WebToken = "eyJhbGciOiJSUzI1NiJ9.secret-claims.signature";
            File.WriteAllText(tokenFile, WebToken);
            stub.StsError = ("InvalidIdentityToken", "Token " + WebToken + " is expired");
            _home.Environment.With("AWS_ENDPOINT_URL_STS", stub.BaseUrl).With("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile).With("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci");

            AwsCredentialException error = await Fails(Chain());

            Assert.Equal(AwsCredentialErrorKind.SourceFailed, error.Kind);
            Assert.Contains("arn:aws:iam::123456789012:role/ci", error.Message);
            Assert.Contains("InvalidIdentityToken", error.Message);
            Assert.DoesNotContain(WebToken, error.ToString());
            Assert.Null(stub.Snapshot().Single().Authorization); // AssumeRoleWithWebIdentity is unsigned
        }

        [Fact]
        public async Task Mfa_profiles_are_refused_with_a_clear_error()
        {
            File.WriteAllText(_home.ConfigPath, "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile base]\naws_access_key_id = AKIAEXAMPLESOURCE001\naws_secret_access_key = " + Secret + "\n");
            AwsCredentialException error = await Fails(Chain(o => o.ProfileName = "mfa"));
            Assert.Equal(AwsCredentialErrorKind.Unsupported, error.Kind);
            Assert.Contains("mfa_serial", error.Message);
        }

        [Theory]
        [InlineData("[profile a]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = a\n", "Infinite loop")]
        [InlineData("[profile a]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = nobody\n", "'nobody' referenced in the profile 'a' does not exist")]
        [InlineData("[profile a]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2\n", "credential_source 'Ec2'")]
        [InlineData("[profile a]\nrole_arn = arn:aws:iam::1:role/r\n", "neither source_profile nor credential_source")]
        [InlineData("[profile a]\naws_access_key_id = AKIAEXAMPLEPARTIAL01\n", "no aws_secret_access_key")]
        [InlineData("[profile a]\nsso_account_id = 1\nsso_role_name = r\n", "missing required configuration: sso_start_url, sso_region")]
        public async Task Broken_profiles_are_configuration_errors_naming_the_profile(string config, string expected)
        {
            File.WriteAllText(_home.ConfigPath, config);
            AwsCredentialException error = await Fails(Chain(o => o.ProfileName = "a"));
            Assert.Equal(AwsCredentialErrorKind.InvalidConfiguration, error.Kind);
            Assert.Contains(expected, error.Message);
        }

        [Theory]
        [InlineData("http://example.com/creds", false)]
        [InlineData("http://169.254.170.23/creds", true)]
        [InlineData("http://[::1]:1/creds", true)]
        [InlineData("https://example.com/creds", true)]
        public void Full_container_uris_are_limited_to_loopback_known_hosts_or_https(string uri, bool allowed)
        {
            _home.Environment.With("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
            if (allowed)
            {
                Assert.NotNull(ContainerCredentialFetcher.FromEnvironment(_http, _home.Environment));
            }
            else
            {
                var error = Assert.Throws<AwsCredentialException>(() => ContainerCredentialFetcher.FromEnvironment(_http, _home.Environment));
                Assert.Contains("example.com", error.Message);
            }
        }

        [Fact]
        public async Task Container_failures_are_retried_then_reported_without_the_body()
        {
            using var stub = new CredentialStubServer();
            _home.Environment.With("AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.BaseUrl + "/container/auth/x").With("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong");
            AwsCredentialException error = await Fails(Chain(o => o.ContainerRetryDelay = TimeSpan.Zero));
            Assert.Contains("HTTP 401", error.Message);
            Assert.Equal(3, stub.Snapshot().Count);
        }

        [Fact]
        public void Credentials_and_sources_never_show_secrets()
        {
            var credentials = new AwsCredentials("ASIAEXAMPLEEXAMPLE01", Secret, "session-token-value", DateTimeOffset.UtcNow.AddHours(1));
            var source = new StaticCredentialSource(credentials, "test");
            foreach (string text in new[] { credentials.ToString(), source.ToString(), new ExplicitAwsCredentials(credentials, "-Credential").ToString() })
            {
                Assert.DoesNotContain(Secret, text);
                Assert.DoesNotContain("session-token-value", text);
                Assert.DoesNotContain("ASIAEXAMPLEEXAMPLE01", text);
            }
        }

        [Theory]
        [InlineData("eu-central-1", "us-east-1", "us-west-2", "eu-central-1", "-Region")]
        [InlineData(null, "us-east-1", "us-west-2", "us-east-1", "AWS_REGION")]
        [InlineData(null, null, "us-west-2", "us-west-2", "AWS_DEFAULT_REGION")]
        [InlineData(null, null, null, "ap-south-1", "profile 'dev'")]
        public void Region_comes_from_the_parameter_then_the_environment_then_the_profile(string? parameter, string? awsRegion, string? awsDefaultRegion, string expected, string expectedSource)
        {
            File.WriteAllText(_home.ConfigPath, "[profile dev]\nregion = ap-south-1\n");
            if (awsRegion != null) _home.Environment.With("AWS_REGION", awsRegion);
            if (awsDefaultRegion != null) _home.Environment.With("AWS_DEFAULT_REGION", awsDefaultRegion);
            Assert.Equal(expected, AwsRegionResolver.Resolve(parameter, "dev", _home.Environment, out string source));
            Assert.Equal(expectedSource, source);
        }
    }
}
