using Microsoft.Data.Sqlite;

namespace Provisio.Synchronization.Storage.Sqlite;

/// <summary>
/// Applies one <see cref="SynchronizationWrite"/> inside the store's write transaction, in the order the write
/// documents: entries removed, entries written, escrows resolved, escrows raised, logs appended, state replaced. Each kind
/// of statement is one command, prepared at its first row and reused for the rest (preparing is most of the cost of a
/// one-row statement in SQLite, and a cycle's unit of work carries hundreds of rows).
/// </summary>
internal sealed class SqliteSynchronizationWriter(SqliteConnection connection, SqliteTransaction transaction, string jobId)
{
    public async Task WriteAsync(SynchronizationWrite write, CancellationToken cancellationToken)
    {
        if (write.RemovedEntries.Count > 0)
        {
            await using var remove = Command("DELETE FROM sync_entries WHERE job_id = @job AND source_id = @source;", "source");
            foreach (var sourceId in write.RemovedEntries)
            {
                await ExecuteAsync(remove, cancellationToken, ColumnEncoding.Key(sourceId)).ConfigureAwait(false);
            }
        }

        if (write.Entries.Count > 0)
        {
            await using var upsert = Command(
                "INSERT INTO sync_entries (job_id, source_id, object_type, target_id, state, display_name, exported_values, exported_references, last_modified) " +
                "VALUES (@job, @source, @type, @target, @state, @name, @values, @references, @modified) " +
                "ON CONFLICT (job_id, source_id) DO UPDATE SET object_type = excluded.object_type, target_id = excluded.target_id, state = excluded.state, " +
                "display_name = excluded.display_name, exported_values = excluded.exported_values, exported_references = excluded.exported_references, " +
                "last_modified = excluded.last_modified;",
                "source", "type", "target", "state", "name", "values", "references", "modified");
            foreach (var entry in write.Entries)
            {
                await ExecuteAsync(upsert, cancellationToken, ColumnEncoding.Key(entry.SourceId), entry.ObjectType, entry.TargetId, entry.State.ToString(),
                    entry.DisplayName, ColumnEncoding.Json(entry.ExportedValues), ColumnEncoding.Json(entry.ExportedReferences),
                    ColumnEncoding.Ticks(entry.LastModified)).ConfigureAwait(false);
            }
        }

        if (write.ResolvedEscrows.Count > 0)
        {
            await using var resolve = Command("DELETE FROM sync_escrows WHERE job_id = @job AND source_id = @source AND kind = @kind;", "source", "kind");
            foreach (var key in write.ResolvedEscrows)
            {
                await ExecuteAsync(resolve, cancellationToken, ColumnEncoding.Key(key.SourceId), key.Kind.ToString()).ConfigureAwait(false);
            }
        }

        if (write.Escrows.Count > 0)
        {
            await using var upsert = Command(
                "INSERT INTO sync_escrows (job_id, source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry) " +
                "VALUES (@job, @source, @kind, @type, @action, @code, @reason, @name, @first, @last, @attempts, @next) " +
                "ON CONFLICT (job_id, source_id, kind) DO UPDATE SET object_type = excluded.object_type, action = excluded.action, error_code = excluded.error_code, " +
                "reason = excluded.reason, display_name = excluded.display_name, first_failure = excluded.first_failure, last_failure = excluded.last_failure, " +
                "attempts = excluded.attempts, next_retry = excluded.next_retry;",
                "source", "kind", "type", "action", "code", "reason", "name", "first", "last", "attempts", "next");
            foreach (var escrow in write.Escrows)
            {
                await ExecuteAsync(upsert, cancellationToken, ColumnEncoding.Key(escrow.SourceId), escrow.Kind.ToString(), escrow.ObjectType, escrow.Action,
                    escrow.ErrorCode, escrow.Reason, escrow.DisplayName, ColumnEncoding.Ticks(escrow.FirstFailure), ColumnEncoding.Ticks(escrow.LastFailure),
                    escrow.Attempts, ColumnEncoding.Ticks(escrow.NextRetry)).ConfigureAwait(false);
            }
        }

        if (write.Logs.Count > 0)
        {
            // Append-only: a log id seen twice is a bug, and the primary key fails the whole write.
            await using var insert = Command(
                "INSERT INTO sync_logs (id, job_id, service_principal_id, cycle_id, change_id, activity_date_time, action, status, source_id, source_display_name, " +
                "target_id, target_display_name, error_code, record) " +
                "VALUES (@id, @log_job, @sp, @cycle, @change, @activity, @action, @status, @source, @source_name, @target, @target_name, @code, @record);",
                "id", "log_job", "sp", "cycle", "change", "activity", "action", "status", "source", "source_name", "target", "target_name", "code", "record");
            foreach (var log in write.Logs)
            {
                var row = ProvisioningLogRow.From(log);
                await ExecuteAsync(insert, cancellationToken, row.Id, row.JobId, row.ServicePrincipalId, row.CycleId, row.ChangeId, row.ActivityDateTime, row.Action,
                    row.Status, row.SourceId, row.SourceDisplayName, row.TargetId, row.TargetDisplayName, row.ErrorCode, row.Record).ConfigureAwait(false);
            }
        }

        if (write.State is { } state)
        {
            await using var replace = Command(
                "INSERT INTO sync_cycle_state (job_id, watermark, checkpoint) VALUES (@job, @watermark, @checkpoint) " +
                "ON CONFLICT (job_id) DO UPDATE SET watermark = excluded.watermark, checkpoint = excluded.checkpoint;",
                "watermark", "checkpoint");
            await ExecuteAsync(replace, cancellationToken, state.Watermark,
                state.Checkpoint is { } checkpoint ? Schema.SynchronizationJson.Serialize(checkpoint) : null).ConfigureAwait(false);
        }
    }

    /// <summary>A command whose first parameter is the job and the others named, in the order <see cref="ExecuteAsync"/> sets them.</summary>
    private SqliteCommand Command(string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@job", jobId);
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
        }

        return command;
    }

    private static Task<int> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i + 1].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
