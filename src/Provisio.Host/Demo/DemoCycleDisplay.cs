using System.Globalization;
using Provisio.Host.Cli;
using Provisio.Synchronization.Storage;
using Spectre.Console;

namespace Provisio.Host.Demo;

/// <summary>
/// Shows the demo's first cycles as their jobs' progress moves (the status's <c>progress</c>): on a terminal, a
/// Spectre.Console progress bar per application on stderr, redrawn in place; redirected (tests, CI), plain lines on
/// stdout at 25, 50, 75 and 100 percent (<c>Contoso Demo: 50% (60 of 120 objects)</c>), as directory loads show theirs.
/// </summary>
internal sealed class DemoCycleDisplay
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly CommandLineConsole _console;

    public DemoCycleDisplay(CommandLineConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <summary>Waits for every cycle, showing each job's progress until its work is done.</summary>
    public async Task WaitAsync(IReadOnlyList<(string Label, string JobId, Task Work)> cycles, ISynchronizationStore store, CancellationToken cancellationToken)
    {
        if (_console.ErrorIsTerminal)
        {
            var live = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(_console.Error),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            });
            await live.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = cycles.Select(cycle => context.AddTask(Markup.Escape(cycle.Label), maxValue: 1)).ToList();
                    await PollAsync(cycles, store, (index, completed, total) =>
                    {
                        tasks[index].MaxValue = Math.Max(1, total);
                        tasks[index].Value = total == 0 ? 1 : completed;
                        return Task.CompletedTask;
                    }, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return;
        }

        var milestones = new int[cycles.Count];
        await PollAsync(cycles, store, async (index, completed, total) =>
        {
            if (total <= 0)
            {
                return; // finished before its progress was seen: its summary line follows
            }

            var percent = (int)(100 * Math.Min(completed, total) / total);
            if (percent / 25 * 25 is var milestone && milestone > milestones[index])
            {
                milestones[index] = milestone;
                await _console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{cycles[index].Label}: {milestone}% ({completed:N0} of {total:N0} objects)").AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads each unfinished job's progress every quarter second; a finished one reports its whole total once.</summary>
    private static async Task PollAsync(IReadOnlyList<(string Label, string JobId, Task Work)> cycles, ISynchronizationStore store,
        Func<int, long, long, Task> report, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(cycles.Select(cycle => cycle.Work));
        var last = new long[cycles.Count];
        var finished = new bool[cycles.Count];
        while (true)
        {
            var done = all.IsCompleted;
            for (var index = 0; index < cycles.Count; index++)
            {
                if (finished[index])
                {
                    continue;
                }

                var completed = cycles[index].Work.IsCompleted;
                var progress = (await store.GetJobAsync(cycles[index].JobId, cancellationToken).ConfigureAwait(false))?.Job.Status.Progress.FirstOrDefault();
                if (completed)
                {
                    finished[index] = true;
                    var total = progress is { TotalUnits: > 0 } ? progress.TotalUnits : last[index];
                    await report(index, total, total).ConfigureAwait(false);
                }
                else if (progress is { TotalUnits: > 0 })
                {
                    last[index] = progress.TotalUnits;
                    await report(index, Math.Min(progress.CompletedUnits, progress.TotalUnits), progress.TotalUnits).ConfigureAwait(false);
                }
            }

            if (done)
            {
                break;
            }

            await Task.WhenAny(all, Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
    }
}
