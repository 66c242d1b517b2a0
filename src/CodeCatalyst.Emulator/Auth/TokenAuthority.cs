using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.Auth;

/// <summary>
/// Decides which bearer tokens the API accepts, and issues tokens through the SSO OIDC refresh flow.
/// Everything it hands out is derived from its input by hashing, so runs of a test suite are repeatable.
/// </summary>
internal sealed class TokenAuthority(string? requiredToken)
{
    public const int AccessTokenLifetimeSeconds = 28800;

    private readonly ConcurrentDictionary<string, byte> issuedAccessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> revokedRefreshTokens = new(StringComparer.Ordinal);

    /// <summary>Throws AccessDeniedException unless <paramref name="bearerToken"/> may call the API.</summary>
    public void Authenticate(string? bearerToken)
    {
        if (string.IsNullOrEmpty(bearerToken))
        {
            throw ApiException.AccessDenied(
                "This operation needs a bearer token: send the header 'Authorization: Bearer <token>'.");
        }

        if (!Accepts(bearerToken))
        {
            throw ApiException.AccessDenied("The bearer token is not valid for this emulator.");
        }
    }

    /// <summary>
    /// Whether a bearer token may act: the configured token, one this authority issued, or (with no token configured)
    /// any non-empty one. The SSO portal's GetRoleCredentials applies the same rule to its bearer token.
    /// </summary>
    public bool Accepts(string? bearerToken) =>
        !string.IsNullOrEmpty(bearerToken)
        && (requiredToken is null
            || string.Equals(bearerToken, requiredToken, StringComparison.Ordinal)
            || issuedAccessTokens.ContainsKey(bearerToken));

    /// <summary>
    /// A stable user id for a token, shaped like a UUID. It is a hash so the token itself never appears in a response.
    /// </summary>
    public static string IdentityOf(string bearerToken)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("identity:" + bearerToken));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>Exchanges a refresh token for a new access token and a rotated refresh token.</summary>
    public (string AccessToken, string RefreshToken) Refresh(string refreshToken)
    {
        if (revokedRefreshTokens.ContainsKey(refreshToken))
        {
            throw OidcException.InvalidGrant("The refresh token has been revoked.");
        }

        var accessToken = "oidc-" + HexPrefix(refreshToken, 24);
        issuedAccessTokens.TryAdd(accessToken, 0);
        return (accessToken, "refresh-" + HexPrefix("rotate:" + refreshToken, 32));
    }

    /// <summary>Makes later refreshes with this token fail with invalid_grant, as an expired SSO session would.</summary>
    public void RevokeRefreshToken(string refreshToken) => revokedRefreshTokens.TryAdd(refreshToken, 0);

    public void Reset()
    {
        issuedAccessTokens.Clear();
        revokedRefreshTokens.Clear();
    }

    private static string HexPrefix(string input, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..length];
}
