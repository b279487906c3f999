using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;

namespace Provisio.Directory.Storage.Sqlite;

/// <summary>
/// Writes one <see cref="DirectoryBatch"/> inside the store's write transaction with prepared statements, each reused
/// for every row (preparing is most of the cost of a single-row statement in SQLite).
/// </summary>
internal sealed class SqliteBatchWriter : IAsyncDisposable
{
    private const string Columns = "id, kind, properties, created, deleted, seq";

    private readonly SqliteCommand _readById;
    private readonly SqliteCommand _readByName;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _kindOf;
    private readonly SqliteCommand _replaceManager;
    private readonly SqliteCommand _insertReference;
    private readonly SqliteCommand _touch;
    private readonly List<SqliteCommand> _commands = [];

    public SqliteBatchWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            _commands.Add(command);
            return command;
        }

        _readById = Prepare($"SELECT {Columns} FROM objects WHERE id = $id AND purged = 0;", "$id");
        _readByName = Prepare($"SELECT {Columns} FROM objects WHERE principal_name = $upn AND purged = 0;", "$upn");
        _insert = Prepare(
            "INSERT INTO objects (id, kind, principal_name, properties, created, deleted, purged, seq) VALUES ($id, $kind, $upn, $properties, $created, NULL, 0, $seq);",
            "$id", "$kind", "$upn", "$properties", "$created", "$seq");
        _update = Prepare("UPDATE objects SET properties = $properties, principal_name = $upn, seq = $seq WHERE id = $id;", "$properties", "$upn", "$seq", "$id");
        _kindOf = Prepare("SELECT kind, deleted IS NOT NULL FROM objects WHERE id = $id AND purged = 0;", "$id");
        _replaceManager = Prepare("DELETE FROM refs WHERE source = $source AND relation = $relation AND target <> $target;", "$source", "$relation", "$target");
        _insertReference = Prepare("INSERT OR IGNORE INTO refs (source, relation, target, role) VALUES ($source, $relation, $target, $role);",
            "$source", "$relation", "$target", "$role");
        _touch = Prepare("UPDATE objects SET seq = $seq WHERE id = $id;", "$seq", "$id");
    }

    public Task<DirectoryObject?> ReadAsync(Guid id, CancellationToken cancellationToken) => ReadOneAsync(_readById, Key(id), cancellationToken);

    /// <summary>The user (soft-deleted or not) holding a userPrincipalName, ignoring case.</summary>
    public Task<DirectoryObject?> FindByPrincipalNameAsync(string principalName, CancellationToken cancellationToken) =>
        ReadOneAsync(_readByName, principalName, cancellationToken);

    public Task InsertAsync(Guid id, DirectoryObjectKind kind, string? principalName, JsonObject properties, DateTimeOffset created, long sequence,
        CancellationToken cancellationToken) =>
        ExecuteAsync(_insert, cancellationToken, Key(id), (int)kind, principalName, properties.ToJsonString(),
            created.ToString("O", CultureInfo.InvariantCulture), sequence);

    public Task UpdateAsync(Guid id, string? principalName, JsonObject properties, long sequence, CancellationToken cancellationToken) =>
        ExecuteAsync(_update, cancellationToken, properties.ToJsonString(), principalName, sequence, Key(id));

    /// <summary>A live or soft-deleted object's kind, for checking a reference's ends; null when there is no such object.</summary>
    public async Task<DirectoryObject?> StubAsync(Guid id, CancellationToken cancellationToken)
    {
        _kindOf.Parameters[0].Value = Key(id);
        await using var reader = await _kindOf.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? DirectoryRules.Stub(id, (DirectoryObjectKind)reader.GetInt32(0), reader.GetInt64(1) != 0)
            : null;
    }

    /// <summary>Adds a reference unless it exists (a manager first replaces another); true when something changed.</summary>
    public async Task<bool> AddReferenceAsync(DirectoryReference reference, CancellationToken cancellationToken)
    {
        var removed = 0;
        if (reference.Relation == DirectoryRelation.Manager)
        {
            removed = await ExecuteAsync(_replaceManager, cancellationToken, Key(reference.SourceId), (int)reference.Relation, Key(reference.TargetId))
                .ConfigureAwait(false);
        }

        var added = await ExecuteAsync(_insertReference, cancellationToken, Key(reference.SourceId), (int)reference.Relation, Key(reference.TargetId),
            reference.AppRoleId is { } role ? Key(role) : string.Empty).ConfigureAwait(false);
        return added + removed > 0;
    }

    public Task TouchAsync(Guid id, long sequence, CancellationToken cancellationToken) => ExecuteAsync(_touch, cancellationToken, sequence, Key(id));

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<DirectoryObject?> ReadOneAsync(SqliteCommand command, string key, CancellationToken cancellationToken)
    {
        command.Parameters[0].Value = key;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SqliteDirectoryStore.Materialize(reader) : null;
    }

    private static Task<int> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Key(Guid id) => id.ToString("D");
}
