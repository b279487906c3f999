using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Provisio.Directory;
using Provisio.Directory.Storage.Postgres;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Postgres;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Host.Cli;

/// <summary>
/// The database every verb uses (<c>serve</c>, <c>directory</c>): <c>--database</c>, else the <c>Provisio:Database</c>
/// configuration, else <c>sqlite:provisio.db</c>; <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>
/// (../shared/INTERFACES.md). The synchronization store lives beside the directory (the same SQLite file, the same
/// PostgreSQL data source). Opening it creates or migrates the schemas.
/// </summary>
internal sealed class ProvisioDatabase : IAsyncDisposable
{
    public const string ConfigurationKey = "Provisio:Database";
    public const string Default = "sqlite:provisio.db";

    private ProvisioDatabase(IDirectoryStore directory, IServiceSettings settings, ISynchronizationStore synchronization, NpgsqlDataSource? dataSource)
    {
        Directory = directory;
        Settings = settings;
        Synchronization = synchronization;
        DataSource = dataSource;
    }

    public IDirectoryStore Directory { get; }

    /// <summary>Jobs, their secrets (protected), cycle state, escrows and provisioning logs.</summary>
    public ISynchronizationStore Synchronization { get; }

    public IServiceSettings Settings { get; }

    /// <summary>PostgreSQL's data source (for the service's other stores), or null on SQLite.</summary>
    public NpgsqlDataSource? DataSource { get; }

    /// <summary>Which database: the option, else configuration, else the default.</summary>
    public static string Choose(string? option, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return option ?? configuration[ConfigurationKey] ?? Default;
    }

    /// <summary>
    /// The configuration of a verb that is not the web host, read as <c>serve</c> reads its own: appsettings.json in the
    /// current folder, then environment variables (<c>Provisio__Database</c>, and the same with <c>PROVISIO_</c> first).
    /// </summary>
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(System.IO.Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddEnvironmentVariables("PROVISIO_")
        .Build();

    /// <summary>Opens the database and initializes its schemas; null, after saying why on <paramref name="error"/>, when it cannot.</summary>
    public static async Task<ProvisioDatabase?> OpenAsync(string database, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(error);
        ProvisioDatabase opened;
        if (database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = database["sqlite:".Length..];
            opened = new ProvisioDatabase(new SqliteDirectoryStore(path), new SqliteServiceSettings(path), new SqliteSynchronizationStore(path), null);
        }
        else if (database.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlDataSource dataSource;
            try
            {
                dataSource = NpgsqlDataSource.Create(database["postgres:".Length..]);
            }
            catch (ArgumentException exception)
            {
                await error.WriteLineAsync($"{ConfigurationKey}: the PostgreSQL connection string is not valid: {exception.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                return null;
            }

            opened = new ProvisioDatabase(new PostgresDirectoryStore(dataSource), new PostgresServiceSettings(dataSource),
                new PostgresSynchronizationStore(dataSource), dataSource);
        }
        else
        {
            await error.WriteLineAsync($"{ConfigurationKey} must be sqlite:PATH or postgres:CONNECTION_STRING, not '{database}'.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            await opened.Directory.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await opened.Settings.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await opened.Synchronization.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return opened;
        }
        catch (Exception exception) when (exception is NpgsqlException or SqliteException or InvalidOperationException)
        {
            await error.WriteLineAsync($"{ConfigurationKey}: cannot open the database: {exception.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            await opened.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Synchronization.DisposeAsync().ConfigureAwait(false);
        await Directory.DisposeAsync().ConfigureAwait(false);
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
