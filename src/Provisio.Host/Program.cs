using Provisio.Host.Cli;

namespace Provisio.Host;

public static class Program
{
    public static Task<int> Main(string[] args) =>
        ProvisioCommandLine.InvokeAsync(args, CommandLineConsole.System, CancellationToken.None);
}
