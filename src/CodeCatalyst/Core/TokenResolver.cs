using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Core
{
    /// <summary>What a caller knows about credentials: its own parameters and the Connect-CCAccount defaults.</summary>
    internal sealed class TokenSources
    {
        public SecureString? ParameterToken { get; set; }
        public string? ParameterProfileName { get; set; }
        public SecureString? SessionToken { get; set; }
        public string? SessionProfileName { get; set; }
    }

    /// <summary>Resolves an SSO profile to a token, or null when the profile has no SSO session configured.</summary>
    internal interface ISsoTokenSource
    {
        /// <summary>The profile used when none is named: AWS_DEFAULT_PROFILE, then AWS_PROFILE, then "default", as botocore does.</summary>
        string DefaultProfileName { get; }

        Task<BearerToken?> GetTokenAsync(string profileName, CancellationToken cancellationToken);
    }

    /// <summary>
    /// The token chain. First that yields a token wins: -Token, an explicit -ProfileName, the Connect-CCAccount
    /// token or profile, AWS_BEARER_TOKEN_CODECATALYST, then the SSO profile botocore would use
    /// (AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default"). The order matches botocore's own token chain.
    /// </summary>
    internal static class TokenResolver
    {
        public const string TokenVariable = "AWS_BEARER_TOKEN_CODECATALYST";

        public static async Task<BearerToken> ResolveAsync(TokenSources sources, Func<string, string?> environment,
            ISsoTokenSource sso, CancellationToken cancellationToken)
        {
            if (sources.ParameterToken != null) return FromSecureString(sources.ParameterToken, "-Token parameter");

            if (!string.IsNullOrEmpty(sources.ParameterProfileName))
            {
                return await RequireSsoToken(sso, sources.ParameterProfileName!, "-ProfileName", cancellationToken).ConfigureAwait(false);
            }

            if (sources.SessionToken != null) return FromSecureString(sources.SessionToken, "Connect-CCAccount -Token");

            if (!string.IsNullOrEmpty(sources.SessionProfileName))
            {
                return await RequireSsoToken(sso, sources.SessionProfileName!, "Connect-CCAccount -ProfileName", cancellationToken)
                    .ConfigureAwait(false);
            }

            var environmentToken = environment(TokenVariable);
            if (!string.IsNullOrWhiteSpace(environmentToken))
            {
                return new BearerToken(environmentToken!.Trim(), TokenVariable + " environment variable");
            }

            var profileName = sso.DefaultProfileName;
            var ssoToken = await sso.GetTokenAsync(profileName, cancellationToken).ConfigureAwait(false);
            if (ssoToken != null) return ssoToken;

            throw new CodeCatalystConfigurationException("NoTokenFound", ErrorCategory.AuthenticationError,
                "No CodeCatalyst token was found. Tried, in order: the -Token parameter, the -ProfileName parameter, " +
                $"Connect-CCAccount, the {TokenVariable} environment variable, and an sso_session in AWS profile '{profileName}' " +
                "(chosen by AWS_DEFAULT_PROFILE, AWS_PROFILE or 'default'). " +
                "To fix it, do one of: create a personal access token in CodeCatalyst and pass it with -Token or " +
                "Connect-CCAccount -Token (Read-Host -AsSecureString); set " + TokenVariable + "; or configure an AWS " +
                "profile with an sso_session (aws configure sso) and sign in with 'aws sso login --profile NAME'.");
        }

        private static async Task<BearerToken> RequireSsoToken(ISsoTokenSource sso, string profileName, string origin,
            CancellationToken cancellationToken)
        {
            var token = await sso.GetTokenAsync(profileName, cancellationToken).ConfigureAwait(false);
            if (token != null) return token;
            throw new CodeCatalystConfigurationException("ProfileHasNoSsoSession",
                $"The AWS profile '{profileName}' given by {origin} has no sso_session setting, so it cannot provide a CodeCatalyst " +
                "token. Configure it with 'aws configure sso --profile " + profileName + "', or use -Token instead.");
        }

        private static BearerToken FromSecureString(SecureString secure, string source)
        {
            var value = SecretText.ToPlainText(secure);
            if (value.Trim().Length == 0)
            {
                throw new CodeCatalystConfigurationException("EmptyToken", ErrorCategory.AuthenticationError, $"The token given by {source} is empty.");
            }

            return new BearerToken(value.Trim(), source);
        }
    }
}
