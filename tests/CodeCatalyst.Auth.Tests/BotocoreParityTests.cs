using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;
using Xunit;
using Xunit.Abstractions;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// Runs botocore (through botocore_token.py) and <see cref="SsoTokenProvider"/> on the same files and environment
    /// and expects the same answer. Only cached, still-valid tokens are used, so nothing goes to the network.
    /// </summary>
    public class BotocoreParityTests
    {
        private readonly ITestOutputHelper _output;

        public BotocoreParityTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object?[]> Cases()
        {
            const string sessions = "[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-west-2\n[sso-session other]\nsso_start_url = https://y.awsapps.com/start\nsso_region = eu-west-1\n";
            // name, config, AWS_PROFILE, AWS_DEFAULT_PROFILE, explicit profile, expected session (null: no token)
            yield return new object?[] { "profile from AWS_PROFILE", "[profile dev]\nsso_session = my-sso\n" + sessions, "dev", null, null, "my-sso" };
            yield return new object?[] { "explicit profile", "[profile dev]\nsso_session = my-sso\n" + sessions, null, null, "dev", "my-sso" };
            yield return new object?[] { "AWS_DEFAULT_PROFILE beats AWS_PROFILE", "[profile a]\nsso_session = my-sso\n[profile b]\nsso_session = other\n" + sessions, "a", "b", null, "other" };
            yield return new object?[] { "later [default] beats [profile default]", "[profile default]\nsso_session = other\n[default]\nsso_session = my-sso\n" + sessions, null, null, null, "my-sso" };
            yield return new object?[] { "comments, colon and continuation", "# c\n[profile dev]\n; c\nSSO_Session : other\nregion = us-east-1\n  continued\n" + sessions, "dev", null, null, "other" };
            yield return new object?[] { "quoted section name and DEFAULT", "[DEFAULT]\nsso_session = other\n[profile \"my dev\"]\nregion = x\n" + sessions, "my dev", null, null, "other" };
            yield return new object?[] { "profile without sso_session", "[profile dev]\nregion = us-east-1\n" + sessions, "dev", null, null, null };
            yield return new object?[] { "unknown profile", "[profile dev]\nsso_session = my-sso\n" + sessions, "ghost", null, null, null };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Botocore_and_the_provider_resolve_the_same_cached_token(string name, string config, string? awsProfile, string? awsDefaultProfile, string? explicitProfile, string? expectedSession)
        {
            // botocore ships on every machine of this project (and CI's): its absence is a failure, not a skip.
            Assert.True(Botocore.CanImport("botocore.tokens"), "python3 with botocore is required for the parity check");

            _output.WriteLine(name);
            using var home = new TempHome().WriteConfig(config);
            DateTimeOffset expires = DateTimeOffset.UtcNow.AddHours(2);
            foreach (string session in new[] { "my-sso", "other" })
            {
                home.WriteCache(session, JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["startUrl"] = "https://x.awsapps.com/start",
                    ["region"] = "us-west-2",
                    ["accessToken"] = "token-for-" + session,
                    ["expiresAt"] = SsoTokenCache.FormatTimestamp(expires),
                }));
            }

            var variables = new Dictionary<string, string>
            {
                ["AWS_CONFIG_FILE"] = home.ConfigPath,
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.Root, ".aws", "credentials"),
            };
            if (awsProfile != null)
            {
                variables["AWS_PROFILE"] = awsProfile;
            }

            if (awsDefaultProfile != null)
            {
                variables["AWS_DEFAULT_PROFILE"] = awsDefaultProfile;
            }

            foreach (KeyValuePair<string, string> pair in variables)
            {
                home.Environment.With(pair.Key, pair.Value);
            }

            (int exitCode, string stdout, string stderr) = RunBotocore(home.Root, variables, explicitProfile);
            _output.WriteLine($"botocore exit {exitCode}: {stderr}");
            SsoTokenResult? ours = await new SsoTokenProvider(new HttpClient(StubOidcHandler.Forbidden()), home.Environment)
                .GetTokenAsync(explicitProfile, CancellationToken.None);

            if (expectedSession == null)
            {
                Assert.Equal(3, exitCode);
                Assert.Null(ours);
                return;
            }

            Assert.Equal(0, exitCode);
            using JsonDocument theirs = JsonDocument.Parse(stdout);
            Assert.Equal("token-for-" + expectedSession, theirs.RootElement.GetProperty("token").GetString());
            Assert.Equal(theirs.RootElement.GetProperty("token").GetString(), ours!.AccessToken);
            Assert.Equal(theirs.RootElement.GetProperty("expiration").GetString(), SsoTokenCache.FormatTimestamp(ours.ExpiresAt));
            Assert.Equal(expectedSession, ours.SessionName);
        }


        private static (int, string, string) RunBotocore(string home, Dictionary<string, string> variables, string? explicitProfile)
        {
            var arguments = new List<string> { "--json" };
            if (explicitProfile != null) arguments.AddRange(new[] { "--profile", explicitProfile });
            var environment = new Dictionary<string, string>(variables) { ["HOME"] = home, ["USERPROFILE"] = home };
            return Botocore.Run("botocore_token.py", arguments, environment);
        }
    }
}
