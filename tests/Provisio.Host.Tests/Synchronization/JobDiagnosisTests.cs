using Npgsql;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>The diagnosis suite on a SQLite file (the default database).</summary>
public sealed class SqliteJobDiagnosisTests : JobDiagnosisContract
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>The diagnosis suite on PostgreSQL: a database of its own on the run's server.</summary>
public sealed class PostgresJobDiagnosisTests(PostgresServer server) : JobDiagnosisContract
{
    private readonly string _database = $"sync_diagnosis_{Guid.NewGuid():N}";

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
