using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>Connects the token chain to the AWS SSO token cache reader.</summary>
    internal sealed class SsoProfileTokenSource : ISsoTokenSource
    {
        private readonly HttpClient _httpClient;
        private readonly IClientDiagnostics _diagnostics;
        private readonly string _userAgent;

        public SsoProfileTokenSource(HttpClient httpClient, IClientDiagnostics diagnostics, string userAgent)
        {
            _httpClient = httpClient;
            _diagnostics = diagnostics;
            _userAgent = userAgent;
        }

        public Task<BearerToken?> GetTokenAsync(string profileName, bool profileNamedExplicitly, CancellationToken cancellationToken)
        {
            // Placeholder until the SSO reader lands.
            return Task.FromResult<BearerToken?>(null);
        }
    }
}
