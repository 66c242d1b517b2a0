using System;
using System.IO;
using System.Runtime.InteropServices;
using CodeCatalyst.Core.Auth;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    public class SsoTokenCacheTests
    {
        [Fact]
        public void Cache_key_is_the_lower_case_sha1_hex_of_the_session_name()
        {
            // Value computed with Python: hashlib.sha1(b"my-sso").hexdigest()
            Assert.Equal("0ad374308c5a4e22f723adf10145eafad7c4031c", SsoTokenCache.GetCacheKey("my-sso"));
        }

        [Fact]
        public void Cache_file_lives_in_dot_aws_sso_cache_under_the_home_directory()
        {
            var env = new FakeEnvironment("/home/me");

            string path = SsoTokenCache.ForEnvironment(env).GetCachePath("my-sso").Replace('\\', '/');

            Assert.Equal("/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json", path);
        }

        [Theory]
        [InlineData("2030-01-02T03:04:05Z", "2030-01-02T03:04:05.0000000+00:00")]
        [InlineData("2030-01-02T03:04:05UTC", "2030-01-02T03:04:05.0000000+00:00")]
        [InlineData("2030-01-02T03:04:05.123Z", "2030-01-02T03:04:05.1230000+00:00")]
        [InlineData("2030-01-02T05:04:05+02:00", "2030-01-02T03:04:05.0000000+00:00")]
        [InlineData("2030-01-02T03:04:05+0000", "2030-01-02T03:04:05.0000000+00:00")]
        public void Expiry_timestamps_written_by_the_various_sdks_are_understood(string text, string expected)
        {
            Assert.True(SsoTokenCache.TryParseTimestamp(text, out DateTimeOffset value));
            Assert.Equal(expected, value.ToString("o"));
        }

        [Theory]
        [InlineData("2030-01-02T03:04:05")]
        [InlineData("soon")]
        [InlineData("")]
        public void Timestamps_without_a_zone_or_unparsable_are_rejected(string text)
        {
            Assert.False(SsoTokenCache.TryParseTimestamp(text, out _));
        }

        [Fact]
        public void Timestamps_are_written_in_botocore_format_truncated_to_seconds()
        {
            Assert.Equal("2030-01-02T03:04:05Z", SsoTokenCache.FormatTimestamp(new DateTimeOffset(2030, 1, 2, 5, 4, 5, 999, TimeSpan.FromHours(2))));
        }

        [Fact]
        public void Write_creates_the_directory_replaces_the_file_and_leaves_no_temp_files()
        {
            using var home = new TempHome();
            var cache = SsoTokenCache.ForEnvironment(home.Environment);
            var token = new CachedSsoToken { StartUrl = "u", Region = "r", AccessToken = "a1", ExpiresAtText = "2030-01-01T00:00:00Z", ClientId = "c", ClientSecret = "s", RegistrationExpiresAt = "2031-01-01T00:00:00Z" };

            cache.Write("sess", token);
            token.AccessToken = "a2";
            cache.Write("sess", token);

            Assert.Equal("a2", cache.Read("sess")!.AccessToken);
            Assert.Single(Directory.GetFiles(cache.Directory));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.GetCachePath("sess")));
            }
        }

        [Fact]
        public void Read_returns_null_for_a_missing_file_and_a_secret_free_error_for_a_broken_one()
        {
            using var home = new TempHome();
            var cache = SsoTokenCache.ForEnvironment(home.Environment);
            Assert.Null(cache.Read("sess"));

            home.WriteCache("sess", "{\"accessToken\": \"SECRET-ACCESS\", \"expiresAt\": ");
            SsoTokenException broken = Assert.Throws<SsoTokenException>(() => cache.Read("sess"));
            Assert.DoesNotContain("SECRET-ACCESS", broken.Message);

            home.WriteCache("sess", "{\"accessToken\": \"SECRET-ACCESS\"}");
            SsoTokenException incomplete = Assert.Throws<SsoTokenException>(() => cache.Read("sess"));
            Assert.Contains("expiresAt", incomplete.Message);
            Assert.DoesNotContain("SECRET-ACCESS", incomplete.Message);
        }

        [Fact]
        public void Cached_entry_ToString_shows_no_secrets()
        {
            var token = new CachedSsoToken { AccessToken = "SECRET-A", ClientSecret = "SECRET-C", RefreshToken = "SECRET-R", ExpiresAtText = "x" };

            Assert.DoesNotContain("SECRET", token.ToString());
        }
    }
}
