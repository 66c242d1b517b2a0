using System.Xml.Linq;
using CodeCatalyst.Emulator.Tests.Amplify;

namespace CodeCatalyst.Emulator.Tests.Identity;

/// <summary>
/// Speaks STS's Query protocol to the emulator through the signing client of the Amplify tests: a form POST to /,
/// signed for service "sts" unless the test says otherwise, and the XML answer read back.
/// </summary>
internal static class StsTestClient
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public const string DeployRoleArn = "arn:aws:iam::111122223333:role/emulator-deployer";

    public static async Task<AmplifyTestClient> StartAsync(ManualClock? clock = null, EmulatorOptions? options = null)
    {
        var client = await AmplifyTestClient.StartAsync(clock, options);
        client.Signer.Service = "sts";
        return client;
    }

    public static Task<HttpResponseMessage> CallAsync(this AmplifyTestClient client, string action, params (string Name, string Value)[] members)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2011-06-15") };
        form.AddRange(members.Select(member => new KeyValuePair<string, string>(member.Name, member.Value)));
        return client.Client.PostAsync("/", new FormUrlEncodedContent(form));
    }

    /// <summary>Asserts a 200 and returns the operation's Result element.</summary>
    public static async Task<XElement> ReadResultAsync(HttpResponseMessage response, string action)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"Expected 200 but got {(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XElement.Parse(text);
        Assert.Equal(Ns + action + "Response", root.Name);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), root.Element(Ns + "ResponseMetadata")?.Element(Ns + "RequestId")?.Value);
        return root.Element(Ns + action + "Result") ?? throw new Xunit.Sdk.XunitException($"No {action}Result in {text}");
    }

    /// <summary>Asserts an STS error document with this status and code (Type Sender, a message, the request id); returns the message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {text}");
        var root = XElement.Parse(text);
        Assert.Equal(Ns + "ErrorResponse", root.Name);
        var error = root.Element(Ns + "Error")!;
        Assert.Equal(code, error.Element(Ns + "Code")?.Value);
        Assert.Equal("Sender", error.Element(Ns + "Type")?.Value);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), root.Element(Ns + "RequestId")?.Value);
        var message = error.Element(Ns + "Message")?.Value;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    public static string Value(this XElement element, params string[] path) =>
        path.Aggregate(element, (current, name) => current.Element(Ns + name) ?? throw new Xunit.Sdk.XunitException($"No {name} in {current}")).Value;

    /// <summary>Signs the next requests with the credentials in an STS Credentials element.</summary>
    public static void SignWith(this AmplifyTestClient client, XElement result)
    {
        client.Signer.AccessKeyId = result.Value("Credentials", "AccessKeyId");
        client.Signer.SecretAccessKey = result.Value("Credentials", "SecretAccessKey");
        client.Signer.SessionToken = result.Value("Credentials", "SessionToken");
    }

    /// <summary>An unsigned JWT-shaped token with these claims (the emulator checks its shape and claims, not a signature).</summary>
    public static string Jwt(string claimsJson) =>
        $"{Base64Url("""{"alg":"RS256","typ":"JWT"}""")}.{Base64Url(claimsJson)}.c2lnbmF0dXJl";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
