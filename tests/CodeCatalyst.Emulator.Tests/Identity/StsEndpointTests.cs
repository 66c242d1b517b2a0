namespace CodeCatalyst.Emulator.Tests.Identity;

/// <summary>STS on the emulator over real HTTP: results shaped as the sts 2011-06-15 model says, and its errors.</summary>
public sealed class StsEndpointTests
{
    [Fact]
    public async Task AssumeRole_signed_by_a_configured_key_returns_credentials_for_the_role_session()
    {
        var clock = new ManualClock();
        await using var sts = await StsTestClient.StartAsync(clock);

        using var response = await sts.CallAsync("AssumeRole",
            ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "nightly+build"), ("ExternalId", "tenant-42"));

        var result = await StsTestClient.ReadResultAsync(response, "AssumeRole");
        Assert.Matches("^ASIA[A-Z2-7]{9}EXAMPLE$", result.Value("Credentials", "AccessKeyId"));
        Assert.Equal(40, result.Value("Credentials", "SecretAccessKey").Length);
        Assert.True(result.Value("Credentials", "SessionToken").Length > 100);
        // DurationSeconds defaults to an hour, on the emulator's clock.
        Assert.Equal("2026-11-23T11:00:00Z", result.Value("Credentials", "Expiration"));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/emulator-deployer/nightly+build", result.Value("AssumedRoleUser", "Arn"));
        Assert.Matches("^AROA[A-Z2-7]{17}:nightly\\+build$", result.Value("AssumedRoleUser", "AssumedRoleId"));
        Assert.Contains(sts.Emulator.Server.Requests, request => request.Operation == "AssumeRole" && request.StatusCode == 200);
    }

    [Fact]
    public async Task Each_AssumeRole_issues_new_credentials_for_the_same_role_id()
    {
        await using var sts = await StsTestClient.StartAsync();

        using var first = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "one"));
        using var second = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "one"));

        var a = await StsTestClient.ReadResultAsync(first, "AssumeRole");
        var b = await StsTestClient.ReadResultAsync(second, "AssumeRole");
        Assert.NotEqual(a.Value("Credentials", "AccessKeyId"), b.Value("Credentials", "AccessKeyId"));
        Assert.NotEqual(a.Value("Credentials", "SessionToken"), b.Value("Credentials", "SessionToken"));
        Assert.Equal(a.Value("AssumedRoleUser", "AssumedRoleId"), b.Value("AssumedRoleUser", "AssumedRoleId"));
    }

    [Theory]
    [InlineData("900", "2026-11-23T10:15:00Z")]
    [InlineData("43200", "2026-11-23T22:00:00Z")]
    public async Task DurationSeconds_sets_the_expiration(string duration, string expected)
    {
        await using var sts = await StsTestClient.StartAsync(new ManualClock());

        using var response = await sts.CallAsync("AssumeRole",
            ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "timed"), ("DurationSeconds", duration));

        Assert.Equal(expected, (await StsTestClient.ReadResultAsync(response, "AssumeRole")).Value("Credentials", "Expiration"));
    }

    [Theory]
    [InlineData("RoleSessionName", "has space", "roleSessionName")]
    [InlineData("RoleSessionName", "x", "roleSessionName")]
    [InlineData("DurationSeconds", "899", "durationSeconds")]
    [InlineData("DurationSeconds", "43201", "durationSeconds")]
    [InlineData("DurationSeconds", "an hour", "durationSeconds")]
    [InlineData("ExternalId", "not allowed!", "externalId")]
    public async Task A_member_outside_the_model_constraints_is_a_ValidationError(string member, string value, string wireName)
    {
        await using var sts = await StsTestClient.StartAsync();
        var members = new Dictionary<string, string> { ["RoleArn"] = StsTestClient.DeployRoleArn, ["RoleSessionName"] = "valid", [member] = value };

        using var response = await sts.CallAsync("AssumeRole", members.Select(pair => (pair.Key, pair.Value)).ToArray());

        var message = await StsTestClient.AssertErrorAsync(response, 400, "ValidationError");
        Assert.StartsWith("1 validation error detected:", message);
        Assert.Contains($"at '{wireName}'", message);
    }

    [Fact]
    public async Task Missing_required_members_and_an_ARN_that_is_no_role_are_ValidationErrors()
    {
        await using var sts = await StsTestClient.StartAsync();

        using var missing = await sts.CallAsync("AssumeRole");
        using var user = await sts.CallAsync("AssumeRole", ("RoleArn", "arn:aws:iam::123456789012:user/someone"), ("RoleSessionName", "valid"));

        var message = await StsTestClient.AssertErrorAsync(missing, 400, "ValidationError");
        Assert.StartsWith("2 validation errors detected:", message);
        Assert.Contains("Value null at 'roleArn'", message);
        Assert.Contains("Value null at 'roleSessionName'", message);
        Assert.Contains("not a valid IAM role ARN", await StsTestClient.AssertErrorAsync(user, 400, "ValidationError"));
        Assert.DoesNotContain(sts.Emulator.Server.Requests, request => request.StatusCode == 200);
    }

    [Fact]
    public async Task GetCallerIdentity_names_the_emulator_user_for_a_configured_key_and_the_role_session_for_issued_credentials()
    {
        await using var sts = await StsTestClient.StartAsync();
        using var configured = await sts.CallAsync("GetCallerIdentity");
        var user = await StsTestClient.ReadResultAsync(configured, "GetCallerIdentity");
        using var assumed = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "caller-check"));
        var issued = await StsTestClient.ReadResultAsync(assumed, "AssumeRole");

        sts.SignWith(issued);
        using var asRole = await sts.CallAsync("GetCallerIdentity");

        Assert.Equal("arn:aws:iam::123456789012:user/emulator", user.Value("Arn"));
        Assert.Equal("123456789012", user.Value("Account"));
        var role = await StsTestClient.ReadResultAsync(asRole, "GetCallerIdentity");
        Assert.Equal(issued.Value("AssumedRoleUser", "Arn"), role.Value("Arn"));
        Assert.Equal(issued.Value("AssumedRoleUser", "AssumedRoleId"), role.Value("UserId"));
        Assert.Equal("111122223333", role.Value("Account"));
    }

    [Fact]
    public async Task Issued_credentials_sign_Amplify_calls_until_they_expire_on_the_emulator_clock()
    {
        var clock = new ManualClock();
        await using var sts = await StsTestClient.StartAsync(clock);
        using var assumed = await sts.CallAsync("AssumeRole",
            ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "short"), ("DurationSeconds", "900"));
        sts.SignWith(await StsTestClient.ReadResultAsync(assumed, "AssumeRole"));
        sts.Signer.Service = "amplify";

        using var before = await sts.GetAsync("/apps");
        Assert.Equal(2, (await TestEmulator.ReadSuccessAsync(before, 200)).GetProperty("apps").GetArrayLength());
        // The log names the key that signed, never its secret or token.
        Assert.Equal(sts.Signer.AccessKeyId, sts.Emulator.Server.Requests.Last(request => request.Operation == "ListApps").AwsAccessKeyId);
        Assert.Equal(sts.Signer.AccessKeyId, Assert.Single(sts.Emulator.Server.IssuedAwsCredentials).AccessKeyId);

        clock.Advance(TimeSpan.FromMinutes(15));
        using var after = await sts.GetAsync("/apps");
        Assert.Equal("The security token included in the request is expired", await TestEmulator.AssertErrorAsync(after, 403, "ExpiredTokenException"));

        sts.Signer.Service = "sts";
        using var stsAfter = await sts.CallAsync("GetCallerIdentity");
        await StsTestClient.AssertErrorAsync(stsAfter, 403, "ExpiredToken");
    }

    [Fact]
    public async Task Issued_credentials_without_their_session_token_or_with_another_are_refused()
    {
        await using var sts = await StsTestClient.StartAsync();
        using var assumed = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "tokens"));
        var issued = await StsTestClient.ReadResultAsync(assumed, "AssumeRole");
        sts.SignWith(issued);

        sts.Signer.SessionToken = null;
        using var without = await sts.CallAsync("GetCallerIdentity");
        sts.Signer.SessionToken = issued.Value("Credentials", "SessionToken") + "x";
        using var other = await sts.CallAsync("GetCallerIdentity");
        sts.Signer.Service = "amplify";
        using var amplify = await sts.GetAsync("/apps");

        Assert.Equal("The security token included in the request is invalid.", await StsTestClient.AssertErrorAsync(without, 403, "InvalidClientTokenId"));
        await StsTestClient.AssertErrorAsync(other, 403, "InvalidClientTokenId");
        await TestEmulator.AssertErrorAsync(amplify, 403, "UnrecognizedClientException");
    }

    [Fact]
    public async Task Signature_failures_are_STS_errors_in_XML()
    {
        await using var sts = await StsTestClient.StartAsync();

        sts.Signer.SecretAccessKey = "not-the-secret";
        using var wrongSecret = await sts.CallAsync("GetCallerIdentity");
        sts.Signer.SecretAccessKey = SampleData.AwsSecretAccessKey;
        sts.Signer.Service = "amplify";
        using var wrongService = await sts.CallAsync("GetCallerIdentity");
        sts.Signer.Unsigned = true;
        using var unsigned = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "nope"));

        Assert.StartsWith("The request signature we calculated does not match", await StsTestClient.AssertErrorAsync(wrongSecret, 403, "SignatureDoesNotMatch"));
        await StsTestClient.AssertErrorAsync(wrongService, 403, "SignatureDoesNotMatch");
        await StsTestClient.AssertErrorAsync(unsigned, 403, "MissingAuthenticationToken");
    }

    [Fact]
    public async Task An_unknown_action_or_version_is_InvalidAction()
    {
        await using var sts = await StsTestClient.StartAsync();

        using var unknown = await sts.CallAsync("GetSessionToken");
        using var version = await sts.Client.PostAsync("/", new FormUrlEncodedContent(
            [new("Action", "GetCallerIdentity"), new("Version", "2011-06-16")]));

        Assert.Equal("Could not find operation GetSessionToken for version 2011-06-15", await StsTestClient.AssertErrorAsync(unknown, 400, "InvalidAction"));
        await StsTestClient.AssertErrorAsync(version, 400, "InvalidAction");
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_needs_no_signature_and_reports_the_tokens_claims()
    {
        var clock = new ManualClock();
        await using var sts = await StsTestClient.StartAsync(clock);
        sts.Signer.Unsigned = true;
        var token = StsTestClient.Jwt(
            $$"""{"iss":"https://oidc.example.com/id/ABC","sub":"system:serviceaccount:ci:deployer","aud":["sts.amazonaws.com"],"exp":{{clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}}}""");

        using var response = await sts.CallAsync("AssumeRoleWithWebIdentity",
            ("RoleArn", "arn:aws:iam::111122223333:role/ci/web-deployer"), ("RoleSessionName", "pod-1"), ("WebIdentityToken", token), ("DurationSeconds", "1800"));

        var result = await StsTestClient.ReadResultAsync(response, "AssumeRoleWithWebIdentity");
        Assert.Equal("system:serviceaccount:ci:deployer", result.Value("SubjectFromWebIdentityToken"));
        Assert.Equal("sts.amazonaws.com", result.Value("Audience"));
        Assert.Equal("https://oidc.example.com/id/ABC", result.Value("Provider"));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/web-deployer/pod-1", result.Value("AssumedRoleUser", "Arn"));
        Assert.Equal("2026-11-23T10:30:00Z", result.Value("Credentials", "Expiration"));
        // The token is sensitive in the model: the request log keeps the call, not the token.
        var logged = Assert.Single(sts.Emulator.Server.Requests, request => request.Operation == "AssumeRoleWithWebIdentity");
        Assert.DoesNotContain(token, logged.Body);
        Assert.DoesNotContain(Uri.EscapeDataString(token), logged.Body);
        Assert.Contains("WebIdentityToken=****", logged.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")] // well formed, but no iss or aud
    public async Task An_empty_or_malformed_web_identity_token_is_InvalidIdentityToken(string token)
    {
        await using var sts = await StsTestClient.StartAsync();
        sts.Signer.Unsigned = true;

        using var response = await sts.CallAsync("AssumeRoleWithWebIdentity",
            ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "pod-1"), ("WebIdentityToken", token));

        await StsTestClient.AssertErrorAsync(response, 400, "InvalidIdentityToken");
    }

    [Fact]
    public async Task An_expired_web_identity_token_is_the_models_ExpiredTokenException()
    {
        var clock = new ManualClock();
        await using var sts = await StsTestClient.StartAsync(clock);
        sts.Signer.Unsigned = true;
        var token = StsTestClient.Jwt(
            $$"""{"iss":"https://oidc.example.com","sub":"subject-1","aud":"sts.amazonaws.com","exp":{{clock.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds()}}}""");

        using var response = await sts.CallAsync("AssumeRoleWithWebIdentity",
            ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "pod-1"), ("WebIdentityToken", token));

        Assert.StartsWith("Token expired", await StsTestClient.AssertErrorAsync(response, 400, "ExpiredTokenException"));
    }

    [Fact]
    public async Task Role_chaining_is_limited_to_one_hour_sessions()
    {
        await using var sts = await StsTestClient.StartAsync();
        using var first = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "hop1"));
        sts.SignWith(await StsTestClient.ReadResultAsync(first, "AssumeRole"));

        using var tooLong = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "hop2"), ("DurationSeconds", "3601"));
        using var hour = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "hop2"), ("DurationSeconds", "3600"));

        Assert.Contains("role chaining", await StsTestClient.AssertErrorAsync(tooLong, 400, "ValidationError"));
        await StsTestClient.ReadResultAsync(hour, "AssumeRole");
    }

    [Fact]
    public async Task An_injected_fault_on_STS_is_answered_in_XML()
    {
        await using var sts = await StsTestClient.StartAsync();
        sts.Emulator.Server.InjectFaults(new FaultSpec { StatusCode = 503, Count = 1 });

        using var response = await sts.CallAsync("GetCallerIdentity");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains("<Code>ServiceUnavailable</Code>", text);
        Assert.Contains("<Type>Receiver</Type>", text);
    }

    [Fact]
    public async Task Reset_forgets_issued_credentials()
    {
        await using var sts = await StsTestClient.StartAsync();
        using var assumed = await sts.CallAsync("AssumeRole", ("RoleArn", StsTestClient.DeployRoleArn), ("RoleSessionName", "gone"));
        sts.SignWith(await StsTestClient.ReadResultAsync(assumed, "AssumeRole"));

        sts.Emulator.Server.Reset();
        using var response = await sts.CallAsync("GetCallerIdentity");

        await StsTestClient.AssertErrorAsync(response, 403, "InvalidClientTokenId");
    }
}
