using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Core.Auth.Signing
{
    /// <summary>
    /// AWS Signature Version 4 in the Authorization header, computed the way botocore's SigV4Auth computes it for a
    /// non-S3 service (rest-json, payload signed): the same canonical request, string to sign and header, byte for byte.
    /// The signer is stateless; the caller passes the time of each attempt, so a retry is signed anew.
    /// </summary>
    internal sealed class SigV4Signer
    {
        public const string Algorithm = "AWS4-HMAC-SHA256";
        public const string DateHeader = "X-Amz-Date";
        public const string SecurityTokenHeader = "X-Amz-Security-Token";
        public const string ContentSha256Header = "X-Amz-Content-SHA256";
        public const string AuthorizationHeader = "Authorization";

        /// <summary>SHA-256 of the empty string: the payload hash of a request without a body.</summary>
        public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        /// <summary>
        /// Headers never signed. botocore's SIGNED_HEADERS_BLACKLIST (hop-by-hop headers, user-agent, x-amzn-trace-id:
        /// things a proxy or the HTTP stack may change), plus two that botocore never has at signing time:
        /// authorization (it removes the old one first) and content-length (added later by its HTTP layer; .NET
        /// computes it lazily, so whether it is listed would depend on whether someone had read it).
        /// </summary>
        private static readonly HashSet<string> UnsignedHeaders = new HashSet<string>(StringComparer.Ordinal)
        {
            "authorization",
            "connection",
            "content-length",
            "expect",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "user-agent",
            "x-amzn-trace-id",
        };

        public SigV4Signer(string region, string service)
        {
            RequireScopePart(region, nameof(region));
            RequireScopePart(service, nameof(service));
            Region = region;
            Service = service;
        }

        public string Region { get; }

        public string Service { get; }

        /// <summary>
        /// Signs <paramref name="request"/> in place for <paramref name="time"/>: replaces X-Amz-Date, X-Amz-Security-Token
        /// (set only when the credentials carry a token) and Authorization. A body is buffered before it is hashed, so
        /// the request can still be sent afterwards.
        /// </summary>
        public async Task SignAsync(HttpRequestMessage request, AwsCredentials credentials, DateTimeOffset time, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (credentials == null) throw new ArgumentNullException(nameof(credentials));
            if (request.RequestUri == null || !request.RequestUri.IsAbsoluteUri)
            {
                throw new ArgumentException("A request to sign needs an absolute URI.", nameof(request));
            }

            cancellationToken.ThrowIfCancellationRequested();
            string timestamp = FormatTimestamp(time);

            // Everything from an earlier attempt goes first, as botocore does: a retry must not carry a stale signature or token.
            request.Headers.Remove(AuthorizationHeader);
            request.Headers.Remove(DateHeader);
            request.Headers.Remove(SecurityTokenHeader);
            request.Headers.TryAddWithoutValidation(DateHeader, timestamp);
            if (credentials.SessionToken != null)
            {
                request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.SessionToken);
            }

            string payloadHash = await PayloadHashAsync(request, cancellationToken).ConfigureAwait(false);
            SortedDictionary<string, string> headers = HeadersToSign(request);
            string signedHeaders = string.Join(";", headers.Keys);
            string canonicalRequest = CanonicalRequest(request.Method.Method, request.RequestUri, headers, signedHeaders, payloadHash);
            string scope = CredentialScope(timestamp);
            string stringToSign = StringToSign(timestamp, scope, canonicalRequest);
            string signature = Signature(credentials.SecretAccessKey, timestamp, stringToSign);

            request.Headers.TryAddWithoutValidation(AuthorizationHeader,
                Algorithm + " Credential=" + credentials.AccessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        }

        /// <summary>
        /// The canonical request (for tests and diagnostics). It holds the session token in the canonical headers,
        /// so it must never be logged or shown as is.
        /// </summary>
        internal async Task<string> CanonicalRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string payloadHash = await PayloadHashAsync(request, cancellationToken).ConfigureAwait(false);
            SortedDictionary<string, string> headers = HeadersToSign(request);
            return CanonicalRequest(request.Method.Method, request.RequestUri!, headers, string.Join(";", headers.Keys), payloadHash);
        }

        internal static string FormatTimestamp(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        private string CredentialScope(string timestamp) => timestamp.Substring(0, 8) + "/" + Region + "/" + Service + "/aws4_request";

        private static string CanonicalRequest(string method, Uri uri, SortedDictionary<string, string> headers, string signedHeaders, string payloadHash)
        {
            var builder = new StringBuilder();
            builder.Append(method.ToUpperInvariant()).Append('\n');
            builder.Append(CanonicalPath(uri.AbsolutePath)).Append('\n');
            builder.Append(CanonicalQuery(uri.Query)).Append('\n');
            foreach (KeyValuePair<string, string> header in headers)
            {
                builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }

            builder.Append('\n');
            builder.Append(signedHeaders).Append('\n');
            builder.Append(payloadHash);
            return builder.ToString();
        }

        private string StringToSign(string timestamp, string scope, string canonicalRequest) =>
            Algorithm + "\n" + timestamp + "\n" + scope + "\n" + Hex(Sha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        private string Signature(string secretAccessKey, string timestamp, string stringToSign)
        {
            byte[] key = HmacSha256(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), timestamp.Substring(0, 8));
            key = HmacSha256(key, Region);
            key = HmacSha256(key, Service);
            key = HmacSha256(key, "aws4_request");
            return Hex(HmacSha256(key, stringToSign));
        }

        /// <summary>
        /// The path as sent (already percent-encoded), with dot segments and empty segments removed, then encoded
        /// again with only unreserved characters and '/' left alone: for every service but S3, SigV4 encodes the path
        /// twice, so a label sent as feature%2Fx%20y is signed as feature%252Fx%2520y (botocore's _normalize_url_path).
        /// </summary>
        internal static string CanonicalPath(string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return "/";
            }

            var segments = new List<string>();
            foreach (string segment in path.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                    continue;
                }

                segments.Add(segment);
            }

            string normalized = (path[0] == '/' ? "/" : string.Empty) + string.Join("/", segments) + (path[path.Length - 1] == '/' && segments.Count > 0 ? "/" : string.Empty);
            return Encode(normalized, keepSlash: true);
        }

        /// <summary>
        /// The query as sent, split into key=value pairs (a pair without '=' has an empty value; repeated keys stay),
        /// each side percent-decoded and encoded again with only '-_.~' and alphanumerics unreserved, then sorted by
        /// key and then value in ordinal order. For a query encoded the way botocore encodes one (percent_encode_sequence)
        /// this is exactly botocore's canonical query; a looser encoding ('!' or lower-case hex) is canonicalised the way
        /// the service does it. '+' is a literal plus, never a space: send a space as %20.
        /// </summary>
        internal static string CanonicalQuery(string query)
        {
            if (string.IsNullOrEmpty(query) || query == "?")
            {
                return string.Empty;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (string part in query.Substring(query[0] == '?' ? 1 : 0).Split('&'))
            {
                int equals = part.IndexOf('=');
                string key = equals < 0 ? part : part.Substring(0, equals);
                string value = equals < 0 ? string.Empty : part.Substring(equals + 1);
                pairs.Add(new KeyValuePair<string, string>(Encode(Uri.UnescapeDataString(key), keepSlash: false), Encode(Uri.UnescapeDataString(value), keepSlash: false)));
            }

            pairs.Sort((a, b) =>
            {
                int byKey = string.CompareOrdinal(a.Key, b.Key);
                return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
            });
            return string.Join("&", pairs.Select(pair => pair.Key + "=" + pair.Value));
        }

        /// <summary>
        /// Lower-cased names of every header on the request and its content except <see cref="UnsignedHeaders"/>,
        /// with host always present; values are joined the way .NET sends them (", ") and trimmed, inner runs of
        /// whitespace collapsed to one space (botocore's _header_value).
        /// </summary>
        private static SortedDictionary<string, string> HeadersToSign(HttpRequestMessage request)
        {
            var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = request.Headers;
            if (request.Content != null)
            {
                all = all.Concat(request.Content.Headers);
            }

            foreach (KeyValuePair<string, IEnumerable<string>> header in all)
            {
                string name = header.Key.ToLowerInvariant();
                if (UnsignedHeaders.Contains(name))
                {
                    continue;
                }

                string value = TrimAll(string.Join(", ", header.Value));
                headers[name] = headers.TryGetValue(name, out string? earlier) ? earlier + "," + value : value;
            }

            if (!headers.ContainsKey("host"))
            {
                headers["host"] = HostHeader(request.RequestUri!);
            }

            return headers;
        }

        /// <summary>The Host header HttpClient sends: the host (punycode, lower case) and the port unless it is the scheme's default.</summary>
        internal static string HostHeader(Uri uri)
        {
            string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
            host = host.ToLowerInvariant();
            return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        }

        private static string TrimAll(string value)
        {
            // Python's str.split() with no argument: runs of whitespace separate, leading and trailing runs vanish.
            var builder = new StringBuilder(value.Length);
            bool pendingSpace = false;
            foreach (char character in value)
            {
                if (char.IsWhiteSpace(character))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(character);
            }

            return builder.ToString();
        }

        private static async Task<string> PayloadHashAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A caller that states the payload hash (e.g. UNSIGNED-PAYLOAD) is taken at its word, as botocore does.
            if (request.Headers.TryGetValues(ContentSha256Header, out IEnumerable<string>? stated))
            {
                return string.Join(", ", stated);
            }

            if (request.Content == null)
            {
                return EmptyPayloadHash;
            }

            // Buffering first keeps the body sendable: a stream-backed content is read once into memory and every
            // later read (ours, the send, a logger's) is served from that buffer.
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            byte[] body = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return body.Length == 0 ? EmptyPayloadHash : Hex(Sha256(body));
        }

        /// <summary>Percent-encodes UTF-8 bytes, leaving A-Z a-z 0-9 - _ . ~ (and '/' when asked) as they are; hex is upper case.</summary>
        internal static string Encode(string value, bool keepSlash)
        {
            const string HexDigits = "0123456789ABCDEF";
            var builder = new StringBuilder(value.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                char c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/'))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }

            return builder.ToString();
        }

        private static byte[] Sha256(byte[] data)
        {
            using (SHA256 sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        private static byte[] HmacSha256(byte[] key, string data)
        {
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
            }
        }

        private static string Hex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        private static void RequireScopePart(string value, string parameterName)
        {
            // Region and service go into the credential scope, which '/' separates, and into the Authorization header.
            if (string.IsNullOrEmpty(value) || value.Any(c => c == '/' || c < 0x21 || c > 0x7E))
            {
                throw new ArgumentException("A SigV4 " + parameterName + " must be a non-empty name of visible ASCII characters without '/'.", parameterName);
            }
        }
    }
}
