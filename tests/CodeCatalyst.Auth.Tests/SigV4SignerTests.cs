using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;
using Xunit;
using Xunit.Abstractions;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// The SigV4 signer against botocore's SigV4Auth (through botocore_sigv4.py, same request, credentials and frozen
    /// time: the Authorization header must be byte-identical) and against the published AWS test-suite vector.
    /// </summary>
    public class SigV4SignerTests
    {
        private const string AccessKey = "AKIDEXAMPLE";
        private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample+token/with=padding==";
        private static readonly DateTimeOffset Time = new DateTimeOffset(2024, 10, 15, 8, 9, 10, TimeSpan.Zero);

        private readonly ITestOutputHelper _output;

        public SigV4SignerTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task Get_vanilla_from_the_AWS_SigV4_test_suite_signs_as_published()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

            await new SigV4Signer("us-east-1", "service").SignAsync(request, new AwsCredentials(AccessKey, SecretKey),
                new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), CancellationToken.None);

            Assert.Equal("20150830T123600Z", Single(request, "X-Amz-Date"));
            Assert.Equal(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
                "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                Single(request, "Authorization"));
            Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
        }

        /// <summary>A request as the Amplify wire layer would build it; the query, when given as parameters, is encoded like botocore's serializer.</summary>
        public sealed class SigningCase
        {
            public SigningCase(string name, string method, string url)
            {
                Name = name;
                Method = method;
                Url = url;
            }

            public string Name { get; }

            public string Method { get; }

            public string Url { get; }

            public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

            public List<KeyValuePair<string, string>>? QueryParameters { get; set; }

            public string? Body { get; set; }

            public string? Token { get; set; }

            public string Region { get; set; } = "us-west-2";

            public string Service { get; set; } = "amplify";

            public SigningCase WithHeader(string name, string value)
            {
                Headers.Add(new KeyValuePair<string, string>(name, value));
                return this;
            }

            public SigningCase WithQuery(params (string Key, string Value)[] parameters)
            {
                QueryParameters = parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
                return this;
            }

            public SigningCase WithJson(string json)
            {
                Body = json;
                return WithHeader("Content-Type", "application/json");
            }

            /// <summary>The URL with the query appended the way botocore's percent_encode_sequence writes it (RFC 3986, '-_.~' unreserved).</summary>
            public string FullUrl => QueryParameters == null
                ? Url
                : Url + "?" + string.Join("&", QueryParameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

            public override string ToString() => Name;
        }

        public static IEnumerable<object[]> BotocoreCases() => AllCases().Select(c => new object[] { c.Name });

        private static IEnumerable<SigningCase> AllCases()
        {
            const string Endpoint = "https://amplify.us-west-2.amazonaws.com";
            var cases = new List<SigningCase>
            {
                new SigningCase("GET without a body (ListApps)", "GET", Endpoint + "/apps").WithQuery(("maxResults", "10")),
                new SigningCase("GET with a session token", "GET", Endpoint + "/apps/d2abc/branches/main/jobs/12") { Token = SessionToken },
                new SigningCase("POST with a JSON body (StartJob)", "POST", Endpoint + "/apps/d2abc/branches/main/jobs")
                    .WithJson("{\"jobType\":\"RELEASE\",\"commitMessage\":\"ünïcødé ☃ \\\"quoted\\\"\"}"),
                new SigningCase("POST with a JSON body and a session token", "POST", Endpoint + "/apps/d2abc/branches/main/deployments/start") { Token = SessionToken }
                    .WithJson("{\"sourceUrl\":\"s3://bucket/site/\",\"sourceUrlType\":\"BUCKET_PREFIX\"}"),
                new SigningCase("POST with an empty body", "POST", Endpoint + "/apps/d2abc/branches/main/jobs/12/stop"),
                new SigningCase("DELETE (DeleteJob)", "DELETE", Endpoint + "/apps/d2abc/branches/main/jobs/12") { Token = SessionToken },
                new SigningCase("query needing encoding: spaces, '/', '+', '=', unicode, repeated keys, empty value, keys to sort", "GET", Endpoint + "/apps/d2abc/branches/main/jobs")
                    .WithQuery(("nextToken", "a b/c+d=e"), ("zeta", "1"), ("Zeta", "2"), ("tag", "z"), ("tag", "a"), ("tag", "a"), ("empty", ""),
                        ("ünï", "cødé ☃"), ("alpha-_.~", "x!*'()"), ("maxResults", "5")),
                new SigningCase("path with a branch name that needs encoding (feature/x y)", "GET",
                    Endpoint + "/apps/d2abc/branches/" + Uri.EscapeDataString("feature/x y") + "/jobs").WithQuery(("maxResults", "5")),
                new SigningCase("path with unicode, '+', '~' and reserved characters in a label", "DELETE",
                    Endpoint + "/apps/d2abc/branches/" + Uri.EscapeDataString("rel+1~ünï(x)&y=z") + "/jobs/7") { Token = SessionToken },
                new SigningCase("headers: user-agent and x-amzn-trace-id unsigned, values trimmed and collapsed, names sorted", "POST", Endpoint + "/apps")
                    .WithJson("{\"name\":\"site\"}")
                    .WithHeader("User-Agent", "CodeCatalyst/0.1.0 PowerShell/7.4")
                    .WithHeader("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
                    .WithHeader("X-Custom-Spaces", "  a   b \t c  ")
                    .WithHeader("Accept", "application/json"),
                new SigningCase("emulator on loopback with a port, over http", "GET", "http://127.0.0.1:5123/apps/d2abc/branches") { Token = SessionToken },
                new SigningCase("another region and service", "GET", "https://codecatalyst.global.api.aws/v1/spaces") { Region = "eu-central-1", Service = "codecatalyst" },
            };
            return cases;
        }

        [Theory]
        [MemberData(nameof(BotocoreCases))]
        public async Task Authorization_is_byte_identical_to_botocore(string name)
        {
            RequireBotocore();
            SigningCase testCase = AllCases().Single(c => c.Name == name);
            HttpRequestMessage request = Build(testCase);
            var credentials = new AwsCredentials(AccessKey, SecretKey, testCase.Token);
            var signer = new SigV4Signer(testCase.Region, testCase.Service);

            await signer.SignAsync(request, credentials, Time, CancellationToken.None);

            // .NET sends the URL as built (no escape undone or added), so botocore is given exactly what goes on the wire.
            Assert.Equal(testCase.FullUrl, request.RequestUri!.AbsoluteUri);
            JsonElement theirs = RunBotocore(testCase, request.RequestUri.AbsoluteUri, credentials);
            if (testCase.QueryParameters != null)
            {
                // The test's URL is the one botocore's serializer would have built from the same parameters.
                Assert.Equal(theirs.GetProperty("encoded_query").GetString(), request.RequestUri.Query.TrimStart('?'));
            }

            // The canonical request first: a difference there says which part went wrong.
            Assert.Equal(theirs.GetProperty("canonical_request").GetString(), await signer.CanonicalRequestAsync(request, CancellationToken.None));
            JsonElement headers = theirs.GetProperty("headers");
            Assert.Equal(headers.GetProperty("X-Amz-Date").GetString(), Single(request, "X-Amz-Date"));
            Assert.Equal(headers.GetProperty("Authorization").GetString(), Single(request, "Authorization"));
            if (testCase.Token != null)
            {
                Assert.Equal(headers.GetProperty("X-Amz-Security-Token").GetString(), Single(request, "X-Amz-Security-Token"));
            }
            else
            {
                Assert.False(headers.TryGetProperty("X-Amz-Security-Token", out _));
                Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
            }

            _output.WriteLine(Single(request, "Authorization"));
        }

        [Fact]
        public async Task A_branch_name_encoded_in_the_path_is_encoded_again_in_the_canonical_request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps/d2abc/branches/feature%2Fx%20y/jobs");

            string canonical = await new SigV4Signer("us-west-2", "amplify").CanonicalRequestAsync(request, CancellationToken.None);

            Assert.Equal("/apps/d2abc/branches/feature%252Fx%2520y/jobs", canonical.Split('\n')[1]);
        }

        [Theory]
        [InlineData("?b=2&a=1", "a=1&b=2")]
        [InlineData("?flag&a=", "a=&flag=")]
        [InlineData("?k=%2f&k=%2F", "k=%2F&k=%2F")]
        [InlineData("?k=a%20b", "k=a%20b")]
        [InlineData("?k=a+b", "k=a%2Bb")]
        [InlineData("?k=!", "k=%21")]
        [InlineData("?t=b&t=a&T=c", "T=c&t=a&t=b")]
        [InlineData("", "")]
        public void Canonical_query_decodes_then_encodes_each_part_and_sorts_by_key_then_value(string query, string expected)
        {
            Assert.Equal(expected, SigV4Signer.CanonicalQuery(query));
        }

        [Theory]
        [InlineData("", "/")]
        [InlineData("/", "/")]
        [InlineData("/a//b/./c/../d/", "/a/b/d/")]
        [InlineData("/a/%2F/b", "/a/%252F/b")]
        [InlineData("/~user/x-y_z.1", "/~user/x-y_z.1")]
        public void Canonical_path_removes_dot_and_empty_segments_and_encodes_once_more(string path, string expected)
        {
            Assert.Equal(expected, SigV4Signer.CanonicalPath(path));
        }

        [Fact]
        public async Task Signing_again_at_another_time_replaces_the_date_and_the_signature()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "https://amplify.us-west-2.amazonaws.com/apps/d2abc/branches/main/jobs")
            {
                Content = new StringContent("{\"jobType\":\"RELEASE\"}", Encoding.UTF8, "application/json"),
            };
            var signer = new SigV4Signer("us-west-2", "amplify");
            var credentials = new AwsCredentials(AccessKey, SecretKey, SessionToken);

            await signer.SignAsync(request, credentials, Time, CancellationToken.None);
            string first = Single(request, "Authorization");
            await signer.SignAsync(request, credentials, Time.AddSeconds(1), CancellationToken.None);
            string second = Single(request, "Authorization");

            Assert.NotEqual(first, second);
            Assert.Equal("20241015T080911Z", Single(request, "X-Amz-Date"));
            Assert.Equal(SessionToken, Single(request, "X-Amz-Security-Token"));
        }

        [Fact]
        public async Task Signing_again_with_credentials_without_a_token_drops_the_old_token()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps");
            var signer = new SigV4Signer("us-west-2", "amplify");

            await signer.SignAsync(request, new AwsCredentials("ASIAEXAMPLE", SecretKey, SessionToken), Time, CancellationToken.None);
            await signer.SignAsync(request, new AwsCredentials(AccessKey, SecretKey), Time, CancellationToken.None);

            Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
            Assert.Contains("SignedHeaders=host;x-amz-date,", Single(request, "Authorization"));
        }

        [Fact]
        public async Task A_stream_body_is_still_sent_whole_after_signing()
        {
            const string Json = "{\"sourceUrl\":\"s3://bucket/site/\",\"sourceUrlType\":\"BUCKET_PREFIX\"}";
            var request = new HttpRequestMessage(HttpMethod.Post, "https://amplify.us-west-2.amazonaws.com/apps/d2abc/branches/main/deployments/start")
            {
                Content = new StreamContent(new ReadOnceStream(Encoding.UTF8.GetBytes(Json))),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            var signer = new SigV4Signer("us-west-2", "amplify");
            await signer.SignAsync(request, new AwsCredentials(AccessKey, SecretKey), Time, CancellationToken.None);

            var handler = StubOidcHandler.Json(HttpStatusCode.OK, "{}");
            using (var client = new HttpClient(handler))
            {
                (await client.SendAsync(request)).Dispose();
            }

            Assert.Equal(Json, Assert.Single(handler.Requests).Body);
            string canonical = await signer.CanonicalRequestAsync(request, CancellationToken.None);
            Assert.EndsWith("\n" + Sha256Hex(Json), canonical);
        }

        [Fact]
        public async Task The_authenticator_asks_for_credentials_and_reads_the_clock_on_every_attempt()
        {
            var clock = new ManualClock(Time);
            int calls = 0;
            var authenticator = new SigV4RequestAuthenticator(
                _ => Task.FromResult(new AwsCredentials(++calls == 1 ? "ASIAFIRST" : "ASIASECOND", SecretKey, SessionToken + calls)),
                "us-west-2", "amplify", clock.Func);

            var first = new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps");
            await authenticator.AuthenticateAsync(first, CancellationToken.None);
            clock.Now = Time.AddMinutes(61);
            var retry = new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps");
            await authenticator.AuthenticateAsync(retry, CancellationToken.None);

            Assert.Equal(2, calls);
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAFIRST/20241015/us-west-2/amplify/aws4_request,", Single(first, "Authorization"));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIASECOND/20241015/us-west-2/amplify/aws4_request,", Single(retry, "Authorization"));
            Assert.Equal("20241015T080910Z", Single(first, "X-Amz-Date"));
            Assert.Equal("20241015T091010Z", Single(retry, "X-Amz-Date"));
            Assert.Equal(SessionToken + "2", Single(retry, "X-Amz-Security-Token"));
        }

        [Fact]
        public async Task The_authenticator_passes_cancellation_to_the_credentials_provider()
        {
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            var authenticator = new SigV4RequestAuthenticator(
                token => Task.FromCanceled<AwsCredentials>(token), "us-west-2", "amplify");

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                authenticator.AuthenticateAsync(new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps"), cancel.Token));
        }

        [Fact]
        public void Credentials_show_a_masked_key_id_and_never_the_secret_or_token()
        {
            var credentials = new AwsCredentials("AKIAIOSFODNN7EXAMPLE", SecretKey, SessionToken, new DateTimeOffset(2024, 10, 15, 9, 0, 0, TimeSpan.Zero));

            string text = credentials.ToString();

            Assert.Equal("AwsCredentials(AKIA************MPLE, temporary, expires 2024-10-15T09:00:00Z)", text);
            Assert.Equal("AwsCredentials(***********)", new AwsCredentials(AccessKey, SecretKey).ToString());
            DebuggerDisplayAttribute display = Assert.Single(typeof(AwsCredentials).GetCustomAttributes(typeof(DebuggerDisplayAttribute), false).Cast<DebuggerDisplayAttribute>());
            Assert.Equal("{ToString(),nq}", display.Value);
            foreach (string property in new[] { nameof(AwsCredentials.SecretAccessKey), nameof(AwsCredentials.SessionToken) })
            {
                var browsable = (DebuggerBrowsableAttribute?)Attribute.GetCustomAttribute(typeof(AwsCredentials).GetProperty(property)!, typeof(DebuggerBrowsableAttribute));
                Assert.Equal(DebuggerBrowsableState.Never, browsable?.State);
            }
        }

        [Fact]
        public async Task No_exception_message_carries_the_secret_or_the_token()
        {
            var messages = new List<string>();
            void Capture(Action action)
            {
                Exception error = Assert.ThrowsAny<Exception>(action);
                messages.Add(error.ToString());
            }

            Capture(() => new AwsCredentials(AccessKey, SecretKey, SessionToken + "\r\nX-Injected: " + SecretKey));
            Capture(() => new AwsCredentials(SecretKey + " ", SecretKey, SessionToken));
            Capture(() => new AwsCredentials(AccessKey, "", SessionToken));
            Capture(() => new AwsCredentials("", SecretKey, SessionToken));
            Capture(() => new SigV4Signer("us-west-2/" + SecretKey, "amplify"));
            var credentials = new AwsCredentials(AccessKey, SecretKey, SessionToken);
            Exception relative = await Assert.ThrowsAnyAsync<Exception>(() =>
                new SigV4Signer("us-west-2", "amplify").SignAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("/apps", UriKind.Relative)), credentials, Time, CancellationToken.None));
            messages.Add(relative.ToString());
            Exception none = await Assert.ThrowsAnyAsync<Exception>(() =>
                new SigV4RequestAuthenticator(_ => Task.FromResult<AwsCredentials>(null!), "us-west-2", "amplify")
                    .AuthenticateAsync(new HttpRequestMessage(HttpMethod.Get, "https://amplify.us-west-2.amazonaws.com/apps"), CancellationToken.None));
            messages.Add(none.ToString());

            foreach (string message in messages)
            {
                _output.WriteLine(message.Split('\n')[0]);
                Assert.DoesNotContain(SecretKey, message);
                Assert.DoesNotContain(SessionToken, message);
            }
        }

        private static HttpRequestMessage Build(SigningCase testCase)
        {
            var request = new HttpRequestMessage(new HttpMethod(testCase.Method), testCase.FullUrl);
            if (testCase.Body != null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(testCase.Body));
            }

            foreach (KeyValuePair<string, string> header in testCase.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    Assert.True(request.Content!.Headers.TryAddWithoutValidation(header.Key, header.Value), header.Key);
                }
            }

            return request;
        }

        private static string Single(HttpRequestMessage request, string name) =>
            Assert.Single(request.Headers.GetValues(name));

        private static string Sha256Hex(string text)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
        }

        /// <summary>
        /// botocore ships on every machine of this project and CI's, so (as in BotocoreParityTests) its absence fails
        /// the parity tests with a message that says what to install rather than passing them silently.
        /// </summary>
        private static void RequireBotocore() =>
            Assert.True(Botocore.CanImport("botocore.auth"), "python3 with botocore is required for the SigV4 parity check (pip install botocore)");

        private static JsonElement RunBotocore(SigningCase testCase, string url, AwsCredentials credentials)
        {
            var input = new Dictionary<string, object?>
            {
                ["method"] = testCase.Method,
                ["url"] = url,
                ["headers"] = testCase.Headers.Select(h => new[] { h.Key, h.Value }).ToArray(),
                ["body_base64"] = testCase.Body == null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(testCase.Body)),
                ["access_key"] = credentials.AccessKeyId,
                ["secret_key"] = credentials.SecretAccessKey,
                ["token"] = credentials.SessionToken,
                ["region"] = testCase.Region,
                ["service"] = testCase.Service,
                ["timestamp"] = Time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'"),
                ["params"] = testCase.QueryParameters?.Select(p => new[] { p.Key, p.Value }).ToArray(),
            };

            var (exitCode, stdout, stderr) = Botocore.Run("botocore_sigv4.py", Array.Empty<string>(), standardInput: JsonSerializer.Serialize(input));
            Assert.True(exitCode == 0, "botocore_sigv4.py failed: " + stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }

        /// <summary>A body that can be read once and not rewound, like a network or pipe stream.</summary>
        private sealed class ReadOnceStream : Stream
        {
            private readonly MemoryStream _inner;

            public ReadOnceStream(byte[] data)
            {
                _inner = new MemoryStream(data);
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
