using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage.Sqlite;

/// <summary>
/// Applies one <see cref="SynchronizationWrite"/> inside the store's write transaction, in the order the write
/// documents: entries removed, entries written, escrows resolved, escrows raised, logs appended, state replaced. Each kind
/// of statement is prepared once and run for each of its rows (<see cref="SqliteRowStatement"/>: preparing is most of the
/// cost of a one-row statement in SQLite, and a cycle's unit of work carries hundreds of rows).
/// </summary>
internal sealed class SqliteSynchronizationWriter(SqliteConnection connection, SqliteTransaction transaction, string jobId)
{
    public async Task WriteAsync(SynchronizationWrite write, CancellationToken cancellationToken)
    {
        if (write.RemovedEntries.Count > 0)
        {
            using var remove = Statement("DELETE FROM sync_entries WHERE job_id = @job AND source_id = @source;");
            var source = remove.Index("@source");
            foreach (var sourceId in write.RemovedEntries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                remove.Bind(source, sourceId);
                remove.Execute();
            }
        }

        if (write.Entries.Count > 0)
        {
            using var upsert = Statement(
                "INSERT INTO sync_entries (job_id, source_id, object_type, target_id, state, display_name, exported_values, exported_references, last_modified) " +
                "VALUES (@job, @source, @type, @target, @state, @name, @values, @references, @modified) " +
                "ON CONFLICT (job_id, source_id) DO UPDATE SET object_type = excluded.object_type, target_id = excluded.target_id, state = excluded.state, " +
                "display_name = excluded.display_name, exported_values = excluded.exported_values, exported_references = excluded.exported_references, " +
                "last_modified = excluded.last_modified;");
            var (source, type, target, entryState, name, values, references, modified) = (upsert.Index("@source"), upsert.Index("@type"), upsert.Index("@target"),
                upsert.Index("@state"), upsert.Index("@name"), upsert.Index("@values"), upsert.Index("@references"), upsert.Index("@modified"));
            foreach (var entry in write.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                upsert.Bind(source, entry.SourceId);
                upsert.Bind(type, entry.ObjectType);
                upsert.Bind(target, entry.TargetId);
                upsert.Bind(entryState, entry.State.ToString());
                upsert.Bind(name, entry.DisplayName);
                upsert.BindJson(values, entry.ExportedValues, WriteObject, SynchronizationJson.Options);
                upsert.BindJson(references, entry.ExportedReferences, WriteObject, SynchronizationJson.Options);
                upsert.Bind(modified, ColumnEncoding.Ticks(entry.LastModified));
                upsert.Execute();
            }
        }

        if (write.ResolvedEscrows.Count > 0)
        {
            using var resolve = Statement("DELETE FROM sync_escrows WHERE job_id = @job AND source_id = @source AND kind = @kind;");
            var (source, kind) = (resolve.Index("@source"), resolve.Index("@kind"));
            foreach (var key in write.ResolvedEscrows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                resolve.Bind(source, key.SourceId);
                resolve.Bind(kind, key.Kind.ToString());
                resolve.Execute();
            }
        }

        if (write.Escrows.Count > 0)
        {
            using var upsert = Statement(
                "INSERT INTO sync_escrows (job_id, source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry) " +
                "VALUES (@job, @source, @kind, @type, @action, @code, @reason, @name, @first, @last, @attempts, @next) " +
                "ON CONFLICT (job_id, source_id, kind) DO UPDATE SET object_type = excluded.object_type, action = excluded.action, error_code = excluded.error_code, " +
                "reason = excluded.reason, display_name = excluded.display_name, first_failure = excluded.first_failure, last_failure = excluded.last_failure, " +
                "attempts = excluded.attempts, next_retry = excluded.next_retry;");
            string[] names = ["@source", "@kind", "@type", "@action", "@code", "@reason", "@name", "@first", "@last", "@attempts", "@next"];
            var at = Array.ConvertAll(names, upsert.Index);
            foreach (var escrow in write.Escrows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                upsert.Bind(at[0], escrow.SourceId);
                upsert.Bind(at[1], escrow.Kind.ToString());
                upsert.Bind(at[2], escrow.ObjectType);
                upsert.Bind(at[3], escrow.Action);
                upsert.Bind(at[4], escrow.ErrorCode);
                upsert.Bind(at[5], escrow.Reason);
                upsert.Bind(at[6], escrow.DisplayName);
                upsert.Bind(at[7], ColumnEncoding.Ticks(escrow.FirstFailure));
                upsert.Bind(at[8], ColumnEncoding.Ticks(escrow.LastFailure));
                upsert.Bind(at[9], escrow.Attempts);
                upsert.Bind(at[10], ColumnEncoding.Ticks(escrow.NextRetry));
                upsert.Execute();
            }
        }

        if (write.Logs.Count > 0)
        {
            // Append-only: a log id seen twice is a bug, and the primary key fails the whole write.
            using var insert = new SqliteRowStatement(connection,
                "INSERT INTO sync_logs (id, job_id, service_principal_id, cycle_id, change_id, activity_date_time, action, status, source_id, source_display_name, " +
                "target_id, target_display_name, error_code, identity_type, failed_step, record) " +
                "VALUES (@id, @log_job, @sp, @cycle, @change, @activity, @action, @status, @source, @source_name, @target, @target_name, @code, @identity_type, @failed_step, @record);");
            string[] names =
            [
                "@id", "@log_job", "@sp", "@cycle", "@change", "@activity", "@action", "@status", "@source", "@source_name", "@target", "@target_name", "@code",
                "@identity_type", "@failed_step", "@record",
            ];
            var at = Array.ConvertAll(names, insert.Index);
            foreach (var log in write.Logs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The columns as the row gives them; the record, the whole entry, written as UTF-8 with no string between.
                var row = ProvisioningLogRow.From(log, record: string.Empty);
                insert.Bind(at[0], row.Id);
                insert.Bind(at[1], row.JobId);
                insert.Bind(at[2], row.ServicePrincipalId);
                insert.Bind(at[3], row.CycleId);
                insert.Bind(at[4], row.ChangeId);
                insert.Bind(at[5], row.ActivityDateTime);
                insert.Bind(at[6], row.Action);
                insert.Bind(at[7], row.Status);
                insert.Bind(at[8], row.SourceId);
                insert.Bind(at[9], row.SourceDisplayName);
                insert.Bind(at[10], row.TargetId);
                insert.Bind(at[11], row.TargetDisplayName);
                insert.Bind(at[12], row.ErrorCode);
                insert.Bind(at[13], row.IdentityType);
                insert.Bind(at[14], row.FailedStep);
                insert.BindJson(at[15], log, ProvisioningLogRow.WriteRecord, SynchronizationJson.Options);
                insert.Execute();
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

    /// <summary>A row statement whose <c>@job</c> is bound once, for every row.</summary>
    private SqliteRowStatement Statement(string sql)
    {
        var statement = new SqliteRowStatement(connection, sql);
        statement.Bind(statement.Index("@job"), jobId);
        return statement;
    }

    /// <summary>A JSON column as <see cref="ColumnEncoding.Json"/> writes it.</summary>
    private static void WriteObject(Utf8JsonWriter writer, JsonObject value) => value.WriteTo(writer, SynchronizationJson.Options);

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
