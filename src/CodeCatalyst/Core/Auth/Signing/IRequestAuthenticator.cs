using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Core.Auth.Signing
{
    /// <summary>
    /// Makes an outgoing request acceptable to its service: a bearer token for CodeCatalyst, a SigV4 signature for
    /// Amplify. Called once per attempt, just before the send, so every retry is authenticated anew (fresh time,
    /// refreshed credentials).
    /// </summary>
    internal interface IRequestAuthenticator
    {
        /// <summary>Adds or replaces the request's authentication headers in place.</summary>
        Task AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    }
}
