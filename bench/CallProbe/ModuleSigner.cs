using System;
using System.Diagnostics;
using System.Linq;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace CodeCatalyst.Benchmarks.CallProbe
{
    /// <summary>
    /// The module's own SigV4Signer (internal to CodeCatalyst.dll, so reached by reflection once and then called
    /// through a compiled delegate, which costs what a direct call costs), signing with AWS's documented example keys.
    /// The CodeCatalyst module must be imported first.
    /// </summary>
    public sealed class ModuleSigner
    {
        private const string SignerTypeName = "CodeCatalyst.Core.Auth.Signing.SigV4Signer";
        private const string CredentialsTypeName = "CodeCatalyst.Core.Auth.Signing.AwsCredentials";
        private const string ExampleAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
        private const string ExampleSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        private static ModuleSigner? _amplify;
        private readonly Func<HttpRequestMessage, DateTimeOffset, Task> _sign;

        private ModuleSigner(Func<HttpRequestMessage, DateTimeOffset, Task> sign) => _sign = sign;

        /// <summary>One signer for the process, for Amplify in us-east-1 (the benchmark's region).</summary>
        public static ModuleSigner Amplify => _amplify ?? (_amplify = Create("us-east-1", "amplify"));

        public void Sign(HttpRequestMessage request) => _sign(request, DateTimeOffset.UtcNow).GetAwaiter().GetResult();

        /// <summary>Headers the module's client has on a GetJob request when it signs it (User-Agent is not signed).</summary>
        public static HttpRequestMessage NewGetRequest(string uri)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", "CodeCatalyst-Benchmarks-CallProbe");
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            return request;
        }

        private static ModuleSigner Create(string region, string service)
        {
            Assembly module = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(assembly => assembly.GetName().Name == "CodeCatalyst")
                ?? throw new InvalidOperationException("Import the CodeCatalyst module before using its signer.");
            Type signerType = module.GetType(SignerTypeName, throwOnError: true)!;
            Type credentialsType = module.GetType(CredentialsTypeName, throwOnError: true)!;
            object signer = Activator.CreateInstance(signerType, region, service)!;
            object credentials = Activator.CreateInstance(credentialsType, ExampleAccessKeyId, ExampleSecretKey, null, null)!;
            MethodInfo signAsync = signerType.GetMethod("SignAsync", BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException("The module's SigV4Signer has no SignAsync.");

            ParameterExpression request = Expression.Parameter(typeof(HttpRequestMessage), "request");
            ParameterExpression time = Expression.Parameter(typeof(DateTimeOffset), "time");
            MethodCallExpression call = Expression.Call(Expression.Constant(signer, signerType), signAsync, request,
                Expression.Constant(credentials, credentialsType), time, Expression.Constant(CancellationToken.None));
            return new ModuleSigner(Expression.Lambda<Func<HttpRequestMessage, DateTimeOffset, Task>>(call, request, time).Compile());
        }
    }

    /// <summary>The bare request of Invoke-BareHttpCall, signed by the module's SigV4Signer instead of carrying a token.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BareSignedHttpCall")]
    public sealed class InvokeBareSignedHttpCallCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public string Uri { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            using (HttpRequestMessage request = ModuleSigner.NewGetRequest(Uri))
            {
                ModuleSigner.Amplify.Sign(request);
                BareHttpCall.Send(request);
            }
        }
    }

    /// <summary>
    /// Signing alone, in a C# loop with no request sent: microseconds and bytes allocated per signature of a GetJob
    /// request. The same request is signed again each time, as a retry is (the signer replaces its own headers).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "SigV4Signing")]
    [OutputType(typeof(PSObject))]
    public sealed class MeasureSigV4SigningCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public string Uri { get; set; } = string.Empty;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 10000;

        protected override void ProcessRecord()
        {
            ModuleSigner signer = ModuleSigner.Amplify;
            // netstandard2.0 does not declare it; every runtime PowerShell 7 runs on has it.
            var allocated = (Func<long>)Delegate.CreateDelegate(typeof(Func<long>),
                typeof(GC).GetMethod("GetAllocatedBytesForCurrentThread", BindingFlags.Public | BindingFlags.Static)!);
            using (HttpRequestMessage request = ModuleSigner.NewGetRequest(Uri))
            {
                signer.Sign(request);
                long bytesBefore = allocated();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < Count; i++)
                {
                    signer.Sign(request);
                }

                watch.Stop();
                long bytes = allocated() - bytesBefore;
                var result = new PSObject();
                result.Properties.Add(new PSNoteProperty("Microseconds", watch.Elapsed.TotalMilliseconds * 1000 / Count));
                result.Properties.Add(new PSNoteProperty("BytesAllocated", (double)bytes / Count));
                WriteObject(result);
            }
        }
    }
}
