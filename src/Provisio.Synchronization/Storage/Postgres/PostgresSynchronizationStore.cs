using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage.Postgres;

/// <summary>
/// The synchronization store on PostgreSQL (15 or later), in the directory's schema (<c>provisio</c> unless configured):
/// tables prefixed <c>sync_</c>, created or migrated by <see cref="InitializeAsync"/> (<see cref="PostgresSynchronizationSchema"/>).
/// Documents are <c>json</c>; a unit of work is a handful of statements whatever its size (<see cref="PostgresSynchronizationWriter"/>).
/// </summary>
public sealed partial class PostgresSynchronizationStore : ISynchronizationStore
{
    private const string EntryColumns =
        "e.source_id, e.object_type, e.target_id, e.state, e.display_name, e.exported_values, e.exported_references, e.last_modified";

    private const string EscrowColumns =
        "source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry";

    private const string JobColumns = "service_principal_id, job, job_schema, version";

    private const string EmailColumns =
        "id, job_id, recipients, subject, text_body, html_body, created, attempts, next_attempt, sent, last_error, gave_up";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSynchronizationSchema _schema;
    private readonly TimeProvider _time;

    private readonly string _jobs;
    private readonly string _secrets;
    private readonly string _keys;
    private readonly string _state;
    private readonly string _entries;
    private readonly string _escrows;
    private readonly string _logs;
    private readonly string _audits;
    private readonly string _auditTargets;
    private readonly string _emails;

    /// <summary>A store on a data source shared with others (the directory store's, typically); the caller disposes it.</summary>
    public PostgresSynchronizationStore(NpgsqlDataSource dataSource, string? schema = null, TimeProvider? timeProvider = null)
    {
        // The schema first, so that a bad name is refused whatever else is wrong.
        _schema = new PostgresSynchronizationSchema(schema ?? PostgresSynchronizationSchema.DefaultName);
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _time = timeProvider ?? TimeProvider.System;
        _jobs = _schema.Table("sync_jobs");
        _secrets = _schema.Table("sync_secrets");
        _keys = _schema.Table("sync_protection_keys");
        _state = _schema.Table("sync_cycle_state");
        _entries = _schema.Table("sync_entries");
        _escrows = _schema.Table("sync_escrows");
        _logs = _schema.Table("sync_logs");
        _audits = _schema.Table("sync_audits");
        _auditTargets = _schema.Table("sync_audit_targets");
        _emails = _schema.Table("sync_emails");
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two instances starting together: the second waits here, then finds the tables at the current version.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('provisio.synchronization'), hashtext(@schema));",
            cancellationToken, Text("schema", _schema.Name)).ConfigureAwait(false);

        if (!await SchemaExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            // The directory store may be creating the same schema: take its lock too (it never takes ours, so the two
            // cannot deadlock), then look again. Only when missing: CREATE SCHEMA needs the CREATE privilege on the
            // database even with IF NOT EXISTS, and a schema made by an administrator for a less privileged user is fine.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('provisio.directory'), hashtext(@schema));",
                cancellationToken, Text("schema", _schema.Name)).ConfigureAwait(false);
            if (!await SchemaExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {_schema.Quoted};", cancellationToken).ConfigureAwait(false);
            }
        }

        var versions = _schema.Table("sync_schema_version");
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {versions} (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());",
            cancellationToken).ConfigureAwait(false);
        var version = await ScalarAsync(connection, transaction, $"SELECT max(version) FROM {versions};", cancellationToken).ConfigureAwait(false) is int current
            ? current
            : 0;
        if (version > _schema.Version)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema {_schema.Name} has synchronization tables of version {version}, newer than this Provisio ({_schema.Version}); upgrade Provisio.");
        }

        for (var next = version + 1; next <= _schema.Version; next++)
        {
            await ExecuteAsync(connection, transaction, _schema.Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {versions} (version) VALUES (@version);", cancellationToken,
                new NpgsqlParameter<int>("version", next)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CreateJobAsync(StoredJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            $"INSERT INTO {_jobs} (id, service_principal_id, job, job_schema, version, updated) VALUES (@id, @sp, @job, @schema, 1, @updated) ON CONFLICT (id) DO NOTHING;",
            cancellationToken, Text("id", job.Id), Uuid("sp", job.ServicePrincipalId), Json("job", SynchronizationJson.Serialize(job.Job)),
            Json("schema", SynchronizationJson.Serialize(job.Schema)), Bigint("updated", ColumnEncoding.Ticks(_time.GetUtcNow()))).ConfigureAwait(false) == 1;
    }

    public async Task<StoredJob?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {JobColumns} FROM {_jobs} WHERE id = @id;", Text("id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadJob(reader) : null;
    }

    public async Task<IReadOnlyList<StoredJob>> ListJobsAsync(Guid? servicePrincipalId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = servicePrincipalId is { } id
            ? Command(connection, null, $"SELECT {JobColumns} FROM {_jobs} WHERE service_principal_id = @sp ORDER BY id;", Uuid("sp", id))
            : Command(connection, null, $"SELECT {JobColumns} FROM {_jobs} ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<StoredJob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }

    public async Task<StoredJob?> UpdateJobAsync(StoredJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        // Under READ COMMITTED a concurrent writer of the row waits for the first, then re-reads the row's version and
        // updates nothing.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"UPDATE {_jobs} SET job = @job, job_schema = @schema, version = version + 1, updated = @updated WHERE id = @id AND version = @version " +
            "RETURNING service_principal_id, version;",
            Json("job", SynchronizationJson.Serialize(job.Job)), Json("schema", SynchronizationJson.Serialize(job.Schema)),
            Bigint("updated", ColumnEncoding.Ticks(_time.GetUtcNow())), Text("id", job.Id), Bigint("version", job.Version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? job with { ServicePrincipalId = reader.GetGuid(0), Version = reader.GetInt64(1) }
            : null;
    }

    public async Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The provisioning logs stay, as Entra's do.
        await using var batch = Batch(connection, transaction, jobId,
            $"DELETE FROM {_entries} WHERE job_id = @job;",
            $"DELETE FROM {_escrows} WHERE job_id = @job;",
            $"DELETE FROM {_state} WHERE job_id = @job;",
            $"DELETE FROM {_jobs} WHERE id = @job;");
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch.BatchCommands[^1].RecordsAffected == 1;
    }

    public async Task<string?> GetProtectedSecretsAsync(Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT secrets FROM {_secrets} WHERE service_principal_id = @sp;", Uuid("sp", servicePrincipalId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SetProtectedSecretsAsync(Guid servicePrincipalId, string protectedSecrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protectedSecrets);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO {_secrets} (service_principal_id, secrets) VALUES (@sp, @secrets) ON CONFLICT (service_principal_id) DO UPDATE SET secrets = excluded.secrets;",
            cancellationToken, Uuid("sp", servicePrincipalId), Text("secrets", protectedSecrets)).ConfigureAwait(false);
    }

    public IReadOnlyList<string> ReadProtectionKeys()
    {
        // Synchronous: ASP.NET Core Data Protection's IXmlRepository is.
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"SELECT xml FROM {_keys} ORDER BY id;");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void StoreProtectionKey(string friendlyName, string xml)
    {
        ArgumentNullException.ThrowIfNull(friendlyName);
        ArgumentNullException.ThrowIfNull(xml);

        // Data Protection never stores a name twice; each key is a new row, read back in the order stored.
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"INSERT INTO {_keys} (friendly_name, xml, created) VALUES (@name, @xml, @created);",
            Text("name", friendlyName), Text("xml", xml), Bigint("created", ColumnEncoding.Ticks(_time.GetUtcNow())));
        command.ExecuteNonQuery();
    }

    public async Task<CycleState> GetCycleStateAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT watermark, checkpoint FROM {_state} WHERE job_id = @job;", Text("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return CycleState.Initial;
        }

        return new CycleState
        {
            Watermark = reader.IsDBNull(0) ? null : reader.GetInt64(0),
            Checkpoint = reader.IsDBNull(1) ? null : ColumnEncoding.Deserialize<CycleCheckpoint>(reader.GetString(1)),
        };
    }

    public async Task<IReadOnlyDictionary<Guid, ConnectorEntry>> GetEntriesAsync(string jobId, IReadOnlyCollection<Guid> sourceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        var entries = new Dictionary<Guid, ConnectorEntry>(sourceIds.Count);
        if (sourceIds.Count == 0)
        {
            return entries;
        }

        // unnest(...) joined, not = ANY(...): the planner then expects few rows and looks each up by the primary key,
        // where a large ANY array can make it scan the job's entries (PostgresBatchWriter in the directory found the same).
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EntryColumns} FROM unnest(@ids) AS given(id) JOIN {_entries} AS e ON e.job_id = @job AND e.source_id = given.id;",
            Text("job", jobId), Uuids("ids", sourceIds.Distinct()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = ReadEntry(reader);
            entries[entry.SourceId] = entry;
        }

        return entries;
    }

    public async Task<IReadOnlyDictionary<Guid, ConnectorLink>> GetLinksAsync(string jobId, IReadOnlyCollection<Guid> sourceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        var links = new Dictionary<Guid, ConnectorLink>(sourceIds.Count);
        if (sourceIds.Count == 0)
        {
            return links;
        }

        // As GetEntriesAsync: unnest(...) joined, each id looked up by the primary key.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT e.source_id, e.object_type, e.target_id FROM unnest(@ids) AS given(id) JOIN {_entries} AS e ON e.job_id = @job AND e.source_id = given.id;",
            Text("job", jobId), Uuids("ids", sourceIds.Distinct()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links[reader.GetGuid(0)] = new ConnectorLink(reader.GetString(1), reader.GetString(2));
        }

        return links;
    }

    public async IAsyncEnumerable<ConnectorEntry> ReadEntriesAsync(string jobId, string objectType, Guid? afterSourceId, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = afterSourceId is { } after
            ? Command(connection, null,
                $"SELECT {EntryColumns} FROM {_entries} AS e WHERE e.job_id = @job AND e.object_type = @type AND e.source_id > @after ORDER BY e.source_id LIMIT @limit;",
                Text("job", jobId), Text("type", objectType), Uuid("after", after), new NpgsqlParameter<int>("limit", limit))
            : Command(connection, null,
                $"SELECT {EntryColumns} FROM {_entries} AS e WHERE e.job_id = @job AND e.object_type = @type ORDER BY e.source_id LIMIT @limit;",
                Text("job", jobId), Text("type", objectType), new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEntriesAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT object_type, count(*) FROM {_entries} WHERE job_id = @job GROUP BY object_type;",
            Text("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async IAsyncEnumerable<EscrowEntry> ReadDueEscrowsAsync(string jobId, DateTimeOffset dueBy, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EscrowColumns} FROM {_escrows} WHERE job_id = @job AND next_retry <= @due ORDER BY next_retry, source_id, kind LIMIT @limit;",
            Text("job", jobId), Bigint("due", ColumnEncoding.Ticks(dueBy)), new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEscrow(reader);
        }
    }

    public async IAsyncEnumerable<EscrowEntry> ReadEscrowsAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {EscrowColumns} FROM {_escrows} WHERE job_id = @job ORDER BY source_id, kind;",
            Text("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEscrow(reader);
        }
    }

    public async Task<EscrowCounts> CountEscrowsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT count(*) FILTER (WHERE kind = @object), count(*) FILTER (WHERE kind = @reference) FROM {_escrows} WHERE job_id = @job;",
            Text("job", jobId), Text("object", nameof(EscrowKind.Object)), Text("reference", nameof(EscrowKind.Reference)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new EscrowCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task WriteAsync(string jobId, SynchronizationWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.IsEmpty)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await new PostgresSynchronizationWriter(connection, transaction, jobId, _entries, _escrows, _logs, _state).WriteAsync(write, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ResetAsync(string jobId, SynchronizationReset reset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reset);
        var statements = new List<string>();
        if (reset.Watermark)
        {
            statements.Add($"DELETE FROM {_state} WHERE job_id = @job;");
        }

        if (reset.Escrows)
        {
            statements.Add($"DELETE FROM {_escrows} WHERE job_id = @job;");
        }

        if (reset.ConnectorDataStore)
        {
            statements.Add($"DELETE FROM {_entries} WHERE job_id = @job;");
        }

        if (statements.Count == 0)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = Batch(connection, transaction, jobId, [.. statements]);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProvisioningLogPage> QueryLogsAsync(ProvisioningLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        var filter = ProvisioningLogFilter.For(query);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT record, activity_date_time, id FROM {_logs} WHERE {filter.Where} ORDER BY {filter.Order} LIMIT @top;",
            [.. filter.Parameters.Select(Parameter), new NpgsqlParameter<int>("top", query.Top + 1)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ProvisioningObjectSummary>(Math.Min(query.Top, 1000));
        ProvisioningLogCursor? last = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entries.Count == query.Top)
            {
                return new ProvisioningLogPage(entries, last);
            }

            entries.Add(ColumnEncoding.Deserialize<ProvisioningObjectSummary>(reader.GetString(0)));
            last = new ProvisioningLogCursor(ColumnEncoding.Time(reader.GetInt64(1)), reader.GetString(2));
        }

        return new ProvisioningLogPage(entries, null);
    }

    public async Task<long> CountLogsAsync(ProvisioningLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = ProvisioningLogFilter.For(query, counting: true);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT COUNT(*) FROM {_logs} WHERE {filter.Where};",
            [.. filter.Parameters.Select(Parameter)]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<ProvisioningObjectSummary?> GetLogAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT record FROM {_logs} WHERE id = @id;", Text("id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string record
            ? ColumnEncoding.Deserialize<ProvisioningObjectSummary>(record)
            : null;
    }

    public async IAsyncEnumerable<string> ReadLoggedSourceIdsAsync(string jobId, string cycleId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT DISTINCT source_id FROM {_logs} WHERE cycle_id = @cycle AND job_id = @job AND source_id IS NOT NULL;", Text("cycle", cycleId), Text("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    public async Task AppendAuditAsync(DirectoryAudit audit, CancellationToken cancellationToken)
    {
        var row = DirectoryAuditRow.From(audit);

        // One statement: the audit, and its targets only when the audit was new (an id stored before keeps its targets).
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"WITH added AS (INSERT INTO {_audits} (id, activity_date_time, activity_display_name, category, logged_by_service, correlation_id, result, record) " +
            "VALUES (@id, @time, @name, @category, @service, @correlation, @result, @record) ON CONFLICT (id) DO NOTHING RETURNING id) " +
            $"INSERT INTO {_auditTargets} (target_id, audit_id) SELECT target, added.id FROM added CROSS JOIN unnest(@targets) AS target;",
            cancellationToken, Text("id", row.Id), Bigint("time", row.ActivityDateTime), Text("name", row.ActivityDisplayName), Text("category", row.Category),
            Text("service", row.LoggedByService), Text("correlation", row.CorrelationId), Text("result", row.Result), Json("record", row.Record),
            new NpgsqlParameter<string[]>("targets", [.. row.TargetIds]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }).ConfigureAwait(false);
    }

    public async Task<DirectoryAuditPage> QueryAuditsAsync(DirectoryAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        var filter = DirectoryAuditFilter.For(query, _auditTargets);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT record, activity_date_time, id FROM {_audits} WHERE {filter.Where} ORDER BY {ActivityFilter.OrderBy} LIMIT @top;",
            [.. filter.Parameters.Select(Parameter), new NpgsqlParameter<int>("top", query.Top + 1)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var audits = new List<DirectoryAudit>(Math.Min(query.Top, 1000));
        DirectoryAuditCursor? last = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (audits.Count == query.Top)
            {
                return new DirectoryAuditPage(audits, last);
            }

            audits.Add(ColumnEncoding.Deserialize<DirectoryAudit>(reader.GetString(0)));
            last = new DirectoryAuditCursor(ColumnEncoding.Time(reader.GetInt64(1)), reader.GetString(2));
        }

        return new DirectoryAuditPage(audits, null);
    }

    public async Task<DirectoryAudit?> GetAuditAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT record FROM {_audits} WHERE id = @id;", Text("id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string record
            ? ColumnEncoding.Deserialize<DirectoryAudit>(record)
            : null;
    }

    public async Task EnqueueEmailAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.Id);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO {_emails} ({EmailColumns}) VALUES (@id, @job, @to, @subject, @text, @html, @created, @attempts, @next, @sent, @error, @gaveUp) " +
            "ON CONFLICT (id) DO NOTHING;",
            cancellationToken, Text("id", email.Id), Text("job", email.JobId), Json("to", SynchronizationJson.Serialize(email.To)), Text("subject", email.Subject),
            Text("text", email.TextBody), Text("html", email.HtmlBody), Bigint("created", ColumnEncoding.Ticks(email.Created)),
            new NpgsqlParameter<int>("attempts", email.Attempts), Bigint("next", ColumnEncoding.Ticks(email.NextAttempt)),
            NullableBigint("sent", email.Sent), Text("error", email.LastError), new NpgsqlParameter<bool>("gaveUp", email.GaveUp)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutgoingEmail>> ReadDueEmailsAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EmailColumns} FROM {_emails} WHERE sent IS NULL AND NOT gave_up AND next_attempt <= @due ORDER BY created, id LIMIT @limit;",
            Bigint("due", ColumnEncoding.Ticks(dueBy)), new NpgsqlParameter<int>("limit", limit));
        return await ReadEmailsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordEmailAttemptAsync(string id, DateTimeOffset? sent, string? error, DateTimeOffset? nextAttempt, bool gaveUp,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"UPDATE {_emails} SET attempts = attempts + 1, sent = @sent, last_error = @error, next_attempt = COALESCE(@next, next_attempt), gave_up = @gaveUp " +
            "WHERE id = @id;",
            cancellationToken, Text("id", id), NullableBigint("sent", sent), Text("error", error), NullableBigint("next", nextAttempt),
            new NpgsqlParameter<bool>("gaveUp", gaveUp)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutgoingEmail>> ListEmailsAsync(string? jobId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = jobId is null
            ? Command(connection, null, $"SELECT {EmailColumns} FROM {_emails} ORDER BY created DESC, id DESC LIMIT @limit;",
                new NpgsqlParameter<int>("limit", limit))
            : Command(connection, null, $"SELECT {EmailColumns} FROM {_emails} WHERE job_id = @job ORDER BY created DESC, id DESC LIMIT @limit;",
                Text("job", jobId), new NpgsqlParameter<int>("limit", limit));
        return await ReadEmailsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to release: the data source is the caller's.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema);", Text("schema", _schema.Name));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static StoredJob ReadJob(NpgsqlDataReader reader) => new()
    {
        ServicePrincipalId = reader.GetGuid(0),
        Job = ColumnEncoding.Deserialize<SynchronizationJob>(reader.GetString(1)),
        Schema = ColumnEncoding.Deserialize<SynchronizationSchema>(reader.GetString(2)),
        Version = reader.GetInt64(3),
    };

    private static ConnectorEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        SourceId = reader.GetGuid(0),
        ObjectType = reader.GetString(1),
        TargetId = reader.GetString(2),
        State = Enum.Parse<ConnectorEntryState>(reader.GetString(3)),
        DisplayName = reader.IsDBNull(4) ? null : reader.GetString(4),
        ExportedValues = ColumnEncoding.ParseObject(reader.GetString(5)),
        ExportedReferences = ColumnEncoding.ParseObject(reader.GetString(6)),
        LastModified = ColumnEncoding.Time(reader.GetInt64(7)),
    };

    private static EscrowEntry ReadEscrow(NpgsqlDataReader reader) => new()
    {
        SourceId = reader.GetGuid(0),
        Kind = Enum.Parse<EscrowKind>(reader.GetString(1)),
        ObjectType = reader.GetString(2),
        Action = reader.GetString(3),
        ErrorCode = reader.GetString(4),
        Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
        DisplayName = reader.IsDBNull(6) ? null : reader.GetString(6),
        FirstFailure = ColumnEncoding.Time(reader.GetInt64(7)),
        LastFailure = ColumnEncoding.Time(reader.GetInt64(8)),
        Attempts = reader.GetInt32(9),
        NextRetry = ColumnEncoding.Time(reader.GetInt64(10)),
    };

    private static async Task<IReadOnlyList<OutgoingEmail>> ReadEmailsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var emails = new List<OutgoingEmail>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            emails.Add(new OutgoingEmail
            {
                Id = reader.GetString(0),
                JobId = reader.IsDBNull(1) ? null : reader.GetString(1),
                To = ColumnEncoding.Deserialize<string[]>(reader.GetString(2)),
                Subject = reader.GetString(3),
                TextBody = reader.GetString(4),
                HtmlBody = reader.IsDBNull(5) ? null : reader.GetString(5),
                Created = ColumnEncoding.Time(reader.GetInt64(6)),
                Attempts = reader.GetInt32(7),
                NextAttempt = ColumnEncoding.Time(reader.GetInt64(8)),
                Sent = reader.IsDBNull(9) ? null : ColumnEncoding.Time(reader.GetInt64(9)),
                LastError = reader.IsDBNull(10) ? null : reader.GetString(10),
                GaveUp = reader.GetBoolean(11),
            });
        }

        return emails;
    }

    /// <summary>Statements sharing the job parameter, sent in one round trip.</summary>
    private static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, params string[] statements)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(Text("job", jobId));
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A log or audit filter's parameter: text or bigint (<see cref="ActivityFilter"/>).</summary>
    private static NpgsqlParameter Parameter((string Name, object Value) parameter) => parameter.Value switch
    {
        long ticks => Bigint(parameter.Name, ticks),
        string text => Text(parameter.Name, text),
        _ => throw new ArgumentException($"A log filter's parameter {parameter.Name} is neither text nor bigint.", nameof(parameter)),
    };

    private static NpgsqlParameter<string?> Text(string name, string? value) => new(name, value) { NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<string> Json(string name, string json) => new(name, json) { NpgsqlDbType = NpgsqlDbType.Json };

    private static NpgsqlParameter<long> Bigint(string name, long value) => new(name, value);

    /// <summary>A timestamp as ticks, or NULL.</summary>
    private static NpgsqlParameter NullableBigint(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.Bigint) { Value = value is { } time ? ColumnEncoding.Ticks(time) : DBNull.Value };

    private static NpgsqlParameter<Guid> Uuid(string name, Guid value) => new(name, value);

    private static NpgsqlParameter<Guid[]> Uuids(string name, IEnumerable<Guid> ids) => new(name, [.. ids]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
}
