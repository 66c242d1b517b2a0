using System.Net.Http;
using System.Runtime.CompilerServices;
using CodeCatalyst.Engine;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// Hands out clients of the process-wide factory in CodeCatalyst.Engine. The engine (and Microsoft.Extensions.*
    /// behind it) is loaded on the first call, not at import: this is the only method that names it.
    /// </summary>
    internal static class HttpClientProvider
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static HttpClient CreateClient() => SharedHttpClientFactory.CreateClient();
    }
}
