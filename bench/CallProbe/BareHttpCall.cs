using System.Management.Automation;
using System.Net.Http;

namespace CodeCatalyst.Benchmarks.CallProbe
{
    /// <summary>The benchmark script's request, made the same way, from compiled code.</summary>
    public static class BareHttpCall
    {
        // One client for the process, as the script's floor uses one.
        private static readonly HttpClient SharedClient = new HttpClient();

        public static void Send(string uri, string token)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                Send(request);
            }
        }

        /// <summary>Sends a request already made and reads its body, as every call of the benchmark does.</summary>
        public static void Send(HttpRequestMessage request)
        {
            using (HttpResponseMessage response = SharedClient.SendAsync(request).GetAwaiter().GetResult())
            {
                response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Makes the bare request in ProcessRecord and writes nothing.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BareHttpCall")]
    public sealed class InvokeBareHttpCallCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public string Uri { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        public string Token { get; set; } = string.Empty;

        protected override void ProcessRecord() => BareHttpCall.Send(Uri, Token);
    }
}
