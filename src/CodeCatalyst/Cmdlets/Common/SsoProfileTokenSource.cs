using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Auth;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>Connects the token chain to the AWS SSO token cache reader, turning its failures into set-up errors.</summary>
    internal sealed class SsoProfileTokenSource : ISsoTokenSource
    {
        // Built when the token chain first reaches an SSO profile: most calls take their token from -Token, the
        // session or the environment, and the provider (an OIDC client with its own Random) costs on every call.
        private readonly Lazy<SsoTokenProvider> _provider;

        public SsoProfileTokenSource(HttpClient httpClient, IClientDiagnostics diagnostics, string userAgent, TimeSpan requestTimeout,
            int maxAttempts)
        {
            _provider = new Lazy<SsoTokenProvider>(() => new SsoTokenProvider(httpClient, ProcessAuthEnvironment.Instance,
                diagnostics: diagnostics.Verbose, userAgent: userAgent, requestTimeout: requestTimeout, maxAttempts: maxAttempts));
        }

        /// <summary>The profile botocore would pick with no explicit name (AWS_DEFAULT_PROFILE, AWS_PROFILE, default).</summary>
        public string DefaultProfileName => SsoTokenProvider.ResolveProfileName(null, ProcessAuthEnvironment.Instance);

        public async Task<BearerToken?> GetTokenAsync(string profileName, CancellationToken cancellationToken)
        {
            try
            {
                var result = await _provider.Value.GetTokenAsync(profileName, cancellationToken).ConfigureAwait(false);
                return result == null ? null : new BearerToken(result.AccessToken, result.Source, result.ExpiresAt);
            }
            catch (SsoTokenException exception)
            {
                throw new CodeCatalystConfigurationException("SsoToken" + exception.Kind, ErrorCategory.AuthenticationError, exception.Message, exception);
            }
        }
    }
}
