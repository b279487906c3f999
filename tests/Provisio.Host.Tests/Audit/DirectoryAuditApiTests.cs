using Npgsql;

namespace Provisio.Host.Tests.Audit;

/// <summary>The suite on a SQLite file (the default database).</summary>
public sealed class SqliteDirectoryAuditApiTests : DirectoryAuditApiContract
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>The suite on PostgreSQL: a database of its own on the run's server, so the service uses its default schema.</summary>
public sealed class PostgresDirectoryAuditApiTests(PostgresServer server) : DirectoryAuditApiContract
{
    private readonly string _database = $"audit_api_{Guid.NewGuid():N}";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        var dataSource = await server.GetDataSourceAsync(TestContext.Current.CancellationToken);
        await using (var create = dataSource.CreateCommand($"CREATE DATABASE {_database};"))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(await server.GetConnectionStringAsync(TestContext.Current.CancellationToken)) { Database = _database };
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
