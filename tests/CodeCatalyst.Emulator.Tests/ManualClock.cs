namespace CodeCatalyst.Emulator.Tests;

/// <summary>A clock that only moves when a test moves it, so run lifecycles are checked without sleeping.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public ManualClock()
        : this(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan duration)
    {
        lock (gate)
        {
            now += duration;
        }
    }
}
