using System;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Users
{
    /// <summary>
    /// Get-CCEventLog: a space's event log between two times (ListEventLogs), by default the last day, oldest first;
    /// -EventName keeps one kind of event (the service's own filter).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CCEventLog", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(EventLogEntry))]
    public sealed class GetCCEventLogCommand : CodeCatalystListCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space. A piped space or project binds by its SpaceName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        /// <summary>The start of the time range; default one day before -EndTime. A time without a zone is local time.</summary>
        [Parameter]
        public DateTime StartTime { get; set; }

        /// <summary>The end of the time range; default now. A time without a zone is local time.</summary>
        [Parameter]
        public DateTime EndTime { get; set; }

        /// <summary>Only events of this name, the operation that caused them (such as CreateProject or DeleteSourceRepository).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? EventName { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            var end = MyInvocation.BoundParameters.ContainsKey(nameof(EndTime)) ? WireFormat.ToUtc(EndTime) : DateTime.UtcNow;
            var start = MyInvocation.BoundParameters.ContainsKey(nameof(StartTime)) ? WireFormat.ToUtc(StartTime) : end.AddDays(-1);
            if (start > end)
            {
                WriteFailure(new CodeCatalystInputException("StartTime",
                    $"-StartTime ({start.ToLocalTime():yyyy-MM-dd HH:mm:ss}) is later than -EndTime ({end.ToLocalTime():yyyy-MM-dd HH:mm:ss}, local " +
                    "time). Give a start before the end."), null);
                return;
            }

            try
            {
                WritePages((next, size, token) => Api.ListEventLogsAsync(new ListEventLogsInput
                    {
                        SpaceName = space,
                        StartTime = start,
                        EndTime = end,
                        EventName = EventName,
                        NextToken = next,
                        MaxResults = WireOperations.ListEventLogs.ClampPageSize(size),
                    }, token));
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, space);
            }
        }
    }
}
