using Provisio.Directory.Loading;
using Spectre.Console;

namespace Provisio.Host.Cli;

/// <summary>
/// Shows a bulk load on stderr: a Spectre.Console progress bar per phase, redrawn in place on a terminal and written
/// as a few milestone lines when stderr is redirected (tests, CI); each error as a line above the bars.
/// </summary>
internal sealed class DirectoryLoadDisplay : IDirectoryLoadReporter
{
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private ProgressContext? _context;

    public DirectoryLoadDisplay(CommandLineConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var live = console.ErrorIsTerminal;
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
