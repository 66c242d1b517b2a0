namespace CodeCatalyst.Emulator.Diagnostics;

/// <summary>Pending injected faults, consumed in the order they were added.</summary>
internal sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<PendingFault> pending = [];

    public void Add(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fault), "A fault must apply to at least one request.");
        }

        if (!fault.DropConnection && fault.StatusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(fault), "A fault's status code must be an error status (400-599).");
        }

        lock (gate)
        {
            pending.Add(new PendingFault(fault, fault.Count));
        }
    }

    /// <summary>Takes one use of the first fault matching <paramref name="path"/>, if there is one.</summary>
    public FaultSpec? TryConsume(string path)
    {
        lock (gate)
        {
            var match = pending.FirstOrDefault(candidate =>
                candidate.Fault.PathContains is null
                || path.Contains(candidate.Fault.PathContains, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            if (--match.RemainingUses == 0)
            {
                pending.Remove(match);
            }

            return match.Fault;
        }
    }

    /// <summary>The pending faults, each with the number of uses it has left.</summary>
    public IReadOnlyList<FaultSpec> Snapshot()
    {
        lock (gate)
        {
            return pending.Select(entry => entry.Fault with { Count = entry.RemainingUses }).ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }

    private sealed class PendingFault(FaultSpec fault, int remainingUses)
    {
        public FaultSpec Fault { get; } = fault;

        public int RemainingUses { get; set; } = remainingUses;
    }
}
