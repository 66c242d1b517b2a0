using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;

namespace CodeCatalyst.Engine
{
    /// <summary>
    /// One IHttpClientFactory for the process, built on first use so that importing the module costs nothing.
    /// The factory recycles handlers, so DNS changes are picked up in long-lived sessions.
    /// </summary>
    public static class SharedHttpClientFactory
    {
        private const string ClientName = "CodeCatalyst";

        private static readonly Lazy<IHttpClientFactory> Factory =
            new Lazy<IHttpClientFactory>(CreateFactory, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>A client on the shared, recycled handler; dispose it freely, the handler outlives it.</summary>
        public static HttpClient CreateClient() => Factory.Value.CreateClient(ClientName);

        private static IHttpClientFactory CreateFactory()
        {
            var services = new ServiceCollection();
            services.AddHttpClient(ClientName, client =>
                {
                    // Each request carries its own timeout (see CodeCatalystClient); the client-wide one is off.
                    client.Timeout = Timeout.InfiniteTimeSpan;
                })
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    UseCookies = false,
                    AllowAutoRedirect = false,
                    // No Accept-Encoding, as botocore sends none: the service's answers are small JSON, inflating
                    // them cost several microseconds a call, and the size limit then counts the bytes on the wire.
                    AutomaticDecompression = DecompressionMethods.None,
                })
                // The factory's logging handlers log to no provider here yet cost two async hops per request;
                // CodeCatalystClient reports requests itself (verbose, debug).
                .RemoveAllLoggers();
            return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        }
    }
}
