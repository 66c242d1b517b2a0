using System;
using System.Management.Automation;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Base of the Get cmdlets that list: -First, -Skip and -IncludeTotalCount exist only in their List parameter
    /// set. SupportsPaging would add them to every set, where they would do nothing (a get by id returns what it
    /// was asked for).
    /// </summary>
    public abstract class CodeCatalystListCmdlet : CodeCatalystServiceCmdlet
    {
        /// <summary>The parameter set that lists; derived cmdlets name theirs the same.</summary>
        protected const string ListSet = "List";

        /// <summary>Returns at most this many objects; no further page is requested once they are written.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leaves out this many objects from the start of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>Writes the number of objects after them: exact when every page was read, else unknown.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        internal override PagingRequest? Paging => new PagingRequest(First, Skip, IncludeTotalCount);
    }

    /// <summary>What a list command was asked for: the same members as PowerShell's PagingParameters.</summary>
    internal sealed class PagingRequest
    {
        public PagingRequest(ulong first, ulong skip, bool includeTotalCount)
        {
            First = first;
            Skip = skip;
            IncludeTotalCount = includeTotalCount;
        }

        public ulong First { get; }
        public ulong Skip { get; }
        public bool IncludeTotalCount { get; }

        /// <summary>The total-count object PowerShell's own PagingParameters.NewTotalCount writes: the number, an
        /// Accuracy between 0 and 1, and the same text when shown.</summary>
        public PSObject NewTotalCount(ulong totalCount, double accuracy)
        {
            var result = new PSObject(totalCount);
            result.Members.Add(new PSScriptMethod("ToString", ScriptBlock.Create(@"
                switch ($this.Accuracy) {
                    { $_ -ge 1.0 } { 'Total count: {0}' -f $this.PSObject.BaseObject }
                    { $_ -le 0.0 } { 'Unknown total count' }
                    default        { 'Estimated total count: {0}' -f $this.PSObject.BaseObject }
                }")));
            result.Members.Add(new PSNoteProperty("Accuracy", Math.Max(0.0, Math.Min(1.0, accuracy))));
            return result;
        }
    }
}
