using Npgsql;
using NpgsqlTypes;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage.Postgres;

/// <summary>
/// Applies one <see cref="SynchronizationWrite"/> inside the store's transaction in at most three round trips whatever
/// its size, in the order the write documents: one batch of multi-row statements over <c>unnest</c>ed arrays (entries
/// removed, entries written, escrows resolved, escrows raised), the logs by binary <c>COPY</c> (append-only and the
/// most rows: a cycle of 100,000 users writes 100,000 of them), then the cycle state.
/// </summary>
internal sealed class PostgresSynchronizationWriter(
    NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, string entries, string escrows, string logs, string state)
{
    public async Task WriteAsync(SynchronizationWrite write, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (write.RemovedEntries.Count > 0)
        {
            batch.BatchCommands.Add(Statement(
                $"DELETE FROM {entries} AS e USING unnest(@ids) AS removed(id) WHERE e.job_id = @job AND e.source_id = removed.id;",
                Uuids("ids", write.RemovedEntries)));
        }

        if (write.Entries.Count > 0)
        {
            // One row per key: ON CONFLICT cannot touch a row twice in a statement, and later items replace earlier ones.
            var items = LastByKey(write.Entries, entry => entry.SourceId);
            batch.BatchCommands.Add(Statement(
                $"INSERT INTO {entries} (job_id, source_id, object_type, target_id, state, display_name, exported_values, exported_references, last_modified) " +
                "SELECT @job, u.* FROM unnest(@sources, @types, @targets, @states, @names, @values, @references, @modified) " +
                "AS u(source_id, object_type, target_id, state, display_name, exported_values, exported_references, last_modified) " +
                "ON CONFLICT (job_id, source_id) DO UPDATE SET object_type = excluded.object_type, target_id = excluded.target_id, state = excluded.state, " +
                "display_name = excluded.display_name, exported_values = excluded.exported_values, exported_references = excluded.exported_references, " +
                "last_modified = excluded.last_modified;",
                Uuids("sources", items.Select(entry => entry.SourceId)),
                Texts("types", items.Select(entry => entry.ObjectType)),
                Texts("targets", items.Select(entry => entry.TargetId)),
                Texts("states", items.Select(entry => entry.State.ToString())),
                Texts("names", items.Select(entry => entry.DisplayName)),
                Jsons("values", items.Select(entry => ColumnEncoding.Json(entry.ExportedValues))),
                Jsons("references", items.Select(entry => ColumnEncoding.Json(entry.ExportedReferences))),
                Bigints("modified", items.Select(entry => ColumnEncoding.Ticks(entry.LastModified)))));
        }

        if (write.ResolvedEscrows.Count > 0)
        {
            batch.BatchCommands.Add(Statement(
                $"DELETE FROM {escrows} AS e USING unnest(@sources, @kinds) AS resolved(source_id, kind) " +
                "WHERE e.job_id = @job AND e.source_id = resolved.source_id AND e.kind = resolved.kind;",
                Uuids("sources", write.ResolvedEscrows.Select(key => key.SourceId)),
                Texts("kinds", write.ResolvedEscrows.Select(key => key.Kind.ToString()))));
        }

        if (write.Escrows.Count > 0)
        {
            var items = LastByKey(write.Escrows, escrow => new EscrowKey(escrow.SourceId, escrow.Kind));
            batch.BatchCommands.Add(Statement(
                $"INSERT INTO {escrows} (job_id, source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry) " +
                "SELECT @job, u.* FROM unnest(@sources, @kinds, @types, @actions, @codes, @reasons, @names, @firsts, @lasts, @attempts, @nexts) " +
                "AS u(source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry) " +
                "ON CONFLICT (job_id, source_id, kind) DO UPDATE SET object_type = excluded.object_type, action = excluded.action, error_code = excluded.error_code, " +
                "reason = excluded.reason, display_name = excluded.display_name, first_failure = excluded.first_failure, last_failure = excluded.last_failure, " +
                "attempts = excluded.attempts, next_retry = excluded.next_retry;",
                Uuids("sources", items.Select(escrow => escrow.SourceId)),
                Texts("kinds", items.Select(escrow => escrow.Kind.ToString())),
                Texts("types", items.Select(escrow => escrow.ObjectType)),
                Texts("actions", items.Select(escrow => escrow.Action)),
                Texts("codes", items.Select(escrow => escrow.ErrorCode)),
                Texts("reasons", items.Select(escrow => escrow.Reason)),
                Texts("names", items.Select(escrow => escrow.DisplayName)),
                Bigints("firsts", items.Select(escrow => ColumnEncoding.Ticks(escrow.FirstFailure))),
                Bigints("lasts", items.Select(escrow => ColumnEncoding.Ticks(escrow.LastFailure))),
                new NpgsqlParameter<int[]>("attempts", [.. items.Select(escrow => escrow.Attempts)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                Bigints("nexts", items.Select(escrow => ColumnEncoding.Ticks(escrow.NextRetry)))));
        }

        var stateStatement = write.State is { } next
            ? Statement(
                $"INSERT INTO {state} (job_id, watermark, checkpoint) VALUES (@job, @watermark, @checkpoint) " +
                "ON CONFLICT (job_id) DO UPDATE SET watermark = excluded.watermark, checkpoint = excluded.checkpoint;",
                new NpgsqlParameter<long?>("watermark", next.Watermark) { NpgsqlDbType = NpgsqlDbType.Bigint },
                new NpgsqlParameter<string?>("checkpoint", next.Checkpoint is { } checkpoint ? SynchronizationJson.Serialize(checkpoint) : null)
                {
                    NpgsqlDbType = NpgsqlDbType.Json,
                })
            : null;

        if (write.Logs.Count == 0 && stateStatement is not null)
        {
            batch.BatchCommands.Add(stateStatement); // nothing to copy in between: one round trip
            stateStatement = null;
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (write.Logs.Count > 0)
        {
            await CopyLogsAsync(write, cancellationToken).ConfigureAwait(false);
        }

        if (stateStatement is not null)
        {
            await using var last = new NpgsqlBatch(connection, transaction) { BatchCommands = { stateStatement } };
            await last.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends the logs; a log id seen twice is a bug, and the primary key fails the whole write.</summary>
    private async Task CopyLogsAsync(SynchronizationWrite write, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {logs} (id, job_id, service_principal_id, cycle_id, change_id, activity_date_time, action, status, source_id, source_display_name, " +
            "target_id, target_display_name, error_code, identity_type, failed_step, record) FROM STDIN (FORMAT BINARY);", cancellationToken).ConfigureAwait(false);
        foreach (var log in write.Logs)
        {
            var row = ProvisioningLogRow.From(log);
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.JobId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.CycleId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.ChangeId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.ActivityDateTime, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.Action, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.Status, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.SourceId, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.SourceDisplayName, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.TargetId, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.TargetDisplayName, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.ErrorCode, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.IdentityType, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(import, row.FailedStep, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.Record, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("job", jobId) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>The items, the last of each key only, in their order.</summary>
    private static List<T> LastByKey<T, TKey>(List<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var seen = new HashSet<TKey>();
        var kept = new List<T>(items.Count);
        for (var i = items.Count - 1; i >= 0; i--)
        {
            if (seen.Add(key(items[i])))
            {
                kept.Add(items[i]);
            }
        }

        kept.Reverse();
        return kept;
    }

    private static NpgsqlParameter<Guid[]> Uuids(string name, IEnumerable<Guid> values) => new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static NpgsqlParameter<string?[]> Texts(string name, IEnumerable<string?> values) => new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter<string[]> Jsons(string name, IEnumerable<string> values) => new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json };

    private static NpgsqlParameter<long[]> Bigints(string name, IEnumerable<long> values) => new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
}
