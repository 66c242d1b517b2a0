using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>Who a set of credentials acts as, as GetCallerIdentity reports it.</summary>
internal sealed record CallerIdentity(string UserId, string Account, string Arn);

/// <summary>Temporary credentials the emulator handed out, and the principal they act as.</summary>
internal sealed record IssuedCredential(AwsTestCredential Credential, CallerIdentity Caller, DateTimeOffset IssuedAt)
{
    public DateTimeOffset Expiration => Credential.Expiration!.Value;

    /// <summary>Never shows the secret or the token.</summary>
    public override string ToString() => $"{nameof(IssuedCredential)} {{ {Credential}, Arn = {Caller.Arn} }}";
}

/// <summary>
/// The AWS identities the emulator knows: the configured test credentials and every temporary credential its
/// identity endpoints (STS, SSO portal, container, IMDS) issued, which the SigV4 check accepts until they expire on
/// the emulator's clock. Also the IMDSv2 session tokens. Thread-safe; bounded so a long-running emulator cannot grow
/// without end.
/// </summary>
internal sealed class IdentityStore(IReadOnlyList<AwsTestCredential> configured, TimeProvider clock)
{
    /// <summary>The account every configured key belongs to, and the default for roles the emulator makes up.</summary>
    public const string AccountId = "123456789012";

    /// <summary>The IAM user the configured (long-term) test keys act as.</summary>
    public static readonly CallerIdentity ConfiguredUser = new("AIDAEMULATORUSEREXAMPLE", AccountId, $"arn:aws:iam::{AccountId}:user/emulator");

    // Expired credentials are kept this long so a late caller gets ExpiredToken rather than "unknown key".
    private static readonly TimeSpan ExpiredRetention = TimeSpan.FromDays(1);
    private const int MaxIssuedCredentials = 10_000;
    private const int MaxMetadataTokens = 10_000;

    private readonly ConcurrentDictionary<string, IssuedCredential> issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCredential> currentBySource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> metadataTokens = new(StringComparer.Ordinal);
    private readonly Lock issueGate = new();

    public TimeProvider Clock { get; } = clock;

    /// <summary>A configured key, or an issued one (expired ones included: the verifier refuses those itself).</summary>
    public AwsTestCredential? FindCredential(string accessKeyId) =>
        configured.FirstOrDefault(candidate => candidate.AccessKeyId == accessKeyId)
        ?? (issued.TryGetValue(accessKeyId, out var found) ? found.Credential : null);

    /// <summary>Every issued credential still held, oldest first.</summary>
    public IReadOnlyList<AwsTestCredential> Issued() =>
        issued.Values.OrderBy(entry => entry.IssuedAt).Select(entry => entry.Credential).ToList();

    /// <summary>Who the credentials act as: the assumed role for issued ones, the emulator user for configured ones.</summary>
    public CallerIdentity CallerOf(AwsTestCredential credential) =>
        issued.TryGetValue(credential.AccessKeyId, out var found) && found.Credential.SessionToken == credential.SessionToken
            ? found.Caller
            : ConfiguredUser;

    /// <summary>New temporary credentials for <paramref name="caller"/>, valid for <paramref name="lifetime"/> from now.</summary>
    public IssuedCredential Issue(CallerIdentity caller, TimeSpan lifetime)
    {
        var now = Clock.GetUtcNow();
        // Whole seconds: every client parses the expiration at that precision.
        var expiration = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        var credential = new AwsTestCredential(NewAccessKeyId(), RandomText(30), RandomText(96)) { Expiration = expiration };
        var result = new IssuedCredential(credential, caller, now);
        lock (issueGate)
        {
            Prune(now);
            issued[credential.AccessKeyId] = result;
        }

        return result;
    }

    /// <summary>
    /// The credentials a long-lived source (an instance role, a container role) currently hands out: the same ones
    /// on every call, rotated once less than 15 minutes remain, as the EC2 and ECS credential endpoints do.
    /// </summary>
    public IssuedCredential Current(string source, CallerIdentity caller, TimeSpan lifetime)
    {
        lock (issueGate)
        {
            var now = Clock.GetUtcNow();
            if (currentBySource.TryGetValue(source, out var current) && current.Expiration - now > TimeSpan.FromMinutes(15))
            {
                return current;
            }

            var fresh = Issue(caller, lifetime);
            currentBySource[source] = fresh;
            return fresh;
        }
    }

    /// <summary>A new IMDSv2 session token, valid for <paramref name="lifetime"/>.</summary>
    public string IssueMetadataToken(TimeSpan lifetime)
    {
        var now = Clock.GetUtcNow();
        var token = RandomText(42);
        lock (issueGate)
        {
            foreach (var stale in metadataTokens.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
            {
                metadataTokens.TryRemove(stale, out _);
            }

            if (metadataTokens.Count >= MaxMetadataTokens)
            {
                metadataTokens.TryRemove(metadataTokens.MinBy(pair => pair.Value).Key, out _);
            }

            metadataTokens[token] = now + lifetime;
        }

        return token;
    }

    public bool IsValidMetadataToken(string? token) =>
        !string.IsNullOrEmpty(token) && metadataTokens.TryGetValue(token, out var expires) && expires > Clock.GetUtcNow();

    public void Reset()
    {
        lock (issueGate)
        {
            issued.Clear();
            currentBySource.Clear();
            metadataTokens.Clear();
        }
    }

    /// <summary>A stable id derived from names, so the same role and session always get the same role id.</summary>
    public static string StableId(string prefix, string input, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        var builder = new StringBuilder(prefix, prefix.Length + length);
        for (var index = 0; index < length; index++)
        {
            builder.Append(alphabet[hash[index] % alphabet.Length]);
        }

        return builder.ToString();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var stale in issued.Where(pair => pair.Value.Expiration + ExpiredRetention <= now).Select(pair => pair.Key).ToList())
        {
            issued.TryRemove(stale, out _);
        }

        while (issued.Count >= MaxIssuedCredentials)
        {
            issued.TryRemove(issued.MinBy(pair => pair.Value.Expiration).Key, out _);
        }
    }

    /// <summary>ASIA (AWS's prefix for temporary keys), 9 random characters, and EXAMPLE: plainly not a real key.</summary>
    private static string NewAccessKeyId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return "ASIA" + RandomNumberGenerator.GetString(alphabet, 9) + "EXAMPLE";
    }

    private static string RandomText(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
