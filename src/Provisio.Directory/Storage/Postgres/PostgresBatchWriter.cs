using Npgsql;
using NpgsqlTypes;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;

namespace Provisio.Directory.Storage.Postgres;

/// <summary>
/// Writes one <see cref="DirectoryBatch"/> inside the store's write transaction in a handful of statements whatever its
/// size: reads what it matches with <c>= ANY(array)</c>, plans in memory (<see cref="BatchPlan"/>), creates with binary
/// <c>COPY</c>, updates and adds references from <c>unnest</c>ed arrays.
/// </summary>
internal sealed class PostgresBatchWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string objects, string refs)
{
    // Arrays are joined as unnest(...) rather than tested with = ANY(...): the planner then expects few rows and looks
    // each one up by index, where a large ANY array made it scan the whole table (seconds per batch at a million objects).
    private const string Prefixed = "o.id, o.kind, o.properties, o.created, o.deleted, o.seq";

    public async Task<DirectoryBatchResult> WriteAsync(DirectoryBatch batch, DateTimeOffset now, Func<long> sequence, CancellationToken cancellationToken)
    {
        var existing = await ReadObjectsAsync(
            $"SELECT {Prefixed} FROM unnest(@ids) AS given(id) JOIN {objects} AS o ON o.id = given.id WHERE NOT o.purged " +
            $"UNION SELECT {Prefixed} FROM unnest(@names) AS given(name) JOIN {objects} AS o ON lower(o.principal_name) = lower(given.name) WHERE NOT o.purged;",
            cancellationToken, Ids("ids", BatchPlan.IdsToRead(batch)), Texts("names", BatchPlan.NamesToRead(batch))).ConfigureAwait(false);
        var plan = BatchPlan.ForObjects(batch, existing);
        if (BatchPlan.IdsToRead(batch) is { Count: > 0 } given)
        {
            var purged = new List<Guid>();
            await using var command = Command($"SELECT o.id FROM unnest(@ids) AS given(id) JOIN {objects} AS o ON o.id = given.id WHERE o.purged;", Ids("ids", given));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                purged.Add(reader.GetGuid(0));
            }

            plan.RefusePurgedIds(purged);
        }
        if (plan.NewPrincipalNames.Count > 0)
        {
            var holders = await ReadObjectsAsync(
                $"SELECT {Prefixed} FROM unnest(@names) AS given(name) JOIN {objects} AS o ON lower(o.principal_name) = lower(given.name) WHERE NOT o.purged;",
                cancellationToken, Texts("names", plan.NewPrincipalNames)).ConfigureAwait(false);
            plan.RefuseTakenNames(holders.Select(holder => holder["userPrincipalName"]!));
        }

        var ends = new List<DirectoryObject>();
        await using (var command = Command($"SELECT o.id, o.kind, o.deleted IS NOT NULL FROM unnest(@ids) AS given(id) JOIN {objects} AS o ON o.id = given.id WHERE NOT o.purged;", Ids("ids", plan.EndsToRead())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ends.Add(DirectoryRules.Stub(reader.GetGuid(0), (DirectoryObjectKind)reader.GetInt16(1), reader.GetBoolean(2)));
            }
        }

        plan.PlanReferences(ends);
        if (plan.Refused)
        {
            return plan.ToResult(0);
        }

        await CreateAsync(plan.Creates, now, sequence, cancellationToken).ConfigureAwait(false);
        if (plan.Updates.Count > 0)
        {
            await ExecuteAsync(
                $"UPDATE {objects} AS o SET properties = u.properties, principal_name = u.upn, seq = u.seq, sort_name = u.sort FROM unnest(@ids, @properties, @upns, @seqs, @sorts) AS u(id, properties, upn, seq, sort) WHERE o.id = u.id;",
                cancellationToken, Ids("ids", plan.Updates.Select(item => item.Id)),
                new NpgsqlParameter<string[]>("properties", [.. plan.Updates.Select(item => DirectoryRules.ToStoredJson(item.Properties))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                Texts("upns", plan.Updates.Select(item => item.PrincipalName)), Sequences(plan.Updates.Count, sequence),
                Texts("sorts", plan.Updates.Select(item => DirectoryRules.SortName(item.Properties)))).ConfigureAwait(false);
        }

        var (added, changedSources) = await AddReferencesAsync(plan.References, cancellationToken).ConfigureAwait(false);
        var touched = changedSources.Where(source => !plan.Writes(source)).ToList();
        if (touched.Count > 0)
        {
            await ExecuteAsync($"UPDATE {objects} AS o SET seq = u.seq FROM unnest(@ids, @seqs) AS u(id, seq) WHERE o.id = u.id;", cancellationToken,
                Ids("ids", touched), Sequences(touched.Count, sequence)).ConfigureAwait(false);
        }

        return plan.ToResult(added);
    }

    private async Task CreateAsync(List<PlannedObject> creates, DateTimeOffset now, Func<long> sequence, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return;
        }

        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {objects} (id, kind, principal_name, properties, created, deleted, purged, seq, sort_name) FROM STDIN (FORMAT BINARY);", cancellationToken).ConfigureAwait(false);
        foreach (var item in creates)
        {
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(item.Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync((short)item.Kind, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(item.PrincipalName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(DirectoryRules.ToStoredJson(item.Properties), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await import.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(sequence(), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(DirectoryRules.SortName(item.Properties), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds each reference unless it exists (a manager first replaces another); the count added and the sources that changed.</summary>
    private async Task<(int Added, HashSet<Guid> ChangedSources)> AddReferencesAsync(List<DirectoryReference> references, CancellationToken cancellationToken)
    {
        var changed = new HashSet<Guid>();
        if (references.Count == 0)
        {
            return (0, changed);
        }

        var managers = references.Where(reference => reference.Relation == DirectoryRelation.Manager).ToList();
        if (managers.Count > 0)
        {
            await ReadSourcesAsync(
                $"DELETE FROM {refs} AS r USING unnest(@sources, @targets) AS m(source, target) WHERE r.relation = {(short)DirectoryRelation.Manager} AND r.source = m.source AND r.target <> m.target RETURNING r.source;",
                changed, cancellationToken, Ids("sources", managers.Select(reference => reference.SourceId)), Ids("targets", managers.Select(reference => reference.TargetId)))
                .ConfigureAwait(false);
        }

        var added = await ReadSourcesAsync(
            $"INSERT INTO {refs} (source, relation, target, role) SELECT * FROM unnest(@sources, @relations, @targets, @roles) ON CONFLICT DO NOTHING RETURNING source;",
            changed, cancellationToken, Ids("sources", references.Select(reference => reference.SourceId)),
            new NpgsqlParameter<short[]>("relations", [.. references.Select(reference => (short)reference.Relation)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
            Ids("targets", references.Select(reference => reference.TargetId)),
            new NpgsqlParameter<Guid?[]>("roles", [.. references.Select(reference => reference.AppRoleId)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid })
            .ConfigureAwait(false);
        return (added, changed);
    }

    /// <summary>Runs a statement returning source ids, adds them to <paramref name="sources"/>, and returns how many rows it returned.</summary>
    private async Task<int> ReadSourcesAsync(string sql, HashSet<Guid> sources, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var rows = 0;
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sources.Add(reader.GetGuid(0));
            rows++;
        }

        return rows;
    }

    private async Task<List<DirectoryObject>> ReadObjectsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var found = new List<DirectoryObject>();
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(PostgresDirectoryStore.Materialize(reader));
        }

        return found;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<Guid[]> Ids(string name, IEnumerable<Guid> ids) => new(name, [.. ids]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static NpgsqlParameter<string?[]> Texts(string name, IEnumerable<string?> values) => new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter<long[]> Sequences(int count, Func<long> sequence)
    {
        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = sequence();
        }

        return new("seqs", values) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
    }
}
