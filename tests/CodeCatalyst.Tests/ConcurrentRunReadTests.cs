using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Get-CCWorkflowRun with many ids reads them concurrently, never more than -ThrottleLimit at once, and still
    /// writes them in input order with one error per failed id. Speed is shown by bench/Measure-CallCost.ps1, not here.
    /// </summary>
    public sealed class ConcurrentRunReadTests : IDisposable
    {
        private const string Call = "-SpaceName ExampleCorp -ProjectName MyDemoProject -EndpointUrl $args[1] -Token $args[2]";
        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        private static string[] RunIds(int count) =>
            Enumerable.Range(0, count).Select(index => $"00000000-0000-4000-8000-{index:x12}").ToArray();

        private ScriptResult Run(string script, DelayingRunStub stub, string[] ids) =>
            _shell.Run(script, ids, stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

        private static string[] OutputIds(ScriptResult result) =>
            result.Output.Select(run => (string)run.Properties["Id"].Value).ToArray();

        [Fact]
        public void Twenty_ids_with_ThrottleLimit_4_are_read_several_at_once_but_never_more_than_four()
        {
            using var stub = new DelayingRunStub(_ => TimeSpan.FromMilliseconds(150));
            var ids = RunIds(20);

            var result = Run($"Get-CCWorkflowRun -Id $args[0] -ThrottleLimit 4 {Call}", stub, ids);

            Assert.Empty(result.Errors);
            Assert.Equal(ids, OutputIds(result));
            Assert.InRange(stub.MaxInFlight, 2, 4);
        }

        [Fact]
        public void Runs_come_out_in_input_order_when_the_server_answers_later_ids_first()
        {
            var ids = RunIds(6);
            // The first id is answered last, the last id first.
            using var stub = new DelayingRunStub(id => TimeSpan.FromMilliseconds(100 + 120 * (ids.Length - Array.IndexOf(ids, id))));

            var result = Run($"Get-CCWorkflowRun -Id $args[0] {Call}", stub, ids);

            Assert.Empty(result.Errors);
            Assert.NotEqual(ids, stub.AnsweredInOrder.ToArray());
            Assert.Equal(ids, OutputIds(result));
        }

        [Fact]
        public void One_unknown_id_among_good_ones_is_one_error_for_that_id_and_every_other_run_still_comes()
        {
            var ids = RunIds(6);
            var missing = ids[2];
            using var stub = new DelayingRunStub(_ => TimeSpan.FromMilliseconds(80), id => id == missing);

            var result = Run($"Get-CCWorkflowRun -Id $args[0] {Call}", stub, ids);

            var error = Assert.Single(result.Errors);
            Assert.Equal(missing, error.TargetObject);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(ids.Where(id => id != missing), OutputIds(result));
            Assert.Null(result.Terminating);
        }

        [Fact]
        public void Piped_ids_are_read_concurrently_and_written_in_input_order()
        {
            var ids = RunIds(8);
            using var stub = new DelayingRunStub(id => TimeSpan.FromMilliseconds(60 + 40 * (ids.Length - Array.IndexOf(ids, id))));

            var result = Run($"$args[0] | Get-CCWorkflowRun -ThrottleLimit 3 {Call}", stub, ids);

            Assert.Empty(result.Errors);
            Assert.Equal(ids, OutputIds(result));
            Assert.InRange(stub.MaxInFlight, 2, 3);
        }

        [Fact]
        public void ThrottleLimit_1_reads_one_run_at_a_time()
        {
            using var stub = new DelayingRunStub(_ => TimeSpan.FromMilliseconds(40));
            var ids = RunIds(4);

            var result = Run($"Get-CCWorkflowRun -Id $args[0] -ThrottleLimit 1 {Call}", stub, ids);

            Assert.Empty(result.Errors);
            Assert.Equal(ids, OutputIds(result));
            Assert.Equal(1, stub.MaxInFlight);
        }

        [Fact]
        public void Each_concurrent_read_still_writes_its_verbose_line()
        {
            using var stub = new DelayingRunStub(_ => TimeSpan.FromMilliseconds(50));
            var ids = RunIds(3);

            var result = Run($"Get-CCWorkflowRun -Id $args[0] -Verbose {Call}", stub, ids);

            Assert.Empty(result.Errors);
            foreach (var id in ids)
            {
                Assert.Single(result.Verbose, record => record.Message.Contains(id) && record.Message.Contains("-> 200"));
            }
        }

        [Fact]
        public void A_ThrottleLimit_outside_1_to_64_is_rejected_before_any_request()
        {
            using var stub = new DelayingRunStub(_ => TimeSpan.Zero);

            var result = Run($"Get-CCWorkflowRun -Id $args[0] -ThrottleLimit 65 {Call}", stub, RunIds(2));

            Assert.Empty(result.Output);
            Assert.Contains("ThrottleLimit", (result.Terminating?.Message ?? "") + string.Join(" ", result.Errors));
            Assert.Empty(stub.Received);
        }

        [Fact]
        public async Task Ctrl_C_cancels_every_read_in_flight()
        {
            using var stub = new DelayingRunStub(_ => null);
            var ids = RunIds(10);

            var result = await _shell.RunAsync($"Get-CCWorkflowRun -Id $args[0] -ThrottleLimit 4 {Call}",
                shell => Task.Run(async () =>
                {
                    for (var wait = 0; stub.InFlight < 4 && wait < 500; wait++) await Task.Delay(20);
                    shell.Stop();
                }),
                ids, stub.BaseAddress, EmulatorSession.ToSecureString("stub-token"));

            Assert.IsType<PipelineStoppedException>(result.Terminating);
            Assert.Empty(result.Output);
            Assert.Equal(4, stub.Received.Count);
            // Every request the client had open is closed, not left running after the command stopped.
            for (var wait = 0; stub.Abandoned < 4 && wait < 250; wait++) await Task.Delay(20);
            Assert.Equal(4, stub.Abandoned);
        }
    }
}
