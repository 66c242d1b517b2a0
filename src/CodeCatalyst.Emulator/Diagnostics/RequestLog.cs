namespace CodeCatalyst.Emulator.Diagnostics;

/// <summary>A thread-safe, bounded list of the requests the emulator answered.</summary>
internal sealed class RequestLog
{
    // Generous for any test run, yet keeps a long-running standalone emulator from growing without end.
    private const int Capacity = 10_000;

    private readonly Lock gate = new();
    private readonly LinkedList<RecordedRequest> entries = new();

    public void Add(RecordedRequest request)
    {
        lock (gate)
        {
            entries.AddLast(request);
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
            return entries.ToList();
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
