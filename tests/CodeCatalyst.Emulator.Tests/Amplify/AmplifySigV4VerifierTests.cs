using System.Text;
using CodeCatalyst.Emulator.Amplify.Auth;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.Tests.Amplify;

/// <summary>
/// The emulator's signature check against signatures botocore computed (python3, botocore 1.43, SigV4Auth with the
/// AWS test suite's credentials at 2015-08-30T12:36:00Z), so the check is held to an implementation it shares no
/// code with. The first vector is also the AWS SigV4 test suite's get-vanilla.
/// </summary>
public sealed class AmplifySigV4VerifierTests
{
    private const string KeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly AwsTestCredential[] Credentials = [new(KeyId, Secret)];

    [Theory]
    [InlineData("GET", "/", "", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("GET", "/apps/d2abc/branches/feature%2Flogin/jobs", "maxResults=5&nextToken=a%2Bb%3D", "", "b57e07089b4a4a3935c9f1a930d337e34d38db026f4cd091b940eb0d32e7c8e6")]
    [InlineData("POST", "/apps/d2abc/branches/main/jobs", "", """{"jobType":"RELEASE"}""", "2d329b4074f13bc87fe2bae925d30cacf4cd6d76c0e1cbc07c80b4bab7ff0e31")]
    public void Botocore_signatures_are_accepted(string method, string path, string query, string body, string botocoreSignature)
    {
        var request = Request(method, path, query, body, botocoreSignature);

        var credential = SigV4Verifier.Verify(request, Credentials, "service", SigningTime.AddMinutes(4));

        Assert.Equal(KeyId, credential.AccessKeyId);
    }

    [Fact]
    public void Query_parameters_are_signed_sorted_whatever_order_they_arrive_in()
    {
        var request = Request("GET", "/apps/d2abc/branches/feature%2Flogin/jobs", "nextToken=a%2Bb%3D&maxResults=5", string.Empty,
            "b57e07089b4a4a3935c9f1a930d337e34d38db026f4cd091b940eb0d32e7c8e6");

        SigV4Verifier.Verify(request, Credentials, "service", SigningTime);
    }

    [Fact]
    public void An_encoded_slash_is_signed_double_encoded()
    {
        Assert.Equal("/apps/d2abc/branches/feature%252Flogin", SigV4Verifier.CanonicalUri("/apps/d2abc/branches/feature%2Flogin"));
        Assert.Equal("/a/c/", SigV4Verifier.CanonicalUri("/a/./b/../c//"));
    }

    [Fact]
    public void A_changed_body_breaks_the_signature()
    {
        var request = Request("POST", "/apps/d2abc/branches/main/jobs", "", """{"jobType":"RETRY"}""",
            "2d329b4074f13bc87fe2bae925d30cacf4cd6d76c0e1cbc07c80b4bab7ff0e31");

        var error = Assert.Throws<ApiException>(() => SigV4Verifier.Verify(request, Credentials, "service", SigningTime));

        Assert.Equal((403, "InvalidSignatureException"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public void A_signature_for_another_service_is_refused()
    {
        var request = Request("GET", "/", "", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        var error = Assert.Throws<ApiException>(() => SigV4Verifier.Verify(request, Credentials, "amplify", SigningTime));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Contains("'amplify'", error.Message);
    }

    [Theory]
    [InlineData(6, "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)")]
    [InlineData(-6, "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)")]
    public void A_request_more_than_five_minutes_off_the_clock_is_refused(int minutesLater, string message)
    {
        var request = Request("GET", "/", "", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        var error = Assert.Throws<ApiException>(() => SigV4Verifier.Verify(request, Credentials, "service", SigningTime.AddMinutes(minutesLater)));

        Assert.Equal((403, "InvalidSignatureException", message), (error.StatusCode, error.ErrorType, error.Message));
    }

    [Fact]
    public void The_secret_never_appears_in_the_credentials_text()
    {
        var text = new AwsTestCredential(KeyId, Secret, "token-value").ToString();

        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("token-value", text);
    }

    private static SigV4Request Request(string method, string path, string query, string body, string signature)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={KeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}",
        };
        return new SigV4Request(method, path, query, name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body));
    }
}
