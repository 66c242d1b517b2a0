using System;
using System.Management.Automation;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// A huge answer is refused, not held in memory. In the collection that runs alone, so the process's allocation
    /// count measures this command and nothing running beside it.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ResponseSizeTests : IDisposable
    {
        private const string RunId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private const long BodyBytes = 100L * 1024 * 1024;
        private readonly PowerShellSession _shell = new();
        private readonly ITestOutputHelper _output;

        public ResponseSizeTests(ITestOutputHelper output) => _output = output;

        public void Dispose() => _shell.Dispose();

        [Fact]
        public void A_100_MB_answer_is_a_ResponseTooLarge_error_without_growing_the_process_by_its_size()
        {
            using var stub = new ScriptedHttpStub(_ => new StubResponse
            {
                Headers = new[] { new System.Collections.Generic.KeyValuePair<string, string>("x-amzn-RequestId", "req-huge") },
                StreamBody = async (stream, cancellation) =>
                {
                    var garbage = new byte[64 * 1024];
                    Array.Fill(garbage, (byte)'g');
                    for (long sent = 0; sent < BodyBytes; sent += garbage.Length) await stream.WriteAsync(garbage, cancellation);
                },
            });
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            var result = _shell.Run("Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[1] -EndpointUrl $args[0] -Token $args[2]",
                stub.BaseAddress, RunId, EmulatorSession.ToSecureString("stub-token"));

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            _output.WriteLine($"Allocated while refusing a {BodyBytes / (1024 * 1024)} MB answer: {allocated / (1024 * 1024)} MB");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ResponseTooLarge.GetWorkflowRun,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("req-huge", error.Exception.Message);
            Assert.True(allocated < 64L * 1024 * 1024, $"reading the answer allocated {allocated / (1024 * 1024)} MB");
        }
    }
}
