using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Provisio.Benchmarks;

/// <summary>
/// The runtime's allocation samples (one event per about 100 KB allocated, naming the type that crossed the mark), summed
/// per type: <c>--allocations</c> prints where a benchmark's allocations go without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTick || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount")], System.Globalization.CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    public void Print(int top)
    {
        var total = _bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(pair => pair.Value).Take(top))
        {
            Console.WriteLine($"  {bytes / 1024 / 1024,8} MiB {100.0 * bytes / total,5:0.0} %  {type}");
        }
    }
}
