namespace CodeCatalyst.Emulator;

/// <summary>
/// AWS credentials the emulator accepts on its SigV4 (Amplify) routes. With a <see cref="SessionToken"/> they are
/// temporary credentials, and a request must carry exactly that token in <c>X-Amz-Security-Token</c>; without one,
/// a request must carry no token.
/// </summary>
public sealed record AwsTestCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never shows the secret or the token (records print every member by default).</summary>
    public override string ToString() =>
        $"{nameof(AwsTestCredential)} {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")} }}";
}
