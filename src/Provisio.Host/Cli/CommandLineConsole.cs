namespace Provisio.Host.Cli;

/// <summary>
/// The streams a verb reads and writes; tests pass their own. <see cref="ErrorIsTerminal"/> says whether live output
/// (a progress bar) may redraw <see cref="Error"/>: only a terminal that is not redirected.
/// </summary>
public sealed record CommandLineConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public bool ErrorIsTerminal { get; init; }

    public static CommandLineConsole System => new(Console.In, Console.Out, Console.Error) { ErrorIsTerminal = !Console.IsErrorRedirected };
}
