using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Auth.Credentials;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// What the user reads when SSO OIDC, STS or the SSO portal refuses: the service's own code, message and request
    /// id, read by the shared decoder, with the secrets the request carried blanked out.
    /// </summary>
    public class AuthServiceErrorTests : IDisposable
    {
        private const string StartUrl = "https://corp.awsapps.com/start";
        private const string SsoBearerToken = "SECRET-SSO-BEARER-TOKEN";
        private const string ClientSecret = "SECRET-CLIENT-SECRET";
        private const string RefreshToken = "SECRET-REFRESH-TOKEN";
        private readonly TempHome _home = new TempHome();

        public AuthServiceErrorTests()
        {
            _home.Environment
                .With("AWS_CONFIG_FILE", _home.ConfigPath)
                .With("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home.Root, ".aws", "credentials"))
                .With("AWS_EC2_METADATA_DISABLED", "true");
        }

        public void Dispose() => _home.Dispose();

        private static StubOidcHandler Answers(HttpStatusCode status, byte[] body, string contentType, params (string Name, string Value)[] headers) =>
            new StubOidcHandler(_ =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                var response = new HttpResponseMessage(status) { Content = content };
                foreach (var (name, value) in headers)
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return Task.FromResult(response);
            });

        private static StubOidcHandler Answers(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers) =>
            Answers(status, Encoding.UTF8.GetBytes(body), contentType, headers);

        private async Task<AwsCredentialException> ChainFails(HttpMessageHandler handler, string? profile = null)
        {
            using var http = new HttpClient(handler);
            var chain = new AwsCredentialChain(new AwsCredentialChainOptions { HttpClient = http, Environment = _home.Environment, Region = "us-east-1", ProfileName = profile });
            return await Assert.ThrowsAsync<AwsCredentialException>(() => chain.GetCredentialsAsync(CancellationToken.None));
        }

        private static Task<SsoOidcException> CreateTokenFails(StubOidcHandler handler) =>
            Assert.ThrowsAsync<SsoOidcException>(() => new SsoOidcClient(new HttpClient(handler), maxAttempts: 1)
                .CreateTokenAsync(new Uri("https://oidc.us-west-2.amazonaws.com"), "client-id", ClientSecret, RefreshToken, CancellationToken.None));

        private void LegacySsoProfile()
        {
            File.WriteAllText(_home.ConfigPath, $"[profile sso]\nsso_start_url = {StartUrl}\nsso_region = us-west-2\nsso_account_id = 123456789012\nsso_role_name = Deployer\n");
            _home.WriteCache(StartUrl, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = StartUrl,
                ["region"] = "us-west-2",
                ["accessToken"] = SsoBearerToken,
                ["expiresAt"] = SsoTokenCache.FormatTimestamp(DateTimeOffset.UtcNow.AddHours(2)),
            }));
        }

        [Fact]
        public async Task SSO_OIDC_refusal_names_the_code_the_OAuth_error_the_description_and_the_request_id()
        {
            var handler = Answers(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token " + RefreshToken + "\"}", "application/json",
                ("x-amzn-ErrorType", "InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/"), ("x-amzn-RequestId", "oidc-req-7"));

            SsoOidcException error = await CreateTokenFails(handler);

            Assert.Equal("The SSO OIDC CreateToken request failed with HTTP 400 (InvalidGrantException: invalid_grant): Invalid refresh token <redacted> (request id oidc-req-7).", error.Message);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("InvalidGrantException", error.ErrorCode);
        }

        [Fact]
        public async Task SSO_OIDC_error_body_that_is_not_UTF_8_is_still_a_service_error_with_its_status()
        {
            byte[] body = { (byte)'{', (byte)'"', (byte)'e', (byte)'r', (byte)'r', (byte)'o', (byte)'r', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };
            var handler = Answers(HttpStatusCode.BadRequest, body, "application/json", ("x-amzn-ErrorType", "InvalidRequestException"));

            SsoOidcException error = await CreateTokenFails(handler);

            Assert.True(error.IsServiceError);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("The SSO OIDC CreateToken request failed with HTTP 400 (InvalidRequestException).", error.Message);
        }

        [Fact]
        public async Task STS_refusal_quotes_the_STS_code_message_and_request_id()
        {
            using var stub = new CredentialStubServer();
            string tokenFile = Path.Combine(_home.Root, "token");
            File.WriteAllText(tokenFile, "eyJ.web-identity.sig");
            stub.StsError = ("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
            _home.Environment.With("AWS_ENDPOINT_URL_STS", stub.BaseUrl).With("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile).With("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci");

            AwsCredentialException error = await ChainFails(new HttpClientHandler { UseProxy = false });

            Assert.Equal(AwsCredentialErrorKind.SourceFailed, error.Kind);
            Assert.Contains("was refused: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity (request id stub).", error.Message);
        }

        [Fact]
        public async Task STS_behind_a_proxy_that_answers_an_HTML_page_says_so_without_quoting_the_page()
        {
            const string WebToken = "eyJ.SECRET-web-identity.sig";
            string tokenFile = Path.Combine(_home.Root, "token");
            File.WriteAllText(tokenFile, WebToken);
            _home.Environment.With("AWS_ENDPOINT_URL_STS", "https://sts.proxy.example").With("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile).With("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci");
            var handler = Answers(HttpStatusCode.ServiceUnavailable, "<html><body><h1>Service Unavailable</h1><p>" + WebToken + "</p></body></html>", "text/html", ("x-amz-request-id", "proxy-req-3"));

            AwsCredentialException error = await ChainFails(handler);

            Assert.Contains("answered HTTP 503 with a body that is not STS XML (request id proxy-req-3).", error.Message);
            Assert.DoesNotContain("<html", error.Message);
            Assert.DoesNotContain("SECRET", error.ToString());
        }

        [Theory]
        [InlineData(HttpStatusCode.Unauthorized, "UnauthorizedException", "The SSO session of profile 'sso' is no longer valid or may not use role Deployer in account 123456789012 (HTTP 401 UnauthorizedException: Session token not found or invalid: <redacted>, request id sso-req-9). Run 'aws sso login --profile sso' to sign in again.")]
        [InlineData(HttpStatusCode.Forbidden, "ForbiddenException", "The SSO session of profile 'sso' is no longer valid or may not use role Deployer in account 123456789012 (HTTP 403 ForbiddenException: Session token not found or invalid: <redacted>, request id sso-req-9). Run 'aws sso login --profile sso' to sign in again.")]
        [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException", "SSO GetRoleCredentials for SSO profile 'sso' (role Deployer in account 123456789012) answered HTTP 429 TooManyRequestsException: Session token not found or invalid: <redacted>, request id sso-req-9.")]
        public async Task SSO_GetRoleCredentials_failure_carries_the_portal_message_and_request_id_without_the_token(HttpStatusCode status, string code, string expected)
        {
            LegacySsoProfile();
            var handler = Answers(status, "{\"message\":\"Session token not found or invalid: " + SsoBearerToken + "\"}", "application/json",
                ("x-amzn-ErrorType", code), ("x-amzn-RequestId", "sso-req-9"));

            AwsCredentialException error = await ChainFails(handler, "sso");

            Assert.Equal(expected, error.Message);
            Assert.Equal(AwsCredentialErrorKind.SourceFailed, error.Kind);
            Assert.DoesNotContain(SsoBearerToken, error.ToString());
            Assert.Equal("/federation/credentials", Assert.Single(handler.Requests).Uri.AbsolutePath);
        }
    }
}
