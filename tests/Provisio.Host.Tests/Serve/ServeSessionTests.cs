using Npgsql;

namespace Provisio.Host.Tests.Serve;

/// <summary>The session on a SQLite file (the default database).</summary>
public sealed class SqliteServeSessionTests : ServeSessionContract
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-session-").FullName;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"sqlite:{Path.Combine(_folder, "provisio.db")}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// The session on PostgreSQL (<c>--database postgres:...</c>): a database of its own on the run's server, so the
/// service uses its default schema as in production.
/// </summary>
public sealed class PostgresServeSessionTests(PostgresServer server) : ServeSessionContract
{
    private readonly string _database = $"session_{Guid.NewGuid():N}";

    protected override async Task<string> CreateDatabaseAsync()
    {
        var dataSource = await server.GetDataSourceAsync(Cancellation);
        await using (var create = dataSource.CreateCommand($"CREATE DATABASE {_database};"))
        {
            await create.ExecuteNonQueryAsync(Cancellation);
        }

        var builder = new NpgsqlConnectionStringBuilder(await server.GetConnectionStringAsync(Cancellation)) { Database = _database };
        return $"postgres:{builder.ConnectionString}";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var dataSource = await server.GetDataSourceAsync(CancellationToken.None);
        await using var drop = dataSource.CreateCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);");
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
