using System.Security.Cryptography;
using System.Text;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>A personal access token as listings show it: never with its secret.</summary>
internal sealed record AccessTokenView(string Id, string Name, DateTimeOffset ExpiresTime, string ListingKey);

/// <summary>The answer to CreateAccessToken, the only one that carries the secret.</summary>
internal sealed record CreatedAccessToken(string AccessTokenId, string Name, DateTimeOffset ExpiresTime, string Secret);

internal sealed partial class EmulatorStore
{
    /// <summary>CodeCatalyst's documented quota of personal access tokens per user.</summary>
    public const int MaxAccessTokensPerUser = 100;

    /// <summary>
    /// Creates a personal access token for the signed-in user, expiring at <paramref name="expiresTime"/> or, as
    /// the reference says, one year from now. Tokens belong to the user, not to a space, so they write no space
    /// event log entry.
    /// </summary>
    public CreatedAccessToken CreateAccessToken(string name, DateTimeOffset? expiresTime = null)
    {
        lock (gate)
        {
            var now = Now();
            var expires = expiresTime ?? now.AddYears(1);
            if (expires <= now)
            {
                throw ApiException.Validation("The expiresTime must be in the future.");
            }

            if (accessTokens.Count >= MaxAccessTokensPerUser)
            {
                throw ApiException.ServiceQuotaExceeded(
                    $"A user can have at most {MaxAccessTokensPerUser} personal access tokens. Delete one you no longer need, then try again.");
            }

            var secret = Base64Url(RandomNumberGenerator.GetBytes(36));
            var token = new AccessTokenState(Guid.NewGuid().ToString(), name, expires, now, nextSequence++, HashSecret(secret));
            accessTokens.Add(token);
            return new CreatedAccessToken(token.Id, token.Name, token.ExpiresTime, secret);
        }
    }

    /// <summary>The signed-in user's tokens, oldest first, expired ones included until they are deleted.</summary>
    public IReadOnlyList<AccessTokenView> ListAccessTokens()
    {
        lock (gate)
        {
            return accessTokens.OrderBy(token => token.Sequence).Select(ToView).ToList();
        }
    }

    public void DeleteAccessToken(string id)
    {
        lock (gate)
        {
            var token = accessTokens.FirstOrDefault(candidate => string.Equals(candidate.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw ApiException.NotFound($"The personal access token '{id}' was not found.");
            accessTokens.Remove(token);
        }
    }

    /// <summary>Whether <paramref name="secret"/> is the secret of a token that exists and has not expired.</summary>
    public bool IsValidAccessTokenSecret(string secret)
    {
        var hash = HashSecret(secret);
        lock (gate)
        {
            var now = Now();
            return accessTokens.Any(token => token.ExpiresTime > now && CryptographicOperations.FixedTimeEquals(token.SecretHash, hash));
        }
    }

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static AccessTokenView ToView(AccessTokenState token) =>
        new(token.Id, token.Name, token.ExpiresTime, CreationOrderKey(token.Sequence));
}
