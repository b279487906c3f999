using Npgsql;

namespace Provisio.Directory.Storage.Postgres;

/// <summary>The service's settings in the same PostgreSQL schema as the directory, table <c>settings</c>.</summary>
public sealed class PostgresServiceSettings(NpgsqlDataSource dataSource, string schema = PostgresDirectorySchema.DefaultName) : IServiceSettings
{
    private readonly string _table = $"\"{schema}\".settings";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"; CREATE TABLE IF NOT EXISTS {_table} (name text PRIMARY KEY, value text NOT NULL);");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT value FROM {_table} WHERE name = @name;");
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {_table} (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
