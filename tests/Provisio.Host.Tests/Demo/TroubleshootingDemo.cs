using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Demo;

/// <summary>
/// The troubleshooting scenario run twice on one database (once to set up, once to reuse), shared by the tests of
/// <see cref="DemoTroubleshootingTests"/>: the runs' outputs and the database they left, opened for reading.
/// </summary>
public sealed class TroubleshootingDemo : IAsyncLifetime
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-demo-trouble-").FullName;

    internal string Database => $"sqlite:{Path.Combine(_folder, "provisio-demo.db")}";

    internal DemoSession.Outcome First { get; private set; } = null!;

    internal DemoSession.Outcome Second { get; private set; } = null!;

    internal ProvisioDatabase Stored { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        First = await DemoSession.RunUntilReadyAsync(Database, "--scenario", "troubleshooting", "--users", "40", "--groups", "6");
        Second = await DemoSession.RunUntilReadyAsync(Database, "--scenario", "troubleshooting", "--users", "40", "--groups", "6");
        Stored = await DemoDatabase.OpenAsync(Database);
    }

    public async ValueTask DisposeAsync()
    {
        if (Stored is not null)
        {
            await Stored.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // still open on the way out
        }
    }
}
