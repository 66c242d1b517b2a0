using System.Linq;
using CodeCatalyst.Emulator;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>A long run listing asks for the next page while it writes the current one; what it writes is unchanged.</summary>
    public sealed class ListingReadAheadTests : IClassFixture<EmulatorSession>
    {
        private readonly EmulatorSession _session;

        public ListingReadAheadTests(EmulatorSession session)
        {
            _session = session;
            _session.Emulator.ClearFaults();
            _session.Emulator.ClearRequests();
        }

        [Fact]
        public void A_listing_read_ahead_writes_every_run_once_in_the_service_order_and_asks_for_no_extra_page()
        {
            _session.Emulator.SeedRuns(SampleData.SpaceName, SampleData.ProjectName, SampleData.LintWorkflowId, 230);
            const string list = "Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[0]";

            // -First sets a page size, which turns reading ahead off: this is the page-at-a-time reference.
            var oneAtATime = _session.Shell.Run(list + " -First 100000", SampleData.LintWorkflowId);
            var pagesOneAtATime = _session.ApiRequestCount("ListWorkflowRuns");
            _session.Emulator.ClearRequests();
            var readAhead = _session.Shell.Run(list, SampleData.LintWorkflowId);

            Assert.Empty(readAhead.Errors);
            Assert.True(readAhead.Output.Count >= 230);
            Assert.Equal(oneAtATime.Output.Select(run => run.Properties["Id"].Value),
                readAhead.Output.Select(run => run.Properties["Id"].Value));
            Assert.Equal(pagesOneAtATime, _session.ApiRequestCount("ListWorkflowRuns"));
        }
    }
}
