namespace Provisio.Benchmarks;

/// <summary>The largest working set seen while it runs, sampled every 50 ms (the process's own peak covers all phases).</summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly Timer _timer;
    private long _peak = Environment.WorkingSet;

    public PeakWorkingSet() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public long Bytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
        }
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }
}
