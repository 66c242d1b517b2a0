using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Auth.Credentials;
using CodeCatalyst.Core.Auth.Signing;
using Xunit;
using Xunit.Abstractions;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// Gives botocore (botocore_credentials.py) and <see cref="AwsCredentialChain"/> the same files and environment,
    /// with every identity endpoint pointed at <see cref="CredentialStubServer"/>, and requires the same access key,
    /// secret and session token.
    /// </summary>
    public class CredentialChainParityTests : IDisposable
    {
        private const string RoleArn = "arn:aws:iam::123456789012:role/deploy";
        private readonly ITestOutputHelper _output;
        private readonly CredentialStubServer _stub = new CredentialStubServer();
        private readonly TempHome _home = new TempHome();
        private readonly HttpClient _http = new HttpClient(new HttpClientHandler { UseProxy = false });

        public CredentialChainParityTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public void Dispose()
        {
            _http.Dispose();
            _stub.Dispose();
            _home.Dispose();
        }

        /// <summary>One case: what goes into the files and the environment, the explicit profile, the key id both must return.</summary>
        private sealed class Scenario
        {
            public string Config { get; set; } = string.Empty;
            public string Credentials { get; set; } = string.Empty;
            public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>();
            public string? ExplicitProfile { get; set; }
            public string ExpectedKeyId { get; set; } = string.Empty;
        }

        public static IEnumerable<object[]> Cases() => new[]
        {
            "environment", "environment with AWS_SECURITY_TOKEN", "static keys in the credentials file", "static keys in the config file",
            "credentials file beats config file", "credential_process", "credential_process beats config file keys",
            "source_profile + role_arn", "chained source_profile", "credential_source Environment", "credential_source EcsContainer",
            "web identity from the profile", "web identity from the environment", "SSO with sso_session", "SSO legacy sso_start_url",
            "container relative URI", "container full URI with token", "container full URI with token file", "IMDSv2",
            "environment beats profile", "explicit profile skips environment keys", "AWS_PROFILE does not skip environment keys",
            "explicit profile beats AWS_PROFILE", "assume role beats static keys of the same profile", "profile beats container",
        }.Select(name => new object[] { name });

        private Scenario Build(string name)
        {
            string staticKeys(string keyId) => $"aws_access_key_id = {keyId}\naws_secret_access_key = {CredentialStubServer.SecretFor(keyId)}\n";
            var s = new Scenario();
            switch (name)
            {
                case "environment":
                    Env(s, "AKIAEXAMPLEENVIRON01", withToken: true);
                    break;
                case "environment with AWS_SECURITY_TOKEN":
                    Env(s, "AKIAEXAMPLEENVIRON02", withToken: false);
                    s.Variables["AWS_SECURITY_TOKEN"] = "security-token-wins";
                    s.Variables["AWS_SESSION_TOKEN"] = "session-token-loses";
                    break;
                case "static keys in the credentials file":
                    s.Credentials = "[default]\n" + staticKeys("AKIAEXAMPLECREDFILE1") + "aws_session_token = file-session-token\n";
                    s.ExpectedKeyId = "AKIAEXAMPLECREDFILE1";
                    break;
                case "static keys in the config file":
                    s.Config = "[profile dev]\n" + staticKeys("AKIAEXAMPLECONFIG001");
                    s.Variables["AWS_PROFILE"] = "dev";
                    s.ExpectedKeyId = "AKIAEXAMPLECONFIG001";
                    break;
                case "credentials file beats config file":
                    s.Config = "[default]\n" + staticKeys("AKIAEXAMPLECONFIG002");
                    s.Credentials = "[default]\n" + staticKeys("AKIAEXAMPLECREDFILE2");
                    s.ExpectedKeyId = "AKIAEXAMPLECREDFILE2";
                    break;
                case "credential_process":
                    s.Config = "[profile proc]\ncredential_process = " + ProcessScript("AKIAEXAMPLEPROCESS01") + "\n";
                    s.ExplicitProfile = "proc";
                    s.ExpectedKeyId = "AKIAEXAMPLEPROCESS01";
                    break;
                case "credential_process beats config file keys":
                    s.Config = "[default]\n" + staticKeys("AKIAEXAMPLECONFIG003") + "credential_process = " + ProcessScript("AKIAEXAMPLEPROCESS02") + "\n";
                    s.ExpectedKeyId = "AKIAEXAMPLEPROCESS02";
                    break;
                case "source_profile + role_arn":
                    s.Config = $"[profile deploy]\nrole_arn = {RoleArn}\nsource_profile = base\nrole_session_name = parity\nexternal_id = ext-1\nduration_seconds = 1800\n";
                    s.Credentials = "[base]\n" + staticKeys("AKIAEXAMPLESOURCE001");
                    s.Variables["AWS_PROFILE"] = "deploy";
                    s.ExpectedKeyId = CredentialStubServer.AssumeRoleKeyPrefix;
                    break;
                case "chained source_profile":
                    s.Config = $"[profile top]\nrole_arn = {RoleArn}-top\nsource_profile = middle\n[profile middle]\nrole_arn = {RoleArn}\nsource_profile = base\n[profile base]\n" + staticKeys("AKIAEXAMPLESOURCE002");
                    s.ExplicitProfile = "top";
                    s.ExpectedKeyId = CredentialStubServer.AssumeRoleKeyPrefix;
                    break;
                case "credential_source Environment":
                    s.Config = $"[profile deploy]\nrole_arn = {RoleArn}\ncredential_source = Environment\n";
                    s.ExplicitProfile = "deploy";
                    Env(s, "AKIAEXAMPLEENVIRON03", withToken: false);
                    s.ExpectedKeyId = CredentialStubServer.AssumeRoleKeyPrefix;
                    break;
                case "credential_source EcsContainer":
                    s.Config = $"[profile deploy]\nrole_arn = {RoleArn}\ncredential_source = EcsContainer\n";
                    s.ExplicitProfile = "deploy";
                    s.Variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _stub.BaseUrl + "/container/plain";
                    s.ExpectedKeyId = CredentialStubServer.AssumeRoleKeyPrefix;
                    break;
                case "web identity from the profile":
                    s.Config = $"[profile wi]\nrole_arn = {RoleArn}\nweb_identity_token_file = {WebToken()}\nrole_session_name = wi-session\n";
                    s.ExplicitProfile = "wi";
                    s.ExpectedKeyId = CredentialStubServer.WebIdentityKey;
                    break;
                case "web identity from the environment":
                    s.Variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = WebToken();
                    s.Variables["AWS_ROLE_ARN"] = RoleArn;
                    s.Credentials = "[default]\n" + staticKeys("AKIAEXAMPLECREDFILE3");
                    s.ExpectedKeyId = CredentialStubServer.WebIdentityKey;
                    break;
                case "SSO with sso_session":
                    s.Config = "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Deploy\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-west-2\n";
                    SsoCache("corp");
                    s.Variables["AWS_PROFILE"] = "sso";
                    s.ExpectedKeyId = CredentialStubServer.SsoKey;
                    break;
                case "SSO legacy sso_start_url":
                    s.Config = "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Deploy\n";
                    SsoCache("https://legacy.awsapps.com/start");
                    s.ExplicitProfile = "legacy";
                    s.ExpectedKeyId = CredentialStubServer.SsoKey;
                    break;
                case "container relative URI":
                    s.Variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/container/relative?id=1";
                    s.ExpectedKeyId = CredentialStubServer.ContainerKey;
                    break;
                case "container full URI with token":
                    s.Variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _stub.BaseUrl + "/container/auth/full";
                    s.Variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = CredentialStubServer.ContainerAuthorization;
                    s.ExpectedKeyId = CredentialStubServer.ContainerKey;
                    break;
                case "container full URI with token file":
                    string tokenFile = Path.Combine(_home.Root, "container-token");
                    File.WriteAllText(tokenFile, CredentialStubServer.ContainerAuthorization);
                    s.Variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://localhost:" + _stub.Port + "/container/auth/file";
                    s.Variables["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile;
                    s.Variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "the-file-wins";
                    s.ExpectedKeyId = CredentialStubServer.ContainerKey;
                    break;
                case "IMDSv2":
                    s.Variables.Remove("AWS_EC2_METADATA_DISABLED");
                    s.Variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = _stub.BaseUrl + "/";
                    s.ExpectedKeyId = CredentialStubServer.ImdsKey;
                    break;
                case "environment beats profile":
                    s.Credentials = "[default]\n" + staticKeys("AKIAEXAMPLECREDFILE4");
                    Env(s, "AKIAEXAMPLEENVIRON04", withToken: false);
                    break;
                case "explicit profile skips environment keys":
                    s.Credentials = "[dev]\n" + staticKeys("AKIAEXAMPLECREDFILE5");
                    Env(s, "AKIAEXAMPLEENVIRON05", withToken: false);
                    s.ExplicitProfile = "dev";
                    s.ExpectedKeyId = "AKIAEXAMPLECREDFILE5";
                    break;
                case "AWS_PROFILE does not skip environment keys":
                    s.Credentials = "[dev]\n" + staticKeys("AKIAEXAMPLECREDFILE6");
                    Env(s, "AKIAEXAMPLEENVIRON06", withToken: false);
                    s.Variables["AWS_PROFILE"] = "dev";
                    break;
                case "explicit profile beats AWS_PROFILE":
                    s.Credentials = "[dev]\n" + staticKeys("AKIAEXAMPLECREDFILE7") + "[prod]\n" + staticKeys("AKIAEXAMPLECREDFILE8");
                    s.Variables["AWS_PROFILE"] = "dev";
                    s.ExplicitProfile = "prod";
                    s.ExpectedKeyId = "AKIAEXAMPLECREDFILE8";
                    break;
                case "assume role beats static keys of the same profile":
                    s.Credentials = "[both]\n" + staticKeys("AKIAEXAMPLECREDFILE9") + $"role_arn = {RoleArn}\nsource_profile = both\n";
                    s.ExplicitProfile = "both";
                    s.ExpectedKeyId = CredentialStubServer.AssumeRoleKeyPrefix;
                    break;
                case "profile beats container":
                    s.Credentials = "[default]\n" + staticKeys("AKIAEXAMPLECREDFIL10");
                    s.Variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _stub.BaseUrl + "/container/plain";
                    s.ExpectedKeyId = "AKIAEXAMPLECREDFIL10";
                    break;
                default:
                    throw new ArgumentException(name);
            }

            return s;
        }

        private static void Env(Scenario s, string keyId, bool withToken)
        {
            s.Variables["AWS_ACCESS_KEY_ID"] = keyId;
            s.Variables["AWS_SECRET_ACCESS_KEY"] = CredentialStubServer.SecretFor(keyId);
            if (withToken)
            {
                s.Variables["AWS_SESSION_TOKEN"] = CredentialStubServer.TokenFor(keyId);
            }

            s.ExpectedKeyId = keyId;
        }

        private string ProcessScript(string keyId)
        {
            string path = Path.Combine(_home.Root, "process-" + keyId + ".py");
            string expiration = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            File.WriteAllText(path, $"import json\nprint(json.dumps({{'Version': 1, 'AccessKeyId': '{keyId}', 'SecretAccessKey': '{CredentialStubServer.SecretFor(keyId)}', 'SessionToken': '{CredentialStubServer.TokenFor(keyId)}', 'Expiration': '{expiration}'}}))\n");
            return "python3 " + path;
        }

        private string WebToken()
        {
            string path = Path.Combine(_home.Root, "web-identity-token");
            File.WriteAllText(path, "eyJ.web-identity-jwt.sig");
            return path;
        }

        private void SsoCache(string key) =>
            _home.WriteCache(key, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = "https://corp.awsapps.com/start",
                ["region"] = "us-west-2",
                ["accessToken"] = CredentialStubServer.SsoBearerToken,
                ["expiresAt"] = SsoTokenCache.FormatTimestamp(DateTimeOffset.UtcNow.AddHours(2)),
            }));

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Botocore_and_the_chain_resolve_the_same_credentials(string name)
        {
            Assert.True(Botocore.CanImport("botocore.credentials"), "python3 with botocore is required for the parity check");
            Scenario s = Build(name);
            File.WriteAllText(_home.ConfigPath, s.Config);
            File.WriteAllText(Path.Combine(_home.Root, ".aws", "credentials"), s.Credentials);
            var variables = new Dictionary<string, string>
            {
                ["AWS_CONFIG_FILE"] = _home.ConfigPath,
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.Root, ".aws", "credentials"),
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_ENDPOINT_URL_STS"] = _stub.BaseUrl,
                ["AWS_ENDPOINT_URL_SSO"] = _stub.BaseUrl,
            };
            if (name != "IMDSv2")
            {
                variables["AWS_EC2_METADATA_DISABLED"] = "true";
            }

            foreach (KeyValuePair<string, string> pair in s.Variables)
            {
                variables[pair.Key] = pair.Value;
            }

            foreach (KeyValuePair<string, string> pair in variables)
            {
                _home.Environment.With(pair.Key, pair.Value);
            }

            (int exitCode, string stdout, string stderr) = RunBotocore(variables, s.ExplicitProfile);
            _output.WriteLine($"{name}: botocore exit {exitCode} {stderr}");
            Assert.Equal(0, exitCode);
            using JsonDocument theirs = JsonDocument.Parse(stdout);
            int stsCallsByBotocore = _stub.AssumeRoleCalls;

            var chain = new AwsCredentialChain(new AwsCredentialChainOptions
            {
                HttpClient = _http,
                Environment = _home.Environment,
                ProfileName = s.ExplicitProfile,
                Region = "us-east-1",
                ContainerRelativeHost = _stub.HostAndPort,
            });
            AwsCredentials ours = await chain.GetCredentialsAsync(CancellationToken.None);
            _output.WriteLine($"ours: {chain.SourceDescription}: {ours}; botocore: {theirs.RootElement.GetProperty("method").GetString()}");

            if (s.ExpectedKeyId == CredentialStubServer.AssumeRoleKeyPrefix)
            {
                // Each assumes the role itself: the stub numbers the calls, so compare the sources' shape instead.
                Assert.StartsWith(CredentialStubServer.AssumeRoleKeyPrefix, theirs.RootElement.GetProperty("access_key").GetString());
                Assert.StartsWith(CredentialStubServer.AssumeRoleKeyPrefix, ours.AccessKeyId);
                Assert.Equal(CredentialStubServer.SecretFor(ours.AccessKeyId), ours.SecretAccessKey);
                Assert.Equal(CredentialStubServer.TokenFor(ours.AccessKeyId), ours.SessionToken);
                AssertSameStsRequests(stsCallsByBotocore);
                return;
            }

            Assert.Equal(s.ExpectedKeyId, theirs.RootElement.GetProperty("access_key").GetString());
            Assert.Equal(theirs.RootElement.GetProperty("access_key").GetString(), ours.AccessKeyId);
            Assert.Equal(theirs.RootElement.GetProperty("secret_key").GetString(), ours.SecretAccessKey);
            JsonElement token = theirs.RootElement.GetProperty("token");
            Assert.Equal(token.ValueKind == JsonValueKind.Null ? null : token.GetString(), ours.SessionToken);
        }

        /// <summary>Our AssumeRole requests say what botocore's said (same parameters, signed with the same source key).</summary>
        private void AssertSameStsRequests(int botocoreCalls)
        {
            List<StubRequest> sts = _stub.Snapshot().Where(r => r.Method == "POST" && r.Form().GetValueOrDefault("Action") == "AssumeRole").ToList();
            Assert.Equal(botocoreCalls * 2, sts.Count);
            for (int i = 0; i < botocoreCalls; i++)
            {
                StubRequest theirs = sts[i];
                StubRequest ours = sts[i + botocoreCalls];
                Dictionary<string, string> theirForm = theirs.Form();
                Dictionary<string, string> ourForm = ours.Form();
                foreach (string key in new[] { "Action", "Version", "RoleArn", "ExternalId", "DurationSeconds" })
                {
                    Assert.Equal(theirForm.GetValueOrDefault(key), ourForm.GetValueOrDefault(key));
                }

                if (!theirForm["RoleSessionName"].StartsWith("botocore-session-", StringComparison.Ordinal))
                {
                    Assert.Equal(theirForm["RoleSessionName"], ourForm["RoleSessionName"]);
                }

                // The source key of a chained role is the previous role's (numbered per caller), so compare the kind.
                Assert.Equal(theirs.SignedWith!.StartsWith("ASIASTUB", StringComparison.Ordinal), ours.SignedWith!.StartsWith("ASIASTUB", StringComparison.Ordinal));
                if (!theirs.SignedWith.StartsWith("ASIASTUB", StringComparison.Ordinal))
                {
                    Assert.Equal(theirs.SignedWith, ours.SignedWith);
                }
            }
        }

        private (int, string, string) RunBotocore(Dictionary<string, string> variables, string? explicitProfile)
        {
            var arguments = new List<string> { "--container-host", _stub.HostAndPort };
            if (explicitProfile != null) arguments.AddRange(new[] { "--profile", explicitProfile });
            var environment = new Dictionary<string, string>(variables) { ["HOME"] = _home.Root, ["USERPROFILE"] = _home.Root };
            return Botocore.Run("botocore_credentials.py", arguments, environment, withoutProxy: true);
        }
    }
}
