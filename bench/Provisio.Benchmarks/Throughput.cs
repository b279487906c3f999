using System.Diagnostics;
using System.Globalization;
using Provisio.Expressions.Evaluation;

namespace Provisio.Benchmarks;

/// <summary>
/// A quick check outside BenchmarkDotNet: each mapping evaluated in a single-threaded loop for a fixed time,
/// reporting evaluations per second and bytes allocated per evaluation on this thread, against the project's goal.
/// </summary>
public static class Throughput
{
    private const int Batch = 10_000;
    private const long Goal = 1_000_000;

    /// <summary>Runs the check; the exit code is 1 when a goal is missed.</summary>
    public static int Run(string? seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds is null ? 2 : double.Parse(seconds, CultureInfo.InvariantCulture));
        var user = Mappings.User();
        var met = true;
        Print($"Throughput: {duration.TotalSeconds:0.#} s per mapping, one thread, Server GC {System.Runtime.GCSettings.IsServerGC}");
        Print($"{"Mapping",-16} {"Result",-24} {"Evaluations/s",15} {"B/evaluation",13} {"Total bytes",14}  Goal");
        foreach (var name in Mappings.Names)
        {
            var expression = Mappings.Compile(name);
            var first = expression.Evaluate(user);
            if (!first.Succeeded)
            {
                Print($"{name,-16} error: {first.Error}");
                met = false;
                continue;
            }

            // Warm up: let tiered compilation promote the evaluation path before measuring.
            Loop(expression, user, TimeSpan.FromMilliseconds(500), out _, out _, out _);
            Loop(expression, user, duration, out var count, out var elapsed, out var bytes);
            var perSecond = count / elapsed.TotalSeconds;
            var perEvaluation = (double)bytes / count;
            var goals = new List<string>();
            if (Mappings.HasThroughputGoal(name))
            {
                goals.Add(perSecond >= Goal ? ">= 1,000,000/s met" : ">= 1,000,000/s MISSED");
                met &= perSecond >= Goal;
            }

            if (Mappings.ReturnsInputOrConstant(name))
            {
                goals.Add(bytes == 0 ? "0 B met" : "0 B MISSED");
                met &= bytes == 0;
            }

            Print($"{name,-16} {first.Value,-24} {perSecond,15:N0} {perEvaluation,13:0.##} {bytes,14:N0}  {string.Join(", ", goals)}");
        }

        Console.WriteLine(met ? "All goals met." : "Some goals missed.");
        return met ? 0 : 1;
    }

    private static void Loop(Provisio.Expressions.Compilation.CompiledExpression expression, AttributeBag user,
        TimeSpan duration, out long count, out TimeSpan elapsed, out long bytes)
    {
        var sink = 0;
        count = 0;
        // Nothing but the evaluations may allocate between the two readings (no Stopwatch instance).
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        do
        {
            for (var i = 0; i < Batch; i++)
            {
                // Consume every result so the evaluation cannot be optimised away.
                sink ^= (int)expression.Evaluate(user).Value.Kind;
            }

            count += Batch;
        }
        while (Stopwatch.GetElapsedTime(start) < duration);

        elapsed = Stopwatch.GetElapsedTime(start);
        bytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
