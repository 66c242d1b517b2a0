using System;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// Credentials from one resolved source. The source owns caching and refresh: every call returns credentials that
    /// are valid now (botocore's Credentials / RefreshableCredentials).
    /// </summary>
    internal interface IAwsCredentialSource
    {
        /// <summary>Where the credentials come from, for verbose output and messages, e.g. "profile 'dev' (credential_process)".</summary>
        string Description { get; }

        Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
    }

    /// <summary>Long-term (or externally managed) credentials that never refresh.</summary>
    internal sealed class StaticCredentialSource : IAwsCredentialSource
    {
        private readonly AwsCredentials _credentials;

        public StaticCredentialSource(AwsCredentials credentials, string description)
        {
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Description = description;
        }

        public string Description { get; }

        public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);

        public override string ToString() => Description + ": " + _credentials;
    }

    /// <summary>
    /// Temporary credentials with botocore's refresh rules: with more than 15 minutes (advisory) left the cached
    /// credentials are returned; inside the advisory window one caller refreshes while others keep using the current
    /// ones, and a failed advisory refresh is ignored; inside 10 minutes (mandatory) every caller waits for the refresh
    /// and its failure is thrown. Credentials without an expiry are never refreshed. The first call fetches.
    /// </summary>
    internal sealed class RefreshingCredentialSource : IAwsCredentialSource
    {
        public static readonly TimeSpan AdvisoryRefreshWindow = TimeSpan.FromMinutes(15);
        public static readonly TimeSpan MandatoryRefreshWindow = TimeSpan.FromMinutes(10);

        private readonly Func<CancellationToken, Task<AwsCredentials>> _fetch;
        private readonly Func<DateTimeOffset> _clock;
        private readonly Action<string>? _diagnostics;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private AwsCredentials? _current;

        /// <param name="fetch">Obtains fresh credentials (an STS call, a process run, a metadata request).</param>
        /// <param name="description">Where they come from.</param>
        /// <param name="clock">Current time; the system clock when null.</param>
        /// <param name="initial">Credentials already fetched while resolving the chain; fetched on first use when null.</param>
        /// <param name="diagnostics">Receives secret-free progress lines.</param>
        public RefreshingCredentialSource(Func<CancellationToken, Task<AwsCredentials>> fetch, string description, Func<DateTimeOffset>? clock = null, AwsCredentials? initial = null, Action<string>? diagnostics = null)
        {
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            Description = description;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _current = initial;
            _diagnostics = diagnostics;
        }

        public string Description { get; }

        public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            AwsCredentials? current = Volatile.Read(ref _current);
            if (current != null && !RefreshNeeded(current, AdvisoryRefreshWindow))
            {
                return current;
            }

            bool mandatory = current == null || RefreshNeeded(current, MandatoryRefreshWindow);
            if (!mandatory)
            {
                // Advisory: refresh only if nobody else is, and keep the current credentials if it fails.
                if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    return current!;
                }

                try
                {
                    current = Volatile.Read(ref _current)!;
                    if (!RefreshNeeded(current, AdvisoryRefreshWindow))
                    {
                        return current;
                    }

                    try
                    {
                        return await RefreshAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        Trace($"Refreshing the credentials from {Description} failed during the advisory period; using the current ones until {Format(current.Expiration)}: {ex.Message}");
                        return current;
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = Volatile.Read(ref _current);
                if (current != null && !RefreshNeeded(current, MandatoryRefreshWindow))
                {
                    return current;
                }

                return await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public override string ToString() => Description + ": " + (Volatile.Read(ref _current)?.ToString() ?? "not fetched yet");

        private async Task<AwsCredentials> RefreshAsync(CancellationToken cancellationToken)
        {
            AwsCredentials fresh = await _fetch(cancellationToken).ConfigureAwait(false);
            if (fresh.Expiration.HasValue && fresh.Expiration.Value <= _clock())
            {
                throw new AwsCredentialException(
                    AwsCredentialErrorKind.SourceFailed,
                    $"The credentials from {Description} were refreshed, but the refreshed credentials are already expired (at {Format(fresh.Expiration)}). Check the clock of this machine and the source's configuration.",
                    Description);
            }

            Volatile.Write(ref _current, fresh);
            Trace($"Obtained credentials from {Description}: {fresh}.");
            return fresh;
        }

        private bool RefreshNeeded(AwsCredentials credentials, TimeSpan window) =>
            credentials.Expiration.HasValue && credentials.Expiration.Value - _clock() < window;

        private static string Format(DateTimeOffset? time) => time.HasValue ? SsoTokenCache.FormatTimestamp(time.Value) : "(no expiry)";

        private void Trace(string message) => _diagnostics?.Invoke(message);
    }
}
