namespace CodeCatalyst.Emulator.Diagnostics;

/// <summary>
/// A thread-safe, bounded list of the requests the emulator answered, in the order they arrived: a request is
/// recorded when its answer is done, and a dropped connection can let the client's next request finish first.
/// </summary>
internal sealed class RequestLog
{
    // Generous for any test run, yet keeps a long-running standalone emulator from growing without end.
    private const int Capacity = 10_000;

    private readonly Lock gate = new();
    private readonly LinkedList<(long Arrival, RecordedRequest Request)> entries = new();
    private long arrivals;

    /// <summary>The arrival number of a request that has just come in, to record it under when it is answered.</summary>
    public long Arrive() => Interlocked.Increment(ref arrivals);

    public void Add(long arrival, RecordedRequest request)
    {
        lock (gate)
        {
            // Almost always the last; walk back past the few that arrived later but finished sooner.
            var after = entries.Last;
            while (after != null && after.Value.Arrival > arrival) after = after.Previous;
            if (after == null) entries.AddFirst((arrival, request));
            else entries.AddAfter(after, (arrival, request));
            if (entries.Count > Capacity)
            {
                entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return entries.Select(entry => entry.Request).ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
