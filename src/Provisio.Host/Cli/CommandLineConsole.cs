namespace Provisio.Host.Cli;

/// <summary>The streams a verb reads and writes; tests pass their own.</summary>
public sealed record CommandLineConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CommandLineConsole System => new(Console.In, Console.Out, Console.Error);
}
