using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CodeCatalyst.Emulator.Auth;

/// <summary>Reads the token from an <c>Authorization: Bearer ...</c> header.</summary>
internal static class BearerTokenReader
{
    private const string Scheme = "Bearer";

    /// <returns>The token, or null when the header is missing, uses another scheme, or carries no token.</returns>
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString().Trim();
        if (header.Length <= Scheme.Length
            || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(header[Scheme.Length]))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    public static bool HasAuthorizationHeader(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization);
}
