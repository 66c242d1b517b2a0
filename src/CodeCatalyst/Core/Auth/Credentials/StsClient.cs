using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using CodeCatalyst.Core.Auth.Signing;
using CodeCatalyst.Core.Errors;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// The STS operations the module needs (the chain's two, and GetCallerIdentity for Connect-CCAccount), in STS's Query protocol: a form POST (Action, Version and the
    /// operation's members) answered with XML. AssumeRole is SigV4-signed (service "sts") with the source credentials;
    /// AssumeRoleWithWebIdentity is unsigned, as in botocore.
    /// </summary>
    internal sealed class StsClient
    {
        public const string ApiVersion = "2011-06-15";

        /// <summary>botocore's default connect plus read timeout is 60 s each; one bound for the whole attempt.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        /// <summary>The longest part of STS's message an error quotes, so one refusal cannot flood a log.</summary>
        private const int MaxServiceMessageLength = 500;

        private readonly HttpClient _httpClient;
        private readonly Uri _endpoint;
        private readonly string _signingRegion;
        private readonly Func<DateTimeOffset> _clock;
        private readonly TimeSpan _timeout;

        public StsClient(HttpClient httpClient, Uri endpoint, string signingRegion, Func<DateTimeOffset>? clock = null, TimeSpan? timeout = null)
        {
            _httpClient = httpClient;
            _endpoint = endpoint;
            _signingRegion = signingRegion;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _timeout = timeout ?? DefaultTimeout;
        }

        public Uri Endpoint => _endpoint;

        /// <summary>
        /// The STS endpoint botocore's nested "sts" client uses: a configured one (AWS_ENDPOINT_URL_STS,
        /// AWS_ENDPOINT_URL, the profile's services section, its endpoint_url), else https://sts.{region}.{suffix}, or
        /// the global https://sts.amazonaws.com (signed for us-east-1) when no region is known.
        /// </summary>
        public static StsClient Create(HttpClient httpClient, string? region, AwsConfigSection? profile, AwsConfigFile config, IAuthEnvironment environment, Func<DateTimeOffset>? clock, TimeSpan? timeout)
        {
            Func<string, Exception> error = message => new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, message, "STS");
            string signingRegion = string.IsNullOrEmpty(region) ? "us-east-1" : region!;
            Uri endpoint = string.IsNullOrEmpty(region)
                ? AwsServiceEndpoint.ResolveConfigured("sts", profile, config, environment, error, out _) ?? new Uri("https://sts.amazonaws.com")
                : AwsServiceEndpoint.Resolve("sts", "sts", region!, profile, config, environment, error, out _);
            return new StsClient(httpClient, endpoint, signingRegion, clock, timeout);
        }

        /// <remarks>The source session token travels in a header, where a proxy could quote it back: it is redacted from errors.</remarks>
        public Task<StsCredentials> AssumeRoleAsync(AwsCredentials sourceCredentials, IReadOnlyList<KeyValuePair<string, string>> parameters, string roleArn, string context, CancellationToken cancellationToken) =>
            CallAsync("AssumeRole", parameters, sourceCredentials, new[] { sourceCredentials.SessionToken }, roleArn, context, cancellationToken);

        public Task<StsCredentials> AssumeRoleWithWebIdentityAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, string webIdentityToken, string roleArn, string context, CancellationToken cancellationToken) =>
            CallAsync("AssumeRoleWithWebIdentity", parameters.Concat(new[] { new KeyValuePair<string, string>("WebIdentityToken", webIdentityToken) }).ToList(), null, new[] { webIdentityToken }, roleArn, context, cancellationToken);

        /// <summary>Whom STS says the credentials belong to: a cheap, side-effect-free check that they are accepted.</summary>
        /// <returns>The caller's ARN.</returns>
        public async Task<string> GetCallerIdentityAsync(AwsCredentials credentials, CancellationToken cancellationToken)
        {
            string where = $"STS GetCallerIdentity at {_endpoint.GetLeftPart(UriPartial.Authority)}";
            XElement root = await SendAsync("GetCallerIdentity", Array.Empty<KeyValuePair<string, string>>(), credentials, new[] { credentials.SessionToken }, where,
                "Check the access key and secret key (or the session token of temporary credentials), and that the key is active.", cancellationToken).ConfigureAwait(false);
            XElement? result = Child(root, "GetCallerIdentityResult");
            string? arn = Child(result, "Arn")?.Value;
            if (string.IsNullOrEmpty(arn))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} answered without the caller's Arn.", "STS");
            }

            return arn!;
        }

        private async Task<StsCredentials> CallAsync(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, AwsCredentials? signWith, string?[] secrets, string roleArn, string context, CancellationToken cancellationToken)
        {
            string where = $"STS {action} for role {roleArn} ({context}) at {_endpoint.GetLeftPart(UriPartial.Authority)}";
            XElement root = await SendAsync(action, parameters, signWith, secrets, where,
                "Check that the source credentials may assume the role and that its trust policy allows them.", cancellationToken).ConfigureAwait(false);
            XElement? credentials = Child(Child(root, action + "Result"), "Credentials");
            string? accessKeyId = Child(credentials, "AccessKeyId")?.Value;
            string? secretAccessKey = Child(credentials, "SecretAccessKey")?.Value;
            string? sessionToken = Child(credentials, "SessionToken")?.Value;
            string? expirationText = Child(credentials, "Expiration")?.Value;
            if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) || string.IsNullOrEmpty(sessionToken) || !CredentialJson.TryParseTime(expirationText, out DateTimeOffset expiration))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} answered without complete credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration).", "STS");
            }

            string? assumedArn = Child(Child(Child(root, action + "Result"), "AssumedRoleUser"), "Arn")?.Value;
            return new StsCredentials(CredentialJson.Create(accessKeyId!, secretAccessKey!, sessionToken, expiration, where), assumedArn);
        }

        /// <summary>One Query-protocol call: the answer's XML when STS says 200, else a refusal that names STS's code and the advice.</summary>
        private async Task<XElement> SendAsync(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, AwsCredentials? signWith, string?[] secrets, string where, string refusalAdvice, CancellationToken cancellationToken)
        {
            var form = new StringBuilder("Action=").Append(action).Append("&Version=").Append(ApiVersion);
            foreach (KeyValuePair<string, string> pair in parameters)
            {
                form.Append('&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }

            var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(form.ToString())),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            if (signWith != null)
            {
                await new SigV4Signer(_signingRegion, "sts").SignAsync(request, signWith, _clock(), cancellationToken).ConfigureAwait(false);
            }

            CredentialHttp.Reply reply;
            try
            {
                reply = await CredentialHttp.SendAsync(_httpClient, request, _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialHttp.TransportException ex)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} failed: {ex.Message} Check the network and the STS endpoint (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, region).", "STS", innerException: ex);
            }

            if (reply.Status != 200)
            {
                throw Refused(where, reply, secrets, refusalAdvice);
            }

            XElement root;
            try
            {
                root = Parse(reply.Body);
            }
            catch (XmlException)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} answered HTTP {reply.Status} with a body that is not STS XML.", "STS");
            }

            return root;
        }

        /// <summary>
        /// An STS error answer: its code, message and request id, each redacted of the secrets the request carried
        /// (a proxy may echo them) and cut to a loggable length.
        /// </summary>
        private static AwsCredentialException Refused(string where, CredentialHttp.Reply reply, string?[] secrets, string refusalAdvice)
        {
            DecodedServiceError error = ServiceErrorDecoder.Decode(reply.Status, null, reply.Headers.Headers, reply.Body);
            if (error.Code == null && error.Message == null)
            {
                // A proxy's page or a cut-off body: nothing of STS's to quote, and the body itself is not shown.
                return new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} answered HTTP {reply.Status} with a body that is not STS XML{RequestIdText(error, secrets)}.", "STS");
            }

            string code = ServiceText.ForDisplay(error.Code ?? "HTTP " + reply.Status.ToString(CultureInfo.InvariantCulture), secrets, ServiceText.MaxCodeLength);
            string message = error.Message == null ? string.Empty : ": " + ServiceText.ForDisplay(error.Message, secrets, MaxServiceMessageLength);
            return new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"{where} was refused: {code}{message}{RequestIdText(error, secrets)}. {refusalAdvice}", "STS");
        }

        private static string RequestIdText(DecodedServiceError error, string?[] secrets) =>
            error.RequestId == null ? string.Empty : " (request id " + ServiceText.ForDisplay(error.RequestId, secrets, ServiceText.MaxRequestIdLength) + ")";

        private static XElement Parse(byte[] body)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = CredentialHttp.MaxResponseBytes };
            using (var reader = XmlReader.Create(new MemoryStream(body), settings))
            {
                return XElement.Load(reader);
            }
        }

        private static XElement? Child(XElement? parent, string localName) =>
            parent?.Elements().FirstOrDefault(element => element.Name.LocalName == localName);

    }

    /// <summary>Temporary credentials from STS, with the assumed role's ARN when STS gave it.</summary>
    internal sealed class StsCredentials
    {
        public StsCredentials(AwsCredentials credentials, string? assumedRoleArn)
        {
            Credentials = credentials;
            AssumedRoleArn = assumedRoleArn;
        }

        public AwsCredentials Credentials { get; }

        public string? AssumedRoleArn { get; }

        public override string ToString() => Credentials + (AssumedRoleArn != null ? " as " + AssumedRoleArn : string.Empty);
    }
}
