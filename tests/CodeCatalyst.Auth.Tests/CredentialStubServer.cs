using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// A loopback HTTP server standing in for every identity endpoint the credential chain talks to: STS
    /// (AssumeRole, AssumeRoleWithWebIdentity) on "/", SSO GetRoleCredentials on /federation/credentials, container
    /// credentials under /container/, and IMDSv2 under /latest/. All canned answers live here; each source gets its
    /// own key id so a test can tell which one answered. Both botocore (over the network) and our chain use it.
    /// </summary>
    internal sealed class CredentialStubServer : IDisposable
    {
        public const string AssumeRoleKeyPrefix = "ASIASTUBASSUMEROLE";
        public const string WebIdentityKey = "ASIASTUBWEBIDENTITY0";
        public const string SsoKey = "ASIASTUBSSOROLE00001";
        public const string ContainerKey = "ASIASTUBCONTAINER001";
        public const string ImdsKey = "ASIASTUBIMDS00000001";
        public const string ImdsToken = "imds-session-token-value";
        public const string ImdsRole = "stub-instance-role";
        public const string SsoBearerToken = "sso-bearer-token-for-stub";
        public const string ContainerAuthorization = "container-auth-token-value";

        private readonly HttpListener _listener;
        private readonly Func<DateTimeOffset> _clock;
        private readonly Task _loop;
        private int _assumeRoleCalls;

        public CredentialStubServer(Func<DateTimeOffset>? clock = null)
        {
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener = new HttpListener();
            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Prefixes.Add("http://localhost:" + Port.ToString(CultureInfo.InvariantCulture) + "/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public string BaseUrl => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        public string HostAndPort => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>Every request: method, path and query, selected headers, form body.</summary>
        public List<StubRequest> Requests { get; } = new List<StubRequest>();

        public int AssumeRoleCalls => Volatile.Read(ref _assumeRoleCalls);

        /// <summary>When set, STS answers every call with this error code (HTTP 403) and message.</summary>
        public (string Code, string Message)? StsError { get; set; }

        /// <summary>How long the temporary credentials it hands out last.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

        public static string AssumeRoleKey(int call) => AssumeRoleKeyPrefix + call.ToString("00", CultureInfo.InvariantCulture);

        public static string SecretFor(string keyId) => "secret-for-" + keyId;

        public static string TokenFor(string keyId) => "token-for-" + keyId;

        public List<StubRequest> Snapshot()
        {
            lock (Requests)
            {
                return new List<StubRequest>(Requests);
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(() => Handle(context));
            }
        }

        private void Handle(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = reader.ReadToEnd();
            }

            var recorded = new StubRequest(request.HttpMethod, request.Url!.PathAndQuery, body, request.Headers["Authorization"], request.Headers["x-amz-sso_bearer_token"], request.Headers["x-aws-ec2-metadata-token"], request.Headers["x-aws-ec2-metadata-token-ttl-seconds"]);
            lock (Requests)
            {
                Requests.Add(recorded);
            }

            (int status, string contentType, string text) = Route(recorded);
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }

        private string Expiration() => (_clock() + Lifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private (int, string, string) Route(StubRequest request)
        {
            string path = request.PathAndQuery.Split('?')[0];
            if (request.Method == "POST" && path == "/")
            {
                return Sts(request);
            }

            if (request.Method == "GET" && path == "/federation/credentials")
            {
                if (request.SsoBearerToken != SsoBearerToken)
                {
                    return (401, "application/json", "{\"message\":\"Session token not found or invalid\"}");
                }

                long expires = (_clock() + Lifetime).ToUnixTimeMilliseconds();
                return (200, "application/json", $"{{\"roleCredentials\":{{\"accessKeyId\":\"{SsoKey}\",\"secretAccessKey\":\"{SecretFor(SsoKey)}\",\"sessionToken\":\"{TokenFor(SsoKey)}\",\"expiration\":{expires}}}}}");
            }

            if (request.Method == "GET" && path.StartsWith("/container/", StringComparison.Ordinal))
            {
                if (path.StartsWith("/container/auth/", StringComparison.Ordinal) && request.Authorization != ContainerAuthorization)
                {
                    return (401, "application/json", "{\"message\":\"bad authorization\"}");
                }

                return (200, "application/json", Document(ContainerKey));
            }

            if (request.Method == "PUT" && path == "/latest/api/token")
            {
                return request.TokenTtl == "21600" ? (200, "text/plain", ImdsToken) : (400, "text/plain", string.Empty);
            }

            if (request.Method == "GET" && path.StartsWith("/latest/meta-data/iam/security-credentials/", StringComparison.Ordinal))
            {
                if (request.ImdsToken != ImdsToken)
                {
                    return (401, "text/plain", string.Empty);
                }

                string role = path.Substring("/latest/meta-data/iam/security-credentials/".Length);
                return role.Length == 0 ? (200, "text/plain", ImdsRole) : role == ImdsRole ? (200, "application/json", Document(ImdsKey, imds: true)) : (404, "text/plain", string.Empty);
            }

            return (404, "text/plain", "no such stub route");
        }

        private string Document(string keyId, bool imds = false) =>
            "{" + (imds ? "\"Code\":\"Success\",\"LastUpdated\":\"2024-01-01T00:00:00Z\",\"Type\":\"AWS-HMAC\"," : string.Empty)
            + $"\"AccessKeyId\":\"{keyId}\",\"SecretAccessKey\":\"{SecretFor(keyId)}\",\"Token\":\"{TokenFor(keyId)}\",\"Expiration\":\"{Expiration()}\"}}";

        private (int, string, string) Sts(StubRequest request)
        {
            Dictionary<string, string> form = request.Form();
            string action = form.TryGetValue("Action", out string? a) ? a : string.Empty;
            if (StsError is { } error)
            {
                return (403, "text/xml", $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{error.Code}</Code><Message>{SecurityElement(error.Message)}</Message></Error><RequestId>stub</RequestId></ErrorResponse>");
            }

            string keyId;
            if (action == "AssumeRole")
            {
                if (request.Authorization == null || !request.Authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal))
                {
                    return (403, "text/xml", "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error></ErrorResponse>");
                }

                keyId = AssumeRoleKey(Interlocked.Increment(ref _assumeRoleCalls));
            }
            else if (action == "AssumeRoleWithWebIdentity")
            {
                keyId = WebIdentityKey;
            }
            else
            {
                return (400, "text/xml", "<ErrorResponse><Error><Code>InvalidAction</Code><Message>unknown action</Message></Error></ErrorResponse>");
            }

            string role = form.TryGetValue("RoleArn", out string? arn) ? arn : "arn:aws:iam::123456789012:role/unknown";
            return (200, "text/xml",
                $"<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>"
                + $"<Credentials><AccessKeyId>{keyId}</AccessKeyId><SecretAccessKey>{SecretFor(keyId)}</SecretAccessKey><SessionToken>{TokenFor(keyId)}</SessionToken><Expiration>{Expiration()}</Expiration></Credentials>"
                + $"<AssumedRoleUser><AssumedRoleId>AROASTUB:session</AssumedRoleId><Arn>{SecurityElement(role.Replace(":role/", ":assumed-role/"))}/session</Arn></AssumedRoleUser>"
                + $"</{action}Result><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></{action}Response>");
        }

        private static string SecurityElement(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;

        public void Dispose()
        {
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    internal sealed class StubRequest
    {
        public StubRequest(string method, string pathAndQuery, string body, string? authorization, string? ssoBearerToken, string? imdsToken, string? tokenTtl)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Body = body;
            Authorization = authorization;
            SsoBearerToken = ssoBearerToken;
            ImdsToken = imdsToken;
            TokenTtl = tokenTtl;
        }

        public string Method { get; }

        public string PathAndQuery { get; }

        public string Body { get; }

        public string? Authorization { get; }

        public string? SsoBearerToken { get; }

        public string? ImdsToken { get; }

        public string? TokenTtl { get; }

        /// <summary>The access key id the request was signed with (from Credential=AKID/date/...), or null.</summary>
        public string? SignedWith
        {
            get
            {
                const string marker = "Credential=";
                int at = Authorization?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
                return at < 0 ? null : Authorization!.Substring(at + marker.Length).Split('/')[0];
            }
        }

        public Dictionary<string, string> Form()
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in Body.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string key = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                form[key] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
            }

            return form;
        }

        public override string ToString() => Method + " " + PathAndQuery;
    }
}
