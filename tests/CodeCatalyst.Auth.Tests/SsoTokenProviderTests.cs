using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    public class SsoTokenProviderTests
    {
        private const string Config = "[profile dev]\nsso_session = my-sso\n[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-west-2\n";
        private const string AccessToken = "SECRET-ACCESS-TOKEN-old";
        private const string NewAccessToken = "SECRET-ACCESS-TOKEN-new";
        private const string RefreshToken = "SECRET-REFRESH-TOKEN";
        private const string ClientSecret = "SECRET-CLIENT-SECRET";

        private static readonly DateTimeOffset Now = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

        private static string CacheJson(DateTimeOffset expiresAt, bool refreshable = true, DateTimeOffset? registrationExpiresAt = null)
        {
            var entry = new Dictionary<string, object>
            {
                ["startUrl"] = "https://x.awsapps.com/start",
                ["region"] = "us-west-2",
                ["accessToken"] = AccessToken,
                ["expiresAt"] = SsoTokenCache.FormatTimestamp(expiresAt),
            };
            if (refreshable)
            {
                entry["clientId"] = "client-id";
                entry["clientSecret"] = ClientSecret;
                entry["registrationExpiresAt"] = SsoTokenCache.FormatTimestamp(registrationExpiresAt ?? Now.AddDays(30));
                entry["refreshToken"] = RefreshToken;
            }

            return JsonSerializer.Serialize(entry);
        }

        private static TempHome Home(DateTimeOffset? expiresAt, bool refreshable = true, DateTimeOffset? registrationExpiresAt = null, string config = Config)
        {
            var home = new TempHome().WriteConfig(config);
            if (expiresAt.HasValue)
            {
                home.WriteCache("my-sso", CacheJson(expiresAt.Value, refreshable, registrationExpiresAt));
            }

            return home;
        }

        private static SsoTokenProvider Provider(TempHome home, StubOidcHandler handler, List<string>? log = null, ManualClock? clock = null) =>
            new SsoTokenProvider(new HttpClient(handler), home.Environment, (clock ?? new ManualClock(Now)).Func, log == null ? null : new Action<string>(m => { lock (log) { log.Add(m); } }), userAgent: "codecatalyst-ps/test");

        private static StubOidcHandler Refreshes(string? rotatedRefreshToken = "SECRET-REFRESH-TOKEN-rotated", int expiresIn = 3600)
        {
            string json = rotatedRefreshToken == null
                ? $"{{\"accessToken\":\"{NewAccessToken}\",\"tokenType\":\"Bearer\",\"expiresIn\":{expiresIn}}}"
                : $"{{\"accessToken\":\"{NewAccessToken}\",\"tokenType\":\"Bearer\",\"expiresIn\":{expiresIn},\"refreshToken\":\"{rotatedRefreshToken}\"}}";
            return StubOidcHandler.Json(HttpStatusCode.OK, json);
        }

        private static void AssertNoSecrets(IEnumerable<string> messages)
        {
            foreach (string message in messages)
            {
                Assert.DoesNotContain("SECRET", message);
            }
        }

        [Fact]
        public void Profile_name_is_explicit_then_AWS_DEFAULT_PROFILE_then_AWS_PROFILE_then_default()
        {
            var env = new FakeEnvironment("/h");
            Assert.Equal("default", SsoTokenProvider.ResolveProfileName(null, env));
            env.With("AWS_PROFILE", "from-profile");
            Assert.Equal("from-profile", SsoTokenProvider.ResolveProfileName(null, env));
            env.With("AWS_DEFAULT_PROFILE", "from-default-profile");
            Assert.Equal("from-default-profile", SsoTokenProvider.ResolveProfileName(null, env));
            Assert.Equal("explicit", SsoTokenProvider.ResolveProfileName("explicit", env));
            Assert.Equal("from-default-profile", SsoTokenProvider.ResolveProfileName("", env));
            env.With("AWS_DEFAULT_PROFILE", "");
            Assert.Equal("default", SsoTokenProvider.ResolveProfileName(null, env)); // set-but-empty stops the search, as in botocore
        }

        [Fact]
        public async Task Returns_null_when_the_profile_does_not_exist_or_has_no_sso_session()
        {
            using var home = Home(Now.AddHours(1), config: Config + "[profile legacy]\nsso_start_url = https://x\nsso_region = us-east-1\n[profile keys]\naws_access_key_id = AKIA\n");
            var provider = Provider(home, StubOidcHandler.Forbidden());

            Assert.Null(await provider.GetTokenAsync("nope", CancellationToken.None));
            Assert.Null(await provider.GetTokenAsync("legacy", CancellationToken.None));
            Assert.Null(await provider.GetTokenAsync("keys", CancellationToken.None));
            Assert.Null(await provider.GetTokenAsync(null, CancellationToken.None)); // no [default]
        }

        [Fact]
        public async Task Profile_comes_from_AWS_PROFILE_when_not_given()
        {
            using var home = Home(Now.AddHours(1));
            home.Environment.With("AWS_PROFILE", "dev");

            SsoTokenResult? result = await Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync(null, CancellationToken.None);

            Assert.Equal("dev", result!.ProfileName);
        }

        [Fact]
        public async Task Valid_cached_token_is_returned_without_touching_the_network()
        {
            using var home = Home(Now.AddHours(1));
            var log = new List<string>();

            SsoTokenResult? result = await Provider(home, StubOidcHandler.Forbidden(), log).GetTokenAsync("dev", CancellationToken.None);

            Assert.NotNull(result);
            Assert.Equal(AccessToken, result!.AccessToken);
            Assert.Equal(Now.AddHours(1), result.ExpiresAt);
            Assert.False(result.Refreshed);
            Assert.Equal("SSO profile 'dev' (sso-session 'my-sso')", result.Source);
            Assert.Contains(log, line => line.Contains("Using cached SSO token for sso-session 'my-sso'") && line.Contains("2030-06-01T13:00:00Z"));
            AssertNoSecrets(log.Append(result.ToString()));
        }

        [Fact]
        public async Task Token_with_exactly_fifteen_minutes_left_is_not_refreshed()
        {
            using var home = Home(Now.AddMinutes(15));

            SsoTokenResult? result = await Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(AccessToken, result!.AccessToken);
        }

        [Fact]
        public async Task Missing_sso_session_section_is_an_actionable_configuration_error()
        {
            using var home = Home(Now.AddHours(1), config: "[profile dev]\nsso_session = ghost\n");

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.InvalidConfiguration, error.Kind);
            Assert.Contains("'ghost' sso_session configuration does not exist", error.Message);
            Assert.Contains("[sso-session ghost]", error.Message);
            Assert.Contains(home.ConfigPath, error.Message);
        }

        [Fact]
        public async Task Sso_session_without_region_or_start_url_names_what_is_missing()
        {
            using var home = Home(Now.AddHours(1), config: "[profile dev]\nsso_session = my-sso\n[sso-session my-sso]\nsso_registration_scopes = x\n");

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.InvalidConfiguration, error.Kind);
            Assert.Contains("sso_start_url, sso_region", error.Message);
        }

        [Fact]
        public async Task Missing_cache_file_tells_the_user_to_run_aws_sso_login()
        {
            using var home = Home(null);

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.TokenMissing, error.Kind);
            Assert.Contains("aws sso login --profile dev", error.Message);
            Assert.Contains(home.CachePath("my-sso"), error.Message);
        }

        [Fact]
        public async Task Expiring_token_is_refreshed_through_sso_oidc_and_written_back_like_botocore()
        {
            using var home = Home(Now.AddMinutes(5));
            home.Environment.With("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:8123/prefix/");
            var handler = Refreshes();
            var log = new List<string>();

            SsoTokenResult? result = await Provider(home, handler, log).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(NewAccessToken, result!.AccessToken);
            Assert.True(result.Refreshed);
            Assert.Equal(Now.AddHours(1), result.ExpiresAt);

            RecordedRequest request = Assert.Single(handler.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("http://127.0.0.1:8123/prefix/token", request.Uri.ToString());
            Assert.Equal("application/json", request.ContentType);
            Assert.Equal("codecatalyst-ps/test", request.UserAgent);
            Assert.Equal($"{{\"grantType\":\"refresh_token\",\"clientId\":\"client-id\",\"clientSecret\":\"{ClientSecret}\",\"refreshToken\":\"{RefreshToken}\"}}", request.Body);

            using JsonDocument written = JsonDocument.Parse(home.ReadCache("my-sso"));
            Assert.Equal(
                new[] { "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken" },
                written.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("https://x.awsapps.com/start", written.RootElement.GetProperty("startUrl").GetString());
            Assert.Equal("us-west-2", written.RootElement.GetProperty("region").GetString());
            Assert.Equal(NewAccessToken, written.RootElement.GetProperty("accessToken").GetString());
            Assert.Equal("2030-06-01T13:00:00Z", written.RootElement.GetProperty("expiresAt").GetString());
            Assert.Equal(ClientSecret, written.RootElement.GetProperty("clientSecret").GetString());
            Assert.Equal("2030-07-01T12:00:00Z", written.RootElement.GetProperty("registrationExpiresAt").GetString());
            Assert.Equal("SECRET-REFRESH-TOKEN-rotated", written.RootElement.GetProperty("refreshToken").GetString());
            Assert.Contains(log, line => line.Contains("Refreshed the SSO token for sso-session 'my-sso'"));
            AssertNoSecrets(log);
        }

        [Fact]
        public async Task Refresh_without_a_rotated_refresh_token_drops_it_from_the_cache_as_botocore_does()
        {
            using var home = Home(Now.AddMinutes(-5));

            await Provider(home, Refreshes(rotatedRefreshToken: null)).GetTokenAsync("dev", CancellationToken.None);

            using JsonDocument written = JsonDocument.Parse(home.ReadCache("my-sso"));
            Assert.False(written.RootElement.TryGetProperty("refreshToken", out _));
            Assert.Equal(7, written.RootElement.EnumerateObject().Count());
        }

        [Theory]
        [InlineData("us-west-2", "https://oidc.us-west-2.amazonaws.com/token")]
        [InlineData("cn-north-1", "https://oidc.cn-north-1.amazonaws.com.cn/token")]
        [InlineData("us-gov-west-1", "https://oidc.us-gov-west-1.amazonaws.com/token")]
        public async Task Refresh_uses_the_regional_oidc_endpoint_when_none_is_configured(string region, string expected)
        {
            using var home = Home(Now.AddMinutes(5), config: Config.Replace("us-west-2", region));
            var handler = Refreshes();

            await Provider(home, handler).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(expected, Assert.Single(handler.Requests).Uri.ToString());
        }

        [Fact]
        public async Task Configured_endpoints_follow_botocore_precedence_and_can_be_ignored()
        {
            string config = Config.Replace("sso_session = my-sso\n", "sso_session = my-sso\nservices = local\nendpoint_url = http://profile-wide:1/\n")
                + "[services local]\nsso_oidc =\n  endpoint_url = http://services-section:2\n";

            async Task<string> Target(Action<FakeEnvironment> setup)
            {
                using var home = Home(Now.AddMinutes(5), config: config);
                setup(home.Environment);
                var handler = Refreshes();
                await Provider(home, handler).GetTokenAsync("dev", CancellationToken.None);
                return Assert.Single(handler.Requests).Uri.ToString();
            }

            Assert.Equal("http://service-env:3/token", await Target(e => e.With("AWS_ENDPOINT_URL_SSO_OIDC", "http://service-env:3").With("AWS_ENDPOINT_URL", "http://global-env:4")));
            Assert.Equal("http://global-env:4/token", await Target(e => e.With("AWS_ENDPOINT_URL", "http://global-env:4")));
            Assert.Equal("http://services-section:2/token", await Target(_ => { }));
            Assert.Equal("https://oidc.us-west-2.amazonaws.com/token", await Target(e => e.With("AWS_ENDPOINT_URL_SSO_OIDC", "http://service-env:3").With("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));
        }

        [Fact]
        public async Task Failed_refresh_falls_back_to_the_cached_token_while_it_is_still_valid()
        {
            using var home = Home(Now.AddMinutes(10));
            string before = home.ReadCache("my-sso");
            var handler = StubOidcHandler.Json(HttpStatusCode.BadRequest, $"{{\"error\":\"invalid_grant\",\"error_description\":\"bad token {RefreshToken}\"}}", "InvalidGrantException");
            var log = new List<string>();

            SsoTokenResult? result = await Provider(home, handler, log).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(AccessToken, result!.AccessToken);
            Assert.False(result.Refreshed);
            Assert.Equal(1, handler.Calls);
            Assert.Equal(before, home.ReadCache("my-sso"));
            Assert.Contains(log, line => line.Contains("HTTP 400") && line.Contains("InvalidGrantException: invalid_grant"));
            AssertNoSecrets(log);
        }

        [Fact]
        public async Task Failed_refresh_is_not_retried_for_a_minute_while_the_token_is_still_valid()
        {
            using var home = Home(Now.AddMinutes(10));
            var clock = new ManualClock(Now);
            var handler = StubOidcHandler.Json(HttpStatusCode.InternalServerError, "{}");
            var provider = Provider(home, handler, clock: clock);

            await provider.GetTokenAsync("dev", CancellationToken.None);
            clock.Now = Now.AddSeconds(30);
            await provider.GetTokenAsync("dev", CancellationToken.None);
            Assert.Equal(1, handler.Calls);

            clock.Now = Now.AddSeconds(61);
            await provider.GetTokenAsync("dev", CancellationToken.None);
            Assert.Equal(2, handler.Calls);
        }

        [Fact]
        public async Task Failed_refresh_of_an_expired_token_is_an_error_that_points_to_aws_sso_login_without_secrets()
        {
            using var home = Home(Now.AddMinutes(-1));
            var handler = StubOidcHandler.Json(HttpStatusCode.BadRequest, $"{{\"error\":\"invalid_grant\",\"error_description\":\"{ClientSecret} {RefreshToken} {AccessToken}\"}}", "InvalidGrantException:http://internal.amazon.com/coral/");
            var log = new List<string>();

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, handler, log).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.TokenExpired, error.Kind);
            Assert.Contains("aws sso login --profile dev", error.Message);
            Assert.Contains("InvalidGrantException", error.Message);
            Assert.DoesNotContain("coral", error.Message);
            AssertNoSecrets(log.Append(error.Message).Append(error.ToString()));
        }

        [Fact]
        public async Task Expired_token_without_a_refresh_token_is_an_error_mentioning_aws_sso_login_and_makes_no_call()
        {
            using var home = Home(Now.AddMinutes(-1), refreshable: false);

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.TokenExpired, error.Kind);
            Assert.Equal("dev", error.ProfileName);
            Assert.Equal("my-sso", error.SessionName);
            Assert.Contains("aws sso login --profile dev", error.Message);
            Assert.Contains("refreshToken", error.Message);
            AssertNoSecrets(new[] { error.Message });
        }

        [Fact]
        public async Task Expiring_token_without_a_refresh_token_is_used_until_it_expires()
        {
            using var home = Home(Now.AddMinutes(5), refreshable: false);

            SsoTokenResult? result = await Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(AccessToken, result!.AccessToken);
        }

        [Fact]
        public async Task Expired_client_registration_prevents_refresh()
        {
            using var home = Home(Now.AddMinutes(-1), registrationExpiresAt: Now.AddSeconds(-1));

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Contains("registration expired", error.Message);
            Assert.Contains("aws sso login --profile dev", error.Message);
        }

        [Fact]
        public async Task Transport_failure_is_reported_without_secrets_and_falls_back_while_valid()
        {
            using var home = Home(Now.AddMinutes(5));
            var handler = new StubOidcHandler(_ => throw new HttpRequestException("connection refused"));
            var log = new List<string>();

            SsoTokenResult? result = await Provider(home, handler, log).GetTokenAsync("dev", CancellationToken.None);

            Assert.Equal(AccessToken, result!.AccessToken);
            Assert.Contains(log, line => line.Contains("connection refused"));
            AssertNoSecrets(log);
        }

        [Fact]
        public async Task Parallel_callers_refresh_only_once()
        {
            using var home = Home(Now.AddMinutes(5));
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = new StubOidcHandler(async _ =>
            {
                await release.Task;
                return StubOidcHandler.Response(HttpStatusCode.OK, $"{{\"accessToken\":\"{NewAccessToken}\",\"expiresIn\":3600}}");
            });
            var provider = Provider(home, handler);

            Task<SsoTokenResult?>[] calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetTokenAsync("dev", CancellationToken.None))).ToArray();
            await Task.Delay(100);
            release.SetResult(true);
            SsoTokenResult?[] results = await Task.WhenAll(calls);

            Assert.Equal(1, handler.Calls);
            Assert.All(results, r => Assert.Equal(NewAccessToken, r!.AccessToken));
        }

        [Fact]
        public async Task Unreadable_config_is_an_invalid_configuration_error()
        {
            using var home = Home(Now.AddHours(1), config: "[profile dev]\nsso_session = my-sso\n[profile dev]\n");

            SsoTokenException error = await Assert.ThrowsAsync<SsoTokenException>(() => Provider(home, StubOidcHandler.Forbidden()).GetTokenAsync("dev", CancellationToken.None));

            Assert.Equal(SsoTokenErrorKind.InvalidConfiguration, error.Kind);
        }

        [Fact]
        public void Bearer_token_environment_variable_is_named_after_the_signing_name()
        {
            var env = new FakeEnvironment("/h").With("AWS_BEARER_TOKEN_CODECATALYST", "t");

            Assert.Equal("AWS_BEARER_TOKEN_SSO_OAUTH", BearerTokenEnvironment.VariableName("sso-oauth"));
            Assert.Equal("t", BearerTokenEnvironment.GetToken("codecatalyst", env));
            Assert.Null(BearerTokenEnvironment.GetToken("other", env));
        }
    }
}
