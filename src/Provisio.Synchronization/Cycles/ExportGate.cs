namespace Provisio.Synchronization.Cycles;

/// <summary>
/// How many exports of one job may be in flight: additive increase, multiplicative decrease (DESIGN.md: exports run
/// concurrently with a limit that backs off on 429 and 5xx). Starts at <see cref="Initial"/>; each throttled or failed
/// answer halves the limit (not below 1); every <c>limit</c> successes raise it by one up to <see cref="Maximum"/>.
/// Thread-safe.
/// </summary>
public sealed class ExportGate : IDisposable
{
    private readonly SemaphoreSlim _permits;
    private readonly Lock _lock = new();
    private int _limit;
    private int _debt;
    private int _successes;

    public ExportGate(int initial = 16, int maximum = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        Initial = initial;
        Maximum = maximum;
        _limit = initial;
        _permits = new SemaphoreSlim(initial, maximum);
    }

    public int Initial { get; }

    public int Maximum { get; }

    /// <summary>The current limit.</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _permits.WaitAsync(cancellationToken);

    /// <summary>Gives a permit back, unless the limit was lowered while it was out.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_debt > 0)
            {
                _debt--;
                return;
            }
        }

        _permits.Release();
    }

    /// <summary>A 429 or 5xx: halve the limit.</summary>
    public void Backoff()
    {
        lock (_lock)
        {
            var lowered = Math.Max(1, _limit / 2);
            _debt += _limit - lowered;
            _limit = lowered;
            _successes = 0;
        }
    }

    /// <summary>An answer that was not throttling: after <c>limit</c> of them in a row, one more permit.</summary>
    public void Succeeded()
    {
        var grow = false;
        lock (_lock)
        {
            if (_limit >= Maximum || ++_successes < _limit)
            {
                return;
            }

            _successes = 0;
            _limit++;
            if (_debt > 0)
            {
                _debt--;
            }
            else
            {
                grow = true;
            }
        }

        if (grow)
        {
            _permits.Release();
        }
    }

    public void Dispose() => _permits.Dispose();
}
