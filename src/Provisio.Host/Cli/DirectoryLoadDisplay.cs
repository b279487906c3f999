using Provisio.Directory.Loading;
using Spectre.Console;

namespace Provisio.Host.Cli;

/// <summary>
/// Shows a bulk load on stderr: on a terminal, a Spectre.Console progress bar per phase, redrawn in place, with each
/// error as a line above the bars; redirected (tests, CI), plain lines: each error, and each phase at 25, 50, 75 and
/// 100 percent (<c>users: 50%</c>), so logs stay short and readable.
/// </summary>
internal sealed class DirectoryLoadDisplay : IDirectoryLoadReporter
{
    private readonly IAnsiConsole _console;
    private readonly bool _live;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _milestones = new(StringComparer.Ordinal);
    private ProgressContext? _context;

    public DirectoryLoadDisplay(CommandLineConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var live = _live = console.ErrorIsTerminal;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    /// <summary>Runs the load with the progress display up until it returns.</summary>
    public Task<T> RunAsync<T>(Func<IDirectoryLoadReporter, Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!_live)
        {
            return load(this);
        }

        return _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _context = context;
                try
                {
                    return await load(this).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var task in _tasks.Values)
                    {
                        task.StopTask();
                    }

                    _context = null;
                }
            });
    }

    public void Progress(DirectoryLoadProgress progress)
    {
        if (!_live)
        {
            var percent = progress.Total <= 0 ? 100 : (int)(100 * Math.Min(progress.Done, progress.Total) / progress.Total);
            var milestone = percent / 25 * 25;
            if (milestone > 0 && milestone > _milestones.GetValueOrDefault(progress.Phase))
            {
                _milestones[progress.Phase] = milestone;
                _console.WriteLine($"{progress.Phase}: {milestone}%");
            }

            return;
        }

        if (_context is null)
        {
            return;
        }

        if (!_tasks.TryGetValue(progress.Phase, out var task))
        {
            _tasks[progress.Phase] = task = _context.AddTask(progress.Phase, maxValue: Math.Max(1, progress.Total));
        }

        task.MaxValue = Math.Max(1, progress.Total);
        task.Value = progress.Total == 0 ? 1 : progress.Done;
    }

    public void Error(DirectoryLoadError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _console.WriteLine(error.ToString());
    }
}
