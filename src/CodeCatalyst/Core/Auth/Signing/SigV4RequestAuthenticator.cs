using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Core.Auth.Signing
{
    /// <summary>
    /// Signs each attempt with SigV4: asks the credentials provider for credentials (the provider owns caching and
    /// refresh, so a long wait outlives the first temporary credentials) and reads the clock at that moment.
    /// </summary>
    internal sealed class SigV4RequestAuthenticator : IRequestAuthenticator
    {
        private readonly Func<CancellationToken, Task<AwsCredentials>> _credentials;
        private readonly Func<DateTimeOffset> _clock;

        /// <param name="credentials">Yields the credentials to sign with; called once per request.</param>
        /// <param name="region">The signing region, e.g. us-east-1.</param>
        /// <param name="service">The signing name, e.g. amplify.</param>
        /// <param name="clock">The signing time; the system clock (UTC) when omitted.</param>
        public SigV4RequestAuthenticator(Func<CancellationToken, Task<AwsCredentials>> credentials, string region, string service, Func<DateTimeOffset>? clock = null)
        {
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Signer = new SigV4Signer(region, service);
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public SigV4Signer Signer { get; }

        public async Task AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            AwsCredentials? credentials = await _credentials(cancellationToken).ConfigureAwait(false);
            if (credentials == null)
            {
                throw new InvalidOperationException("The AWS credentials provider returned no credentials, so the request was not signed.");
            }

            await Signer.SignAsync(request, credentials, _clock(), cancellationToken).ConfigureAwait(false);
        }

        public override string ToString() => "SigV4 (" + Signer.Service + ", " + Signer.Region + ")";
    }
}
