using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Provisio.Benchmarks;

/// <summary>
/// The runtime's method-load events (one per method the JIT compiles, at whichever tier), counted per method:
/// <c>--jit</c> prints what is still compiled during a measured cycle, for example one run warm after the cold one.
/// </summary>
internal sealed class JitSampler : EventListener
{
    private const int MethodLoadVerbose = 143;
    private readonly ConcurrentDictionary<string, int> _methods = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != MethodLoadVerbose || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var name = $"{payload[names.IndexOf("MethodNamespace")]}::{payload[names.IndexOf("MethodName")]}";
        _methods.AddOrUpdate(name, 1, (_, count) => count + 1);
    }

    public void Print(int top)
    {
        Console.WriteLine($"  {_methods.Values.Sum()} methods compiled ({_methods.Count} distinct); by declaring type:");
        foreach (var (type, count) in _methods.GroupBy(pair => pair.Key[..pair.Key.IndexOf("::", StringComparison.Ordinal)])
            .Select(group => (group.Key, group.Sum(pair => pair.Value))).OrderByDescending(pair => pair.Item2).Take(top))
        {
            Console.WriteLine($"  {count,8}  {type}");
        }
    }
}
