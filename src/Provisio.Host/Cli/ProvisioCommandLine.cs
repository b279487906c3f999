using System.CommandLine;

namespace Provisio.Host.Cli;

/// <summary>The <c>provisio</c> command tree. Verb names and options are the contract of ../shared/INTERFACES.md.</summary>
public static class ProvisioCommandLine
{
    public static RootCommand Build(CommandLineConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand(
            "Provisio: self-hosted identity provisioning. Keeps users and groups in a directory in sync with " +
            "applications over SCIM 2.0, the way Microsoft Entra ID's provisioning service does.");
        root.Subcommands.Add(ExpressionCommand.Build(console));
        root.Subcommands.Add(ScimCommand.Build(console));
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(DemoCommand.Build(console));
        root.Subcommands.Add(DirectoryCommand.Build(console));
        root.Subcommands.Add(LogsCommand.Build(console));
        root.Subcommands.Add(DiagnoseCommand.Build(console));
        root.Subcommands.Add(ClientsCommand.Build(console));
        return root;
    }

    /// <summary>Runs the command line; words it cannot parse (an unknown option, <c>--users abc</c>) exit 2, as bad options do in every verb.</summary>
    public static async Task<int> InvokeAsync(string[] args, CommandLineConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        var parsed = Build(console).Parse(args);
        var code = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? 2 : code;
    }
}
