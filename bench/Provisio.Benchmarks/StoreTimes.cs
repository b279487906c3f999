using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Provisio.Synchronization.Storage;

namespace Provisio.Benchmarks;

/// <summary>
/// <c>--store-times</c>: the synchronization store's calls during a cycle, by method: how many, their wall time and the
/// CPU time of the calling thread. SQLite's calls run synchronously to their end, so the thread's CPU clock read before
/// and after a call is that call's CPU (a call that completes on another thread is counted in wall time only).
/// </summary>
internal class StoreTimes : DispatchProxy
{
    private readonly ConcurrentDictionary<string, Totals> _totals = new();
    private ISynchronizationStore _inner = null!;

    public static (ISynchronizationStore Store, StoreTimes Times) Wrap(ISynchronizationStore inner)
    {
        var proxy = Create<ISynchronizationStore, StoreTimes>();
        var times = (StoreTimes)(object)proxy;
        times._inner = inner;
        return (proxy, times);
    }

    public void Reset() => _totals.Clear();

    public string Report() => string.Join("; ", _totals.OrderByDescending(pair => pair.Value.Wall).Select(pair =>
        string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value.Calls}x {pair.Value.Wall / (double)Stopwatch.Frequency:0.00} s wall, {pair.Value.Cpu / 1e9:0.00} s CPU")));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var thread = Environment.CurrentManagedThreadId;
        var (start, cpu) = (Stopwatch.GetTimestamp(), ThreadCpu());
        var result = targetMethod.Invoke(_inner, args);
        var syncCpu = Environment.CurrentManagedThreadId == thread ? ThreadCpu() - cpu : 0;
        var totals = _totals.GetOrAdd(targetMethod.Name, _ => new Totals());
        if (result is Task task)
        {
            _ = task.ContinueWith(_ => totals.Add(Stopwatch.GetTimestamp() - start, syncCpu), TaskScheduler.Default);
        }
        else
        {
            totals.Add(Stopwatch.GetTimestamp() - start, syncCpu);
        }

        return result;
    }

    private static long ThreadCpu() => clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class Totals
    {
        private long _calls, _wall, _cpu;

        public long Calls => Interlocked.Read(ref _calls);

        public long Wall => Interlocked.Read(ref _wall);

        public long Cpu => Interlocked.Read(ref _cpu);

        public void Add(long wall, long cpu)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _wall, wall);
            Interlocked.Add(ref _cpu, cpu);
        }
    }
}
