using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using CodeCatalyst.Core.Errors;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>
    /// The one decoder of error answers, against what AWS services, OAuth and proxies really send, and against what
    /// no service should send: it reads what is there and never throws.
    /// </summary>
    public class ServiceErrorDecoderTests
    {
        private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

        private static DecodedServiceError Decode(int status, byte[] body, params (string Name, string Value)[] headers)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)status) { ReasonPhrase = "Reason" };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return ServiceErrorDecoder.Decode(response, body);
        }

        private static DecodedServiceError Decode(int status, string body, params (string Name, string Value)[] headers) =>
            Decode(status, Encoding.UTF8.GetBytes(body), headers);

        [Theory]
        // rest-json: the header names the type; the body may carry only the message.
        [InlineData("header only", "ValidationException", "", "ValidationException", null, "Unrecognized")]
        [InlineData("header and message", "ValidationException", "{\"message\":\"name is too long\"}", "ValidationException", "name is too long", "Json")]
        // The header wins over the body, as in botocore's rest-json parser.
        [InlineData("header over body", "ConflictException", "{\"__type\":\"ValidationException\",\"message\":\"m\"}", "ConflictException", "m", "Json")]
        [InlineData("header with url", "InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/", "{}", "InvalidGrantException", null, "Json")]
        [InlineData("header with namespace and url", "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/", "", "FooError", null, "Unrecognized")]
        // json / rest-json bodies without the header.
        [InlineData("__type with namespace", null, "{\"__type\":\"com.amazonaws.codecatalyst#ResourceNotFoundException\",\"message\":\"no such run\"}", "ResourceNotFoundException", "no such run", "Json")]
        [InlineData("__type with url", null, "{\"__type\":\"ThrottlingException:http://internal.amazon.com/coral/\"}", "ThrottlingException", null, "Json")]
        [InlineData("code member", null, "{\"code\":\"BadRequestException\",\"message\":\"bad branch\"}", "BadRequestException", "bad branch", "Json")]
        [InlineData("Code member", null, "{\"Code\":\"NotFoundException\",\"Message\":\"no app\"}", "NotFoundException", "no app", "Json")]
        [InlineData("code over __type", null, "{\"__type\":\"a#Other\",\"code\":\"LimitExceededException\"}", "LimitExceededException", null, "Json")]
        [InlineData("message over Message", null, "{\"message\":\"lower\",\"Message\":\"upper\"}", null, "lower", "Json")]
        [InlineData("Message only", null, "{\"Message\":\"upper\"}", null, "upper", "Json")]
        [InlineData("errorMessage", null, "{\"errorType\":\"x\",\"errorMessage\":\"lambda says no\"}", null, "lambda says no", "Json")]
        [InlineData("blank message falls through", null, "{\"message\":\"  \",\"Message\":\"real\"}", null, "real", "Json")]
        [InlineData("members of another kind", null, "{\"__type\":{\"name\":\"x\"},\"message\":42,\"code\":null}", null, null, "Json")]
        [InlineData("byte order mark and white space", null, "\uFEFF \r\n {\"message\":\"after a BOM\"}", null, "after a BOM", "Json")]
        // OAuth errors (SSO OIDC): error plus error_description.
        [InlineData("oauth", "InvalidGrantException", "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token provided\"}", "InvalidGrantException", "Invalid refresh token provided", "Json")]
        // Query XML (STS), with and without its namespace, EC2's shape, and rest-xml's bare Error.
        [InlineData("sts xml", null, "<ErrorResponse xmlns=\"" + StsNamespace + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRole</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>", "AccessDenied", "Not authorized to perform sts:AssumeRole", "Xml")]
        [InlineData("xml without namespace", null, "<?xml version=\"1.0\"?>\n<ErrorResponse><Error><Code>InvalidAction</Code><Message>unknown action</Message></Error></ErrorResponse>", "InvalidAction", "unknown action", "Xml")]
        [InlineData("ec2 xml", null, "<Response><Errors><Error><Code>AuthFailure</Code><Message>denied</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>", "AuthFailure", "denied", "Xml")]
        [InlineData("bare error xml", null, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>s3-req</RequestId></Error>", "AccessDenied", "Access Denied", "Xml")]
        [InlineData("xml code over header", "GatewayError", "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", "Throttling", null, "Xml")]
        // Not an error document: the status and headers are all there is.
        [InlineData("html page", "ProxyDenied", "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>", "ProxyDenied", null, "Unrecognized")]
        [InlineData("html with doctype", null, "<!DOCTYPE html>\n<html><body>Bad gateway</body></html>", null, null, "Unrecognized")]
        [InlineData("unclosed html", null, "<html><body><p>Service Unavailable", null, null, "Unrecognized")]
        [InlineData("xml success document", null, "<AssumeRoleResponse xmlns=\"" + StsNamespace + "\"><AssumeRoleResult/></AssumeRoleResponse>", null, null, "Unrecognized")]
        [InlineData("empty", null, "", null, null, "Unrecognized")]
        [InlineData("white space", null, " \r\n\t ", null, null, "Unrecognized")]
        [InlineData("plain text", null, "upstream connect error or disconnect/reset before headers", null, null, "Unrecognized")]
        [InlineData("truncated json", "ThrottlingException", "{\"__type\":\"Validat", "ThrottlingException", null, "Unrecognized")]
        [InlineData("truncated json without header", null, "{\"message\":\"cut off here", null, null, "Unrecognized")]
        [InlineData("truncated xml", null, "<ErrorResponse><Error><Code>AccessDenied</Code><Mess", null, null, "Unrecognized")]
        [InlineData("json array", null, "[{\"message\":\"in an array\"}]", null, null, "Unrecognized")]
        [InlineData("json number", null, "404", null, null, "Unrecognized")]
        [InlineData("json string", null, "\"Forbidden\"", null, null, "Unrecognized")]
        [InlineData("json null", null, "null", null, null, "Unrecognized")]
        public void Decodes_code_message_and_kind_of_body(string name, string? errorTypeHeader, string body, string? code, string? message, string format)
        {
            var headers = errorTypeHeader == null ? Array.Empty<(string, string)>() : new[] { ("x-amzn-ErrorType", errorTypeHeader) };

            DecodedServiceError error = Decode(400, body, headers);

            Assert.True(code == error.Code, $"{name}: code {error.Code ?? "null"}, expected {code ?? "null"}");
            Assert.True(message == error.Message, $"{name}: message {error.Message ?? "null"}, expected {message ?? "null"}");
            Assert.Equal(Enum.Parse<ServiceErrorBodyFormat>(format), error.BodyFormat);
            Assert.Equal(format != "Unrecognized", error.IsBodyRecognized);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("Reason", error.ReasonPhrase);
        }

        [Fact]
        public void OAuth_error_is_kept_apart_from_the_code()
        {
            DecodedServiceError error = Decode(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}", ("x-amzn-ErrorType", "InvalidGrantException"));

            Assert.Equal("InvalidGrantException", error.Code);
            Assert.Equal("invalid_grant", error.OAuthError);
            Assert.Equal("expired", error.Message);
        }

        [Theory]
        [InlineData("<ErrorResponse xmlns=\"" + StsNamespace + "\"><Error><Code>AccessDenied</Code></Error><RequestId>sts-req-1</RequestId></ErrorResponse>", "sts-req-1")]
        [InlineData("<Response><Errors><Error><Code>AuthFailure</Code></Error></Errors><RequestID>ec2-req-1</RequestID></Response>", "ec2-req-1")]
        [InlineData("<Error><Code>AccessDenied</Code><RequestId>s3-req-1</RequestId></Error>", "s3-req-1")]
        [InlineData("<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>", null)]
        [InlineData("{\"message\":\"no request id in json bodies\",\"requestId\":\"ignored\"}", null)]
        public void Request_id_comes_from_the_xml_body_when_no_header_carries_one(string body, string? requestId)
        {
            Assert.Equal(requestId, Decode(403, body).RequestId);
        }

        [Fact]
        public void Request_id_headers_win_over_the_body_and_x_amzn_RequestId_over_x_amz_request_id()
        {
            const string Body = "<ErrorResponse><Error><Code>AccessDenied</Code></Error><RequestId>from-body</RequestId></ErrorResponse>";

            Assert.Equal("amzn-id", Decode(403, Body, ("x-amz-request-id", "amz-id"), ("x-amzn-RequestId", "amzn-id")).RequestId);
            Assert.Equal("amz-id", Decode(403, Body, ("x-amz-request-id", "amz-id")).RequestId);
            Assert.Equal("header-id", Decode(500, "", ("x-amzn-RequestId", "header-id")).RequestId);
        }

        [Theory]
        [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x7B, 0x80 })]
        [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'e', (byte)'s', (byte)'s', (byte)'a', (byte)'g', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}' })]
        [InlineData(new byte[] { (byte)'<', (byte)'E', (byte)'r', (byte)'r', (byte)'o', (byte)'r', (byte)'>', 0xFF, 0xFE, (byte)'<', (byte)'/', (byte)'E', (byte)'r', (byte)'r', (byte)'o', (byte)'r', (byte)'>' })]
        public void Bytes_that_are_not_UTF_8_are_an_unrecognized_body_not_an_exception(byte[] body)
        {
            DecodedServiceError error = Decode(502, body, ("x-amzn-ErrorType", "BadGateway"));

            Assert.Equal("BadGateway", error.Code);
            Assert.Null(error.Message);
            Assert.False(error.IsBodyRecognized);
        }

        [Fact]
        public void An_xml_body_with_a_DTD_is_refused_unread_so_no_entity_is_ever_expanded()
        {
            string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                            + "<ErrorResponse><Error><Code>&lol2;</Code></Error></ErrorResponse>";

            DecodedServiceError error = Decode(400, laughs);

            Assert.Null(error.Code);
            Assert.False(error.IsBodyRecognized);
        }

        [Fact]
        public void A_huge_message_is_returned_whole_for_the_caller_to_cap()
        {
            string huge = new string('x', 200_000);

            DecodedServiceError error = Decode(400, "{\"message\":\"" + huge + "\"}");

            Assert.Equal(huge, error.Message);
            string shown = ServiceText.ForDisplay(error.Message!, Array.Empty<string>(), 300);
            Assert.Equal(new string('x', 300) + "… (199700 more characters)", shown);
        }

        [Fact]
        public void Deep_nesting_is_an_unrecognized_body_not_a_stack_overflow()
        {
            string deep = "{\"message\":\"m\",\"a\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}";

            Assert.False(Decode(400, deep).IsBodyRecognized);
        }

        [Fact]
        public void ToString_names_the_code_and_request_id_but_never_the_message()
        {
            DecodedServiceError error = Decode(400, "{\"message\":\"echoed SECRET-TOKEN\"}", ("x-amzn-ErrorType", "ValidationException"), ("x-amzn-RequestId", "req-1"));

            string text = error.ToString();

            Assert.Contains("ValidationException", text);
            Assert.Contains("req-1", text);
            Assert.DoesNotContain("SECRET-TOKEN", text);
        }

        [Theory]
        [InlineData("  ValidationException  ", "ValidationException")]
        [InlineData("com.amazonaws.codecatalyst#ConflictException", "ConflictException")]
        [InlineData("a#b#ThrottlingException", "ThrottlingException")]
        [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/", "ResourceNotFoundException")]
        [InlineData("ns#AccessDeniedException:http://x#y", "AccessDeniedException")]
        [InlineData("", null)]
        [InlineData("   ", null)]
        [InlineData("ns#", null)]
        [InlineData(":http://only-a-url", null)]
        [InlineData(null, null)]
        public void Codes_lose_their_namespace_and_url_as_in_botocore(string? raw, string? expected)
        {
            Assert.Equal(expected, ServiceErrorDecoder.NormalizeCode(raw));
        }

        [Fact]
        public void Redaction_blanks_each_secret_as_sent_and_URL_encoded()
        {
            const string Token = "abc+def/ghi==";
            string text = $"raw {Token}, encoded {Uri.EscapeDataString(Token)}, other SESSION";

            string redacted = ServiceText.Redact(text, new[] { Token, null, string.Empty, "SESSION" });

            Assert.Equal("raw <redacted>, encoded <redacted>, other <redacted>", redacted);
        }

        [Fact]
        public void Display_redacts_before_it_cuts_so_no_half_secret_is_left_at_the_edge()
        {
            const string Secret = "SECRET-REFRESH-TOKEN";
            string text = new string('a', 95) + Secret + new string('b', 50);

            string shown = ServiceText.ForDisplay(text, new[] { Secret }, 100);

            Assert.Equal(new string('a', 95) + "<reda… (55 more characters)", shown);
        }

        [Fact]
        public void A_cut_never_splits_a_surrogate_pair()
        {
            string text = new string('a', 9) + "\U0001F600" + "tail";

            string shown = ServiceText.Cap(text, 10);

            Assert.Equal(new string('a', 9) + "… (6 more characters)", shown);
        }

        [Fact]
        public void Short_text_is_shown_whole()
        {
            Assert.Equal("fine", ServiceText.Cap("fine", 4));
        }
    }
}
