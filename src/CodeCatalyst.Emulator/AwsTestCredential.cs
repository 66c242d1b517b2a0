namespace CodeCatalyst.Emulator;

/// <summary>
/// AWS credentials the emulator accepts on its SigV4 (Amplify) routes. With a <see cref="SessionToken"/> they are
/// temporary credentials, and a request must carry exactly that token in <c>X-Amz-Security-Token</c>; without one,
/// a request must carry no token.
/// </summary>
public sealed record AwsTestCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>
    /// When set (on the emulator's clock), requests arriving at or after it are refused with ExpiredTokenException, as
    /// AWS refuses expired temporary credentials. The credentials the identity endpoints issue all carry one.
    /// </summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>Never shows the secret or the token (records print every member by default).</summary>
    public override string ToString() =>
        $"{nameof(AwsTestCredential)} {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")}, Expiration = {Expiration?.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} }}";
}
