using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace CodeCatalyst.Core.Errors
{
    /// <summary>How the body of an error response was understood.</summary>
    internal enum ServiceErrorBodyFormat
    {
        /// <summary>Empty, not JSON or XML, or JSON/XML that is not an error document (a proxy's page, a truncated body).</summary>
        Unrecognized,

        /// <summary>A JSON object: the rest-json and json protocols, and OAuth errors.</summary>
        Json,

        /// <summary>An XML error document: the Query protocol's ErrorResponse (STS), EC2's Response/Errors, or a bare Error.</summary>
        Xml,
    }

    /// <summary>
    /// What an error response says, as the server sent it: nothing here is redacted or shortened yet, so whoever shows
    /// it runs it through <see cref="ServiceText"/> with the secrets it sent. Missing parts are null, never empty.
    /// </summary>
    internal sealed class DecodedServiceError
    {
        public DecodedServiceError(int statusCode, string? reasonPhrase, string? code, string? message, string? oauthError,
            string? requestId, ServiceErrorBodyFormat bodyFormat)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Code = code;
            Message = message;
            OAuthError = oauthError;
            RequestId = requestId;
            BodyFormat = bodyFormat;
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        /// <summary>The bare error code, e.g. ResourceNotFoundException or AccessDenied (namespace and URL removed).</summary>
        public string? Code { get; }

        /// <summary>The service's own message (message, Message, errorMessage or OAuth error_description).</summary>
        public string? Message { get; }

        /// <summary>The OAuth "error" member (e.g. invalid_grant) when the body has one.</summary>
        public string? OAuthError { get; }

        /// <summary>From x-amzn-RequestId, x-amz-request-id, or the XML body's RequestId.</summary>
        public string? RequestId { get; }

        public ServiceErrorBodyFormat BodyFormat { get; }

        public bool IsBodyRecognized => BodyFormat != ServiceErrorBodyFormat.Unrecognized;

        /// <summary>Leaves the message out: it is server text that may echo a secret.</summary>
        public override string ToString() =>
            $"DecodedServiceError(HTTP {StatusCode}, code={Code ?? "none"}, requestId={RequestId ?? "none"}, body={BodyFormat})";
    }

    /// <summary>
    /// The one reader of AWS error responses for every client of the module (CodeCatalyst, Amplify, SSO OIDC, SSO
    /// portal, STS). It follows botocore's parsers: for a JSON body the code is the x-amzn-ErrorType header, else the
    /// body's "code"/"Code", else its "__type" (rest-json), with any "ns#" prefix and ":url" suffix removed; for an XML
    /// body it is Error/Code as sent (query). The body's kind is told from its first character, not from Content-Type,
    /// which proxies get wrong. It never throws on what a server sends.
    /// </summary>
    internal static class ServiceErrorDecoder
    {
        public const string ErrorTypeHeader = "x-amzn-ErrorType";

        /// <summary>The request id headers, in the order botocore reads them.</summary>
        private static readonly string[] RequestIdHeaders = { "x-amzn-RequestId", "x-amz-request-id" };

        /// <summary>Error documents are small; this bound only guards the XML reader against a hostile one.</summary>
        private const int MaxXmlCharacters = 1024 * 1024;

        public static DecodedServiceError Decode(HttpResponseMessage response, byte[]? body) =>
            Decode((int)response.StatusCode, response.ReasonPhrase, response.Headers, body);

        /// <param name="statusCode">The HTTP status of the answer.</param>
        /// <param name="reasonPhrase">Its reason phrase, carried along for messages about an unrecognized body.</param>
        /// <param name="headers">The response headers (not the content headers); null when there are none.</param>
        /// <param name="body">The body as read, already bounded by the caller; null or empty when there is none.</param>
        public static DecodedServiceError Decode(int statusCode, string? reasonPhrase, HttpHeaders? headers, byte[]? body)
        {
            string? headerCode = NormalizeCode(Header(headers, ErrorTypeHeader));
            string? headerRequestId = RequestIdFromHeaders(headers);
            BodyFields fields = ReadBody(body ?? new byte[0]);
            return new DecodedServiceError(
                statusCode,
                reasonPhrase,
                // botocore's query parser reads the code from the XML alone; the header is a fallback there.
                fields.Format == ServiceErrorBodyFormat.Xml ? fields.Code ?? headerCode : headerCode ?? fields.Code,
                fields.Message,
                fields.OAuthError,
                headerRequestId ?? fields.RequestId,
                fields.Format);
        }

        /// <summary>The request id a success or failure carries in its headers (x-amzn-RequestId, else x-amz-request-id).</summary>
        public static string? RequestIdFromHeaders(HttpHeaders? headers) =>
            RequestIdHeaders.Select(name => Header(headers, name)).FirstOrDefault(value => value != null);

        /// <summary>
        /// "aws.protocoltests#FooError:http://internal.amazon.com/coral/..." becomes "FooError", as botocore does it:
        /// everything from the first ':' is dropped, then everything up to the last '#'.
        /// </summary>
        public static string? NormalizeCode(string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            var value = raw!.Trim();
            var colon = value.IndexOf(':');
            if (colon >= 0) value = value.Substring(0, colon);
            var hash = value.LastIndexOf('#');
            if (hash >= 0) value = value.Substring(hash + 1);
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        private static string? Header(HttpHeaders? headers, string name)
        {
            if (headers == null || !headers.TryGetValues(name, out var values)) return null;
            var value = values.FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private readonly struct BodyFields
        {
            public BodyFields(ServiceErrorBodyFormat format, string? code, string? message, string? oauthError, string? requestId)
            {
                Format = format;
                Code = code;
                Message = message;
                OAuthError = oauthError;
                RequestId = requestId;
            }

            public ServiceErrorBodyFormat Format { get; }
            public string? Code { get; }
            public string? Message { get; }
            public string? OAuthError { get; }
            public string? RequestId { get; }
        }

        private static BodyFields ReadBody(byte[] body)
        {
            int start = StartOfContent(body);
            if (start >= body.Length) return default;
            try
            {
                switch (body[start])
                {
                    case (byte)'{': return ReadJson(new ReadOnlyMemory<byte>(body, start, body.Length - start));
                    case (byte)'<': return ReadXml(body, start);
                    default: return default; // plain text, a JSON array or number: no error document
                }
            }
            catch (Exception exception) when (exception is JsonException || exception is XmlException ||
                                              exception is InvalidOperationException || exception is ArgumentException)
            {
                // Truncated, malformed or mis-encoded: the status code and headers still say what happened.
                // (InvalidOperationException is how JsonElement reports a string that is not valid UTF-8;
                // DecoderFallbackException, an ArgumentException, is how the XML reader does.)
                return default;
            }
        }

        /// <summary>Skips a UTF-8 byte order mark and leading white space, which neither parser wants to see first.</summary>
        private static int StartOfContent(byte[] body)
        {
            int index = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            while (index < body.Length && (body[index] == (byte)' ' || body[index] == (byte)'\t' || body[index] == (byte)'\r' || body[index] == (byte)'\n'))
            {
                index++;
            }

            return index;
        }

        private static BodyFields ReadJson(ReadOnlyMemory<byte> json)
        {
            using (JsonDocument document = JsonDocument.Parse(json))
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return default;

                // rest-json: "code"/"Code" win over "__type", as in botocore's RestJSONParser.
                string? code = NormalizeCode(JsonString(root, "code") ?? JsonString(root, "Code") ?? JsonString(root, "__type"));
                string? message = JsonString(root, "message") ?? JsonString(root, "Message") ?? JsonString(root, "errorMessage")
                                  ?? JsonString(root, "error_description");
                return new BodyFields(ServiceErrorBodyFormat.Json, code, message, JsonString(root, "error"), null);
            }
        }

        /// <summary>A member that is a non-blank string; any other kind of value counts as absent.</summary>
        private static string? JsonString(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? NullIfBlank(value.GetString())
                : null;

        private static BodyFields ReadXml(byte[] body, int start)
        {
            var settings = new XmlReaderSettings
            {
                // An error document has no DTD; refusing one also refuses entity expansion and outside references.
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxXmlCharacters,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            XElement root;
            using (var stream = new MemoryStream(body, start, body.Length - start, writable: false))
            using (var reader = XmlReader.Create(stream, settings))
            {
                root = XElement.Load(reader);
            }

            // <ErrorResponse><Error/><RequestId/></ErrorResponse> (query), <Response><Errors><Error/></Errors><RequestID/></Response>
            // (EC2), <Error><Code/><RequestId/></Error> (rest-xml). Anything else, an HTML page say, is no error document.
            XElement? error;
            switch (root.Name.LocalName)
            {
                case "Error": error = root; break;
                case "ErrorResponse":
                case "Response": error = Child(root, "Error") ?? Child(Child(root, "Errors"), "Error"); break;
                default: error = null; break;
            }

            if (error == null) return default;
            string? requestId = XmlText(Child(root, "RequestId") ?? Child(root, "RequestID") ?? Child(error, "RequestId"));
            return new BodyFields(ServiceErrorBodyFormat.Xml, XmlText(Child(error, "Code")), XmlText(Child(error, "Message")), null, requestId);
        }

        /// <summary>Matched on the local name alone: STS puts its documents in a namespace, proxies and older services do not.</summary>
        private static XElement? Child(XElement? parent, string localName) =>
            parent?.Elements().FirstOrDefault(element => element.Name.LocalName == localName);

        private static string? XmlText(XElement? element) => NullIfBlank(element?.Value.Trim());

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
