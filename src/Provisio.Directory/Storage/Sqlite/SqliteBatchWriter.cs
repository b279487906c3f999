using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;

namespace Provisio.Directory.Storage.Sqlite;

/// <summary>
/// Writes one <see cref="DirectoryBatch"/> inside the store's write transaction: reads what the batch matches in a few
/// set-based statements (ids and names passed as one JSON array each), plans in memory (<see cref="BatchPlan"/>), then
/// writes with prepared statements reused for every row (preparing is most of the cost of a one-row statement here).
/// </summary>
internal sealed class SqliteBatchWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    private const string Columns = "id, kind, properties, created, deleted, seq";

    public async Task<DirectoryBatchResult> WriteAsync(DirectoryBatch batch, DateTimeOffset now, Func<long> sequence, CancellationToken cancellationToken)
    {
        var existing = await ReadObjectsAsync(
            $"SELECT {Columns} FROM objects WHERE purged = 0 AND id IN (SELECT value FROM json_each($ids)) " +
            $"UNION SELECT {Columns} FROM objects WHERE purged = 0 AND principal_name IN (SELECT value FROM json_each($names));",
            cancellationToken, ("$ids", Keys(BatchPlan.IdsToRead(batch))), ("$names", JsonSerializer.Serialize(BatchPlan.NamesToRead(batch)))).ConfigureAwait(false);
        var plan = BatchPlan.ForObjects(batch, existing);
        if (BatchPlan.IdsToRead(batch) is { Count: > 0 } given)
        {
            var purged = new List<Guid>();
            await using var command = Command("SELECT id FROM objects WHERE purged = 1 AND id IN (SELECT value FROM json_each($ids));", ("$ids", Keys(given)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                purged.Add(Guid.Parse(reader.GetString(0)));
            }

            plan.RefusePurgedIds(purged);
        }
        if (plan.NewPrincipalNames.Count > 0)
        {
            var holders = await ReadObjectsAsync($"SELECT {Columns} FROM objects WHERE purged = 0 AND principal_name IN (SELECT value FROM json_each($names));",
                cancellationToken, ("$names", JsonSerializer.Serialize(plan.NewPrincipalNames))).ConfigureAwait(false);
            plan.RefuseTakenNames(holders.Select(holder => holder["userPrincipalName"]!));
        }

        var ends = new List<DirectoryObject>();
        await using (var command = Command("SELECT id, kind, deleted IS NOT NULL FROM objects WHERE purged = 0 AND id IN (SELECT value FROM json_each($ids));",
            ("$ids", Keys(plan.EndsToRead()))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ends.Add(DirectoryRules.Stub(Guid.Parse(reader.GetString(0)), (DirectoryObjectKind)reader.GetInt32(1), reader.GetInt64(2) != 0));
            }
        }

        plan.PlanReferences(ends);
        if (plan.Refused)
        {
            return plan.ToResult(0);
        }

        var created = now.ToString("O", CultureInfo.InvariantCulture);
        await using (var insert = Command(
            "INSERT INTO objects (id, kind, principal_name, properties, created, deleted, purged, seq, sort_name) VALUES ($id, $kind, $upn, $properties, $created, NULL, 0, $seq, $sort);",
            ("$id", null), ("$kind", null), ("$upn", null), ("$properties", null), ("$created", created), ("$seq", null), ("$sort", null)))
        {
            foreach (var item in plan.Creates)
            {
                await ExecuteAsync(insert, cancellationToken, Key(item.Id), (int)item.Kind, item.PrincipalName, DirectoryRules.ToStoredJson(item.Properties), created, sequence(),
                        DirectoryRules.SortName(item.Properties))
                    .ConfigureAwait(false);
            }
        }

        await using (var update = Command("UPDATE objects SET properties = $properties, principal_name = $upn, seq = $seq, sort_name = $sort WHERE id = $id;",
            ("$properties", null), ("$upn", null), ("$seq", null), ("$id", null), ("$sort", null)))
        {
            foreach (var item in plan.Updates)
            {
                await ExecuteAsync(update, cancellationToken, DirectoryRules.ToStoredJson(item.Properties), item.PrincipalName, sequence(), Key(item.Id),
                    DirectoryRules.SortName(item.Properties)).ConfigureAwait(false);
            }
        }

        var (added, changedSources) = await AddReferencesAsync(plan.References, cancellationToken).ConfigureAwait(false);
        await using (var touch = Command("UPDATE objects SET seq = $seq WHERE id = $id;", ("$seq", null), ("$id", null)))
        {
            foreach (var source in changedSources.Where(source => !plan.Writes(source)))
            {
                await ExecuteAsync(touch, cancellationToken, sequence(), Key(source)).ConfigureAwait(false);
            }
        }

        return plan.ToResult(added);
    }

    /// <summary>Adds each reference unless it exists (a manager first replaces another); the count added and the sources that changed.</summary>
    private async Task<(int Added, HashSet<Guid> ChangedSources)> AddReferencesAsync(List<DirectoryReference> references, CancellationToken cancellationToken)
    {
        var added = 0;
        var changed = new HashSet<Guid>();
        await using var replaceManager = Command("DELETE FROM refs WHERE source = $source AND relation = $relation AND target <> $target;",
            ("$source", null), ("$relation", (int)DirectoryRelation.Manager), ("$target", null));
        await using var insert = Command("INSERT OR IGNORE INTO refs (source, relation, target, role) VALUES ($source, $relation, $target, $role);",
            ("$source", null), ("$relation", null), ("$target", null), ("$role", null));
        foreach (var reference in references)
        {
            var removed = reference.Relation == DirectoryRelation.Manager
                ? await ExecuteAsync(replaceManager, cancellationToken, Key(reference.SourceId), (int)DirectoryRelation.Manager, Key(reference.TargetId))
                    .ConfigureAwait(false)
                : 0;
            var inserted = await ExecuteAsync(insert, cancellationToken, Key(reference.SourceId), (int)reference.Relation, Key(reference.TargetId),
                reference.AppRoleId is { } role ? Key(role) : string.Empty).ConfigureAwait(false);
            added += inserted;
            if (inserted + removed > 0)
            {
                changed.Add(reference.SourceId);
            }
        }

        return (added, changed);
    }

    private async Task<List<DirectoryObject>> ReadObjectsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var found = new List<DirectoryObject>();
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(SqliteDirectoryStore.Materialize(reader));
        }

        return found;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        }

        return command;
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

    private static string Keys(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(Key));
}
