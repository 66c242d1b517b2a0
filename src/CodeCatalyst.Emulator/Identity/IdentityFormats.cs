using System.Globalization;

namespace CodeCatalyst.Emulator.Identity;

/// <summary>How the identity endpoints write times.</summary>
internal static class IdentityFormats
{
    /// <summary>ISO 8601 in UTC with whole seconds and a Z, as STS, ECS and IMDS write expirations.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
