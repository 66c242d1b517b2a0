using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>The SSO OIDC refresh is bounded per attempt and in attempts, whatever the HttpClient's own timeout.</summary>
    public class SsoOidcBoundsTests
    {
        private const string Config = "[profile dev]\nsso_session = my-sso\n[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-west-2\n";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>Accepts every request and never answers, as a black-holed endpoint does.</summary>
        private sealed class NeverAnswers : HttpMessageHandler
        {
            private int _calls;

            public int Calls => Volatile.Read(ref _calls);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("not reached");
            }
        }

        [Fact]
        public async Task Refresh_against_an_endpoint_that_never_answers_ends_after_the_allowed_attempts()
        {
            using var home = new TempHome().WriteConfig(Config).WriteCache("my-sso", JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["startUrl"] = "https://x.awsapps.com/start",
                ["region"] = "us-west-2",
                ["accessToken"] = "SECRET-ACCESS-TOKEN",
                ["expiresAt"] = SsoTokenCache.FormatTimestamp(Now.AddMinutes(-1)),
                ["clientId"] = "client-id",
                ["clientSecret"] = "SECRET-CLIENT-SECRET",
                ["registrationExpiresAt"] = SsoTokenCache.FormatTimestamp(Now.AddDays(30)),
                ["refreshToken"] = "SECRET-REFRESH-TOKEN",
            }));
            var handler = new NeverAnswers();
            // As the module's shared client is: no timeout of its own.
            var httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var provider = new SsoTokenProvider(httpClient, home.Environment, () => Now, requestTimeout: TimeSpan.FromSeconds(1), maxAttempts: 2);

            var call = provider.GetTokenAsync("dev", CancellationToken.None);
            Assert.Same(call, await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30))));

            var error = await Assert.ThrowsAsync<SsoTokenException>(() => call);
            Assert.Equal(SsoTokenErrorKind.TokenExpired, error.Kind);
            Assert.Contains("timed out after 1 s (attempt 2 of 2)", error.Message);
            Assert.DoesNotContain("SECRET", error.ToString());
            Assert.Equal(2, handler.Calls);
        }
    }
}
