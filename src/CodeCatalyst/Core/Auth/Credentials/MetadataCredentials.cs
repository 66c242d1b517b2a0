using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// Container credentials (ECS, EKS Pod Identity, CodeBuild...), as botocore's ContainerProvider and
    /// ContainerMetadataFetcher: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on http://169.254.170.2, else
    /// AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https, a loopback address or one of the known container
    /// hosts; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every fetch) or AWS_CONTAINER_AUTHORIZATION_TOKEN as the
    /// Authorization header. 2 s per attempt, 3 attempts one second apart.
    /// </summary>
    internal sealed class ContainerCredentialFetcher
    {
        public const string RelativeUriVariable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
        public const string FullUriVariable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
        public const string TokenVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
        public const string TokenFileVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
        public const string DefaultHost = "169.254.170.2";

        private static readonly string[] AllowedHosts = { DefaultHost, "169.254.170.23", "fd00:ec2::23", "localhost" };

        private readonly HttpClient _httpClient;
        private readonly IAuthEnvironment _environment;
        private readonly Uri _uri;

        private ContainerCredentialFetcher(HttpClient httpClient, IAuthEnvironment environment, Uri uri)
        {
            _httpClient = httpClient;
            _environment = environment;
            _uri = uri;
        }

        /// <summary>One attempt (botocore: 2 s).</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

        public const int Attempts = 3;

        /// <summary>Pause between attempts (botocore sleeps one second).</summary>
        internal TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The fetcher the environment asks for, or null when neither URI variable is set.</summary>
        /// <param name="httpClient">Owned by the caller.</param>
        /// <param name="environment">Where the URI and token variables are read.</param>
        /// <param name="relativeHost">Host (and port) for the relative URI; 169.254.170.2 unless a test says otherwise.</param>
        public static ContainerCredentialFetcher? FromEnvironment(HttpClient httpClient, IAuthEnvironment environment, string? relativeHost = null)
        {
            string? relative = environment.GetEnvironmentVariable(RelativeUriVariable);
            string? full = environment.GetEnvironmentVariable(FullUriVariable);
            if (relative == null && full == null)
            {
                return null;
            }

            string text = relative != null ? "http://" + (relativeHost ?? DefaultHost) + relative : full!;
            string variable = relative != null ? RelativeUriVariable : FullUriVariable;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"{variable} does not make a valid http(s) URL; fix or unset it.", "container credentials");
            }

            if (relative == null && !IsAllowed(uri))
            {
                throw new AwsCredentialException(
                    AwsCredentialErrorKind.InvalidConfiguration,
                    $"{FullUriVariable} names the host '{uri.Host}'. Container credentials are only fetched over https, from a loopback address, or from one of these hosts: {string.Join(", ", AllowedHosts)}.",
                    "container credentials");
            }

            return new ContainerCredentialFetcher(httpClient, environment, uri);
        }

        public string Description => "container credentials (" + (_environment.GetEnvironmentVariable(RelativeUriVariable) != null ? RelativeUriVariable : FullUriVariable) + ")";

        public async Task<AwsCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            string? authorization = ReadAuthorization();
            string? lastFailure = null;
            for (int attempt = 1; attempt <= Attempts; attempt++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, _uri);
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                if (authorization != null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                try
                {
                    CredentialHttp.Reply reply = await CredentialHttp.SendAsync(_httpClient, request, Timeout, cancellationToken).ConfigureAwait(false);
                    if (reply.Status == 200)
                    {
                        using (JsonDocument? document = CredentialJson.TryParse(reply.Body))
                        {
                            if (document != null)
                            {
                                return Read(document.RootElement);
                            }
                        }

                        lastFailure = "the answer is not JSON";
                    }
                    else
                    {
                        // The body is not shown: an error page of a misconfigured endpoint could carry anything.
                        lastFailure = "HTTP " + reply.Status.ToString(CultureInfo.InvariantCulture);
                    }
                }
                catch (CredentialHttp.TransportException ex)
                {
                    lastFailure = ex.Message;
                }

                if (attempt < Attempts)
                {
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }

            throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"The {Description} endpoint {_uri.GetLeftPart(UriPartial.Authority)} gave no credentials after {Attempts} attempts (last: {lastFailure}).", "container credentials");
        }

        private AwsCredentials Read(JsonElement root)
        {
            string? accessKeyId = CredentialJson.GetString(root, "AccessKeyId");
            string? secretAccessKey = CredentialJson.GetString(root, "SecretAccessKey");
            string? token = CredentialJson.GetString(root, "Token");
            string? expiration = CredentialJson.GetString(root, "Expiration");
            if (accessKeyId == null || secretAccessKey == null || token == null || !CredentialJson.TryParseTime(expiration, out DateTimeOffset expires))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"The {Description} endpoint answered without AccessKeyId, SecretAccessKey, Token and Expiration.", "container credentials");
            }

            return CredentialJson.Create(accessKeyId, secretAccessKey, token, expires, Description);
        }

        private string? ReadAuthorization()
        {
            string? token;
            string? file = _environment.GetEnvironmentVariable(TokenFileVariable);
            if (file != null)
            {
                try
                {
                    var info = new FileInfo(file);
                    if (info.Exists && info.Length > 16 * 1024)
                    {
                        throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The file {TokenFileVariable} names ({file}) is larger than 16 KiB, so it is not an authorization token.", "container credentials");
                    }

                    token = File.ReadAllText(file);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
                {
                    throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The authorization token file {file} ({TokenFileVariable}) cannot be read: {ex.GetType().Name}. Check the path and its permissions.", "container credentials", innerException: ex);
                }
            }
            else
            {
                token = _environment.GetEnvironmentVariable(TokenVariable);
            }

            if (token != null && (token.IndexOf('\r') >= 0 || token.IndexOf('\n') >= 0))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The container authorization token ({(file != null ? TokenFileVariable : TokenVariable)}) holds a line break, which an HTTP header cannot carry.", "container credentials");
            }

            return token;
        }

        private static bool IsAllowed(Uri uri)
        {
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                return true;
            }

            string host = uri.Host.Trim('[', ']').ToLowerInvariant();
            if (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address))
            {
                return true;
            }

            return Array.IndexOf(AllowedHosts, host) >= 0;
        }
    }

    /// <summary>
    /// Instance profile credentials from IMDS, as botocore's InstanceMetadataFetcher: a PUT /latest/api/token with a
    /// six-hour TTL (IMDSv2; 403/404/405 or a timeout fall back to IMDSv1 unless it is disabled), then GET the role name
    /// and the role's credentials. AWS_EC2_METADATA_DISABLED=true turns it off; AWS_EC2_METADATA_SERVICE_ENDPOINT (or
    /// the profile's ec2_metadata_service_endpoint) moves it; AWS_METADATA_SERVICE_TIMEOUT (1 s) and
    /// AWS_METADATA_SERVICE_NUM_ATTEMPTS (1) bound it. Any failure means "no credentials here", as in botocore.
    /// </summary>
    internal sealed class InstanceMetadataCredentialFetcher
    {
        public const string DefaultEndpoint = "http://169.254.169.254/";
        public const string DefaultIpv6Endpoint = "http://[fd00:ec2::254]/";
        private const string TokenPath = "latest/api/token";
        private const string RolePath = "latest/meta-data/iam/security-credentials/";

        private readonly HttpClient _httpClient;
        private readonly Action<string>? _diagnostics;

        private InstanceMetadataCredentialFetcher(HttpClient httpClient, string baseUrl, TimeSpan timeout, int attempts, bool v1Disabled, Action<string>? diagnostics)
        {
            _httpClient = httpClient;
            BaseUrl = baseUrl;
            Timeout = timeout;
            Attempts = attempts;
            V1Disabled = v1Disabled;
            _diagnostics = diagnostics;
        }

        public string BaseUrl { get; }

        public TimeSpan Timeout { get; }

        public int Attempts { get; }

        public bool V1Disabled { get; }

        public const string Description = "EC2 instance metadata (IMDS)";

        /// <summary>The fetcher, or null when AWS_EC2_METADATA_DISABLED is "true".</summary>
        public static InstanceMetadataCredentialFetcher? Create(HttpClient httpClient, IAuthEnvironment environment, AwsConfigSection? profile, Action<string>? diagnostics)
        {
            if (string.Equals(environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED") ?? "false", "true", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics?.Invoke("AWS_EC2_METADATA_DISABLED is true: instance metadata is not consulted.");
                return null;
            }

            string? Setting(string variable, string key) => environment.GetEnvironmentVariable(variable) ?? profile?.GetString(key);

            string? endpoint = Setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint");
            string? mode = Setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode");
            string baseUrl = !string.IsNullOrEmpty(endpoint) ? endpoint! : string.Equals(mode, "ipv6", StringComparison.OrdinalIgnoreCase) ? DefaultIpv6Endpoint : DefaultEndpoint;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, "The instance metadata endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT or ec2_metadata_service_endpoint) is not a valid http(s) URL.", Description);
            }

            double seconds = double.TryParse(Setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? Math.Min(s, 60) : 1;
            int attempts = int.TryParse(Setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? Math.Min(n, 10) : 1;
            bool v1Disabled = string.Equals(Setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"), "true", StringComparison.OrdinalIgnoreCase);
            return new InstanceMetadataCredentialFetcher(httpClient, baseUrl, TimeSpan.FromSeconds(seconds), attempts, v1Disabled, diagnostics);
        }

        /// <summary>The instance's role credentials, or null when IMDS gives none (not on EC2, no role, unreachable).</summary>
        public async Task<AwsCredentials?> FetchAsync(CancellationToken cancellationToken)
        {
            string? token = await FetchTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token == null && V1Disabled)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, "Unable to retrieve an IMDSv2 token and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled).", Description);
            }

            string? role = await GetAsync(RolePath, token, requireJson: false, cancellationToken).ConfigureAwait(false);
            if (role == null)
            {
                return null;
            }

            role = role.Trim();
            string? document = await GetAsync(RolePath + role, token, requireJson: true, cancellationToken).ConfigureAwait(false);
            if (document == null)
            {
                return null;
            }

            using (JsonDocument? parsed = CredentialJson.TryParse(System.Text.Encoding.UTF8.GetBytes(document)))
            {
                JsonElement root = parsed!.RootElement;
                string? accessKeyId = CredentialJson.GetString(root, "AccessKeyId");
                string? secretAccessKey = CredentialJson.GetString(root, "SecretAccessKey");
                string? sessionToken = CredentialJson.GetString(root, "Token");
                string? expiration = CredentialJson.GetString(root, "Expiration");
                if (accessKeyId == null || secretAccessKey == null || sessionToken == null || !CredentialJson.TryParseTime(expiration, out DateTimeOffset expires))
                {
                    Trace($"Instance metadata for role '{role}' lacks AccessKeyId, SecretAccessKey, Token or Expiration (Code: {CredentialJson.GetString(root, "Code") ?? "none"}).");
                    return null;
                }

                Trace($"Found credentials for the instance role '{role}'.");
                return CredentialJson.Create(accessKeyId, secretAccessKey, sessionToken, expires, Description + " role '" + role + "'");
            }
        }

        private async Task<string?> FetchTokenAsync(CancellationToken cancellationToken)
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, Url(TokenPath));
                request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token-ttl-seconds", "21600");
                try
                {
                    CredentialHttp.Reply reply = await CredentialHttp.SendAsync(_httpClient, request, Timeout, cancellationToken).ConfigureAwait(false);
                    if (reply.Status == 200)
                    {
                        return reply.Text;
                    }

                    if (reply.Status == 403 || reply.Status == 404 || reply.Status == 405)
                    {
                        return null;
                    }

                    if (reply.Status == 400)
                    {
                        throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, "The instance metadata service rejected the IMDSv2 token request (HTTP 400).", Description);
                    }
                }
                catch (CredentialHttp.TransportException ex)
                {
                    Trace($"IMDSv2 token request failed: {ex.Message}");
                    if (ex.TimedOut)
                    {
                        return null;
                    }
                }
            }

            return null;
        }

        private async Task<string?> GetAsync(string path, string? token, bool requireJson, CancellationToken cancellationToken)
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
                if (token != null)
                {
                    request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token", token);
                }

                try
                {
                    CredentialHttp.Reply reply = await CredentialHttp.SendAsync(_httpClient, request, Timeout, cancellationToken).ConfigureAwait(false);
                    if (reply.Status == 200 && reply.Body.Length > 0)
                    {
                        if (!requireJson)
                        {
                            return reply.Text;
                        }

                        using (JsonDocument? document = CredentialJson.TryParse(reply.Body))
                        {
                            if (document != null)
                            {
                                return reply.Text;
                            }
                        }
                    }

                    Trace($"Instance metadata GET /{path.Split('/')[0]}/... answered HTTP {reply.Status} ({reply.Body.Length} byte(s)).");
                }
                catch (CredentialHttp.TransportException ex)
                {
                    Trace($"Instance metadata request failed: {ex.Message}");
                }
            }

            return null;
        }

        private Uri Url(string path) => new Uri(BaseUrl + (BaseUrl.EndsWith("/", StringComparison.Ordinal) ? string.Empty : "/") + path);

        private void Trace(string message) => _diagnostics?.Invoke(message);
    }
}
