namespace CodeCatalyst.Emulator.Contracts;

// Wire shapes of SSO OIDC CreateToken (service model sso-oidc 2019-06-10).

internal sealed class CreateTokenRequestBody
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? GrantType { get; set; }

    public string? RefreshToken { get; set; }

    // Members of the other grant types; read so they do not trip the parser, not otherwise used.
    public string? DeviceCode { get; set; }

    public string? Code { get; set; }

    public List<string>? Scope { get; set; }

    public string? RedirectUri { get; set; }

    public string? CodeVerifier { get; set; }
}

internal sealed record CreateTokenResponse(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    string RefreshToken);
