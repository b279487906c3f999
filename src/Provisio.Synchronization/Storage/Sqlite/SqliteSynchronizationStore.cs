using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage.Sqlite;

/// <summary>
/// The synchronization store in a SQLite file, usually the directory's own (<c>SqliteDirectoryStore</c>): its tables
/// are prefixed <c>sync_</c> and versioned in <c>sync_schema_version</c>, apart from the directory's. Connections and
/// pragmas are the directory store's: a private cache, pooling, WAL (readers run beside the writer) and a 30-second busy
/// timeout. Writes run in immediate transactions, so they are serialized and never fail on a lock upgrade.
/// </summary>
/// <remarks>
/// Timestamps are UTC ticks (<see cref="ColumnEncoding"/>), Guids lowercase <c>D</c> text (ordered as Guids are),
/// documents JSON text as <see cref="SynchronizationJson"/> writes them.
/// </remarks>
public sealed class SqliteSynchronizationStore(string path, TimeProvider? timeProvider = null) : ISynchronizationStore
{
    private const string EntryColumns =
        "source_id, object_type, target_id, state, display_name, exported_values, exported_references, last_modified";

    private const string EscrowColumns =
        "source_id, kind, object_type, action, error_code, reason, display_name, first_failure, last_failure, attempts, next_retry";

    private const string EmailColumns =
        "id, job_id, recipients, subject, text_body, html_body, created, attempts, next_attempt, sent, last_error, gave_up";

    // Append a step for each change; never edit a released one. Version n turns version n - 1 into n (0: no tables).
    private static readonly string[] Migrations =
    [
        // 1: jobs, secrets, the data-protection key ring, cycle state, the connector data store, escrows, provisioning logs.
        """
        CREATE TABLE sync_jobs (
            id TEXT PRIMARY KEY,
            service_principal_id TEXT NOT NULL,
            job TEXT NOT NULL,
            job_schema TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated INTEGER NOT NULL);
        CREATE INDEX sync_jobs_service_principal ON sync_jobs (service_principal_id, id);
        CREATE TABLE sync_secrets (
            service_principal_id TEXT PRIMARY KEY,
            secrets TEXT NOT NULL);
        CREATE TABLE sync_protection_keys (
            id INTEGER PRIMARY KEY,
            friendly_name TEXT NOT NULL,
            xml TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE TABLE sync_cycle_state (
            job_id TEXT PRIMARY KEY,
            watermark INTEGER NULL,
            checkpoint TEXT NULL);
        CREATE TABLE sync_entries (
            job_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            object_type TEXT NOT NULL,
            target_id TEXT NOT NULL,
            state TEXT NOT NULL,
            display_name TEXT NULL,
            exported_values TEXT NOT NULL,
            exported_references TEXT NOT NULL,
            last_modified INTEGER NOT NULL,
            PRIMARY KEY (job_id, source_id));
        CREATE INDEX sync_entries_object_type ON sync_entries (job_id, object_type, source_id);
        CREATE TABLE sync_escrows (
            job_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            object_type TEXT NOT NULL,
            action TEXT NOT NULL,
            error_code TEXT NOT NULL,
            reason TEXT NULL,
            display_name TEXT NULL,
            first_failure INTEGER NOT NULL,
            last_failure INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_retry INTEGER NOT NULL,
            PRIMARY KEY (job_id, source_id, kind));
        CREATE INDEX sync_escrows_next_retry ON sync_escrows (job_id, next_retry);
        CREATE TABLE sync_logs (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            service_principal_id TEXT NULL,
            cycle_id TEXT NOT NULL,
            change_id TEXT NOT NULL,
            activity_date_time INTEGER NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            source_id TEXT NULL,
            source_display_name TEXT NULL,
            target_id TEXT NULL,
            target_display_name TEXT NULL,
            error_code TEXT NULL,
            record TEXT NOT NULL);
        CREATE INDEX sync_logs_activity ON sync_logs (activity_date_time DESC, id DESC);
        CREATE INDEX sync_logs_job ON sync_logs (job_id, activity_date_time DESC, id DESC);
        CREATE INDEX sync_logs_status ON sync_logs (status, activity_date_time DESC);
        CREATE INDEX sync_logs_cycle ON sync_logs (cycle_id);
        CREATE INDEX sync_logs_source ON sync_logs (source_id);
        CREATE INDEX sync_logs_target ON sync_logs (target_id);
        """,

        // 2: directory audits (and the ids of their target resources), the e-mail outbox.
        """
        CREATE TABLE sync_audits (
            id TEXT PRIMARY KEY,
            activity_date_time INTEGER NOT NULL,
            activity_display_name TEXT NOT NULL,
            category TEXT NOT NULL,
            logged_by_service TEXT NOT NULL,
            correlation_id TEXT NULL,
            result TEXT NOT NULL,
            record TEXT NOT NULL);
        CREATE INDEX sync_audits_activity ON sync_audits (activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_display_name ON sync_audits (activity_display_name, activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_category ON sync_audits (category, activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_service ON sync_audits (logged_by_service, activity_date_time DESC, id DESC);
        CREATE TABLE sync_audit_targets (
            target_id TEXT NOT NULL,
            audit_id TEXT NOT NULL,
            PRIMARY KEY (target_id, audit_id));
        CREATE TABLE sync_emails (
            id TEXT PRIMARY KEY,
            job_id TEXT NULL,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT NULL,
            created INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt INTEGER NOT NULL,
            sent INTEGER NULL,
            last_error TEXT NULL,
            gave_up INTEGER NOT NULL);
        CREATE INDEX sync_emails_pending ON sync_emails (created, id) WHERE sent IS NULL AND gave_up = 0;
        CREATE INDEX sync_emails_created ON sync_emails (created DESC, id DESC);
        CREATE INDEX sync_emails_job ON sync_emails (job_id, created DESC, id DESC);
        """,

        // 3: the troubleshooting presets (ProvisioningLogPresets): the source identity's type and the first failed step's
        // type as columns, filled in for the logs already written from their records; error codes indexed for the presets
        // that ask for a few of them among many entries.
        """
        ALTER TABLE sync_logs ADD COLUMN identity_type TEXT NULL;
        ALTER TABLE sync_logs ADD COLUMN failed_step TEXT NULL;
        UPDATE sync_logs SET identity_type = json_extract(record, '$.sourceIdentity.identityType');
        UPDATE sync_logs SET failed_step = (
            SELECT json_extract(step.value, '$.provisioningStepType') FROM json_each(record, '$.provisioningSteps') AS step
            WHERE json_extract(step.value, '$.status') = 'failure' ORDER BY step.key LIMIT 1)
        WHERE status = 'failure';
        CREATE INDEX sync_logs_error_code ON sync_logs (error_code, activity_date_time DESC, id DESC);
        """,
    ];

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    private static int SchemaVersion => Migrations.Length;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, Provisio.Directory.Storage.Sqlite.SqliteDirectoryStore.FilePragmas, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS sync_schema_version (version INTEGER NOT NULL);", cancellationToken)
            .ConfigureAwait(false);
        var version = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM sync_schema_version;", cancellationToken).ConfigureAwait(false) ?? 0;
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The database {path} has synchronization schema version {version}, newer than this Provisio ({SchemaVersion}); upgrade Provisio.");
        }

        for (var next = version + 1; next <= SchemaVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM sync_schema_version; INSERT INTO sync_schema_version (version) VALUES (@version);", cancellationToken,
            ("version", SchemaVersion)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CreateJobAsync(StoredJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            "INSERT INTO sync_jobs (id, service_principal_id, job, job_schema, version, updated) VALUES (@id, @sp, @job, @schema, 1, @updated) ON CONFLICT (id) DO NOTHING;",
            cancellationToken, ("id", job.Id), ("sp", ColumnEncoding.Key(job.ServicePrincipalId)), ("job", SynchronizationJson.Serialize(job.Job)),
            ("schema", SynchronizationJson.Serialize(job.Schema)), ("updated", ColumnEncoding.Ticks(_time.GetUtcNow()))).ConfigureAwait(false) == 1;
    }

    public async Task<StoredJob?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT service_principal_id, job, job_schema, version FROM sync_jobs WHERE id = @id;", ("id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadJob(reader) : null;
    }

    public async Task<IReadOnlyList<StoredJob>> ListJobsAsync(Guid? servicePrincipalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = servicePrincipalId is { } id
            ? Command(connection, null, "SELECT service_principal_id, job, job_schema, version FROM sync_jobs WHERE service_principal_id = @sp ORDER BY id;",
                ("sp", ColumnEncoding.Key(id)))
            : Command(connection, null, "SELECT service_principal_id, job, job_schema, version FROM sync_jobs ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<StoredJob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }

    public Task<StoredJob?> UpdateJobAsync(StoredJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        // In an immediate transaction: concurrent writers queue on the write lock, and each later one finds the version moved.
        return WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                "UPDATE sync_jobs SET job = @job, job_schema = @schema, version = version + 1, updated = @updated WHERE id = @id AND version = @version " +
                "RETURNING service_principal_id, version;",
                ("job", SynchronizationJson.Serialize(job.Job)), ("schema", SynchronizationJson.Serialize(job.Schema)),
                ("updated", ColumnEncoding.Ticks(_time.GetUtcNow())), ("id", job.Id), ("version", job.Version));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? job with { ServicePrincipalId = Guid.Parse(reader.GetString(0)), Version = reader.GetInt64(1) }
                : null;
        }, cancellationToken);
    }

    public Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            // The provisioning logs stay, as Entra's do.
            await ExecuteAsync(connection, transaction,
                "DELETE FROM sync_entries WHERE job_id = @job; DELETE FROM sync_escrows WHERE job_id = @job; DELETE FROM sync_cycle_state WHERE job_id = @job;",
                cancellationToken, ("job", jobId)).ConfigureAwait(false);
            return await ExecuteAsync(connection, transaction, "DELETE FROM sync_jobs WHERE id = @job;", cancellationToken, ("job", jobId)).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public async Task<string?> GetProtectedSecretsAsync(Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT secrets FROM sync_secrets WHERE service_principal_id = @sp;",
            ("sp", ColumnEncoding.Key(servicePrincipalId)));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SetProtectedSecretsAsync(Guid servicePrincipalId, string protectedSecrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protectedSecrets);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO sync_secrets (service_principal_id, secrets) VALUES (@sp, @secrets) ON CONFLICT (service_principal_id) DO UPDATE SET secrets = excluded.secrets;",
            cancellationToken, ("sp", ColumnEncoding.Key(servicePrincipalId)), ("secrets", protectedSecrets)).ConfigureAwait(false);
    }

    public IReadOnlyList<string> ReadProtectionKeys()
    {
        // Synchronous: ASP.NET Core Data Protection's IXmlRepository is.
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = Command(connection, null, "SELECT xml FROM sync_protection_keys ORDER BY id;");
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
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = Command(connection, null, "INSERT INTO sync_protection_keys (friendly_name, xml, created) VALUES (@name, @xml, @created);",
            ("name", friendlyName), ("xml", xml), ("created", ColumnEncoding.Ticks(_time.GetUtcNow())));
        command.ExecuteNonQuery();
    }

    public async Task<CycleState> GetCycleStateAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT watermark, checkpoint FROM sync_cycle_state WHERE job_id = @job;", ("job", jobId));
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

        // One statement for the whole set: the ids as one JSON array parameter.
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EntryColumns} FROM sync_entries WHERE job_id = @job AND source_id IN (SELECT value FROM json_each(@ids));",
            ("job", jobId), ("ids", JsonSerializer.Serialize(sourceIds.Select(ColumnEncoding.Key))));
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

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT source_id, object_type, target_id FROM sync_entries WHERE job_id = @job AND source_id IN (SELECT value FROM json_each(@ids));",
            ("job", jobId), ("ids", JsonSerializer.Serialize(sourceIds.Select(ColumnEncoding.Key))));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links[Guid.Parse(reader.GetString(0))] = new ConnectorLink(reader.GetString(1), reader.GetString(2));
        }

        return links;
    }

    public async IAsyncEnumerable<ConnectorEntry> ReadEntriesAsync(string jobId, string objectType, Guid? afterSourceId, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = afterSourceId is { } after
            ? Command(connection, null,
                $"SELECT {EntryColumns} FROM sync_entries WHERE job_id = @job AND object_type = @type AND source_id > @after ORDER BY source_id LIMIT @limit;",
                ("job", jobId), ("type", objectType), ("after", ColumnEncoding.Key(after)), ("limit", limit))
            : Command(connection, null,
                $"SELECT {EntryColumns} FROM sync_entries WHERE job_id = @job AND object_type = @type ORDER BY source_id LIMIT @limit;",
                ("job", jobId), ("type", objectType), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEntriesAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT object_type, COUNT(*) FROM sync_entries WHERE job_id = @job GROUP BY object_type;", ("job", jobId));
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EscrowColumns} FROM sync_escrows WHERE job_id = @job AND next_retry <= @due ORDER BY next_retry, source_id, kind LIMIT @limit;",
            ("job", jobId), ("due", ColumnEncoding.Ticks(dueBy)), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEscrow(reader);
        }
    }

    public async IAsyncEnumerable<EscrowEntry> ReadEscrowsAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EscrowColumns} FROM sync_escrows WHERE job_id = @job ORDER BY source_id, kind;", ("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEscrow(reader);
        }
    }

    public async Task<EscrowCounts> CountEscrowsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT kind, COUNT(*) FROM sync_escrows WHERE job_id = @job GROUP BY kind;", ("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long objects = 0, references = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (Enum.Parse<EscrowKind>(reader.GetString(0)))
            {
                case EscrowKind.Object:
                    objects = reader.GetInt64(1);
                    break;
                case EscrowKind.Reference:
                    references = reader.GetInt64(1);
                    break;
            }
        }

        return new EscrowCounts(objects, references);
    }

    public Task WriteAsync(string jobId, SynchronizationWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(async (connection, transaction) =>
        {
            await new SqliteSynchronizationWriter(connection, transaction, jobId).WriteAsync(write, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken, cycleWork: true);
    }

    public Task ResetAsync(string jobId, SynchronizationReset reset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reset);
        var statements = new List<string>();
        if (reset.Watermark)
        {
            statements.Add("DELETE FROM sync_cycle_state WHERE job_id = @job;");
        }

        if (reset.Escrows)
        {
            statements.Add("DELETE FROM sync_escrows WHERE job_id = @job;");
        }

        if (reset.ConnectorDataStore)
        {
            statements.Add("DELETE FROM sync_entries WHERE job_id = @job;");
        }

        if (statements.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, string.Concat(statements), cancellationToken, ("job", jobId)).ConfigureAwait(false), cancellationToken);
    }

    public async Task<ProvisioningLogPage> QueryLogsAsync(ProvisioningLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        var filter = ProvisioningLogFilter.For(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT record, activity_date_time, id FROM sync_logs WHERE {filter.Where} ORDER BY {filter.Order} LIMIT @top;",
            [.. filter.Parameters.Select(parameter => (parameter.Name, (object?)parameter.Value)), ("top", query.Top + 1)]);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT COUNT(*) FROM sync_logs WHERE {filter.Where};",
            [.. filter.Parameters.Select(parameter => (parameter.Name, (object?)parameter.Value))]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<ProvisioningObjectSummary?> GetLogAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT record FROM sync_logs WHERE id = @id;", ("id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string record
            ? ColumnEncoding.Deserialize<ProvisioningObjectSummary>(record)
            : null;
    }

    public async IAsyncEnumerable<string> ReadLoggedSourceIdsAsync(string jobId, string cycleId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT DISTINCT source_id FROM sync_logs WHERE cycle_id = @cycle AND job_id = @job AND source_id IS NOT NULL;", ("cycle", cycleId), ("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    public Task AppendAuditAsync(DirectoryAudit audit, CancellationToken cancellationToken)
    {
        var row = DirectoryAuditRow.From(audit);
        return WriteAsync(async (connection, transaction) =>
        {
            var added = await ExecuteAsync(connection, transaction,
                "INSERT INTO sync_audits (id, activity_date_time, activity_display_name, category, logged_by_service, correlation_id, result, record) " +
                "VALUES (@id, @time, @name, @category, @service, @correlation, @result, @record) ON CONFLICT (id) DO NOTHING;",
                cancellationToken, ("id", row.Id), ("time", row.ActivityDateTime), ("name", row.ActivityDisplayName), ("category", row.Category),
                ("service", row.LoggedByService), ("correlation", row.CorrelationId), ("result", row.Result), ("record", row.Record)).ConfigureAwait(false);
            if (added == 1 && row.TargetIds.Count > 0)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO sync_audit_targets (target_id, audit_id) SELECT value, @id FROM json_each(@targets);",
                    cancellationToken, ("id", row.Id), ("targets", JsonSerializer.Serialize(row.TargetIds))).ConfigureAwait(false);
            }

            return added;
        }, cancellationToken);
    }

    public async Task<DirectoryAuditPage> QueryAuditsAsync(DirectoryAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        var filter = DirectoryAuditFilter.For(query, "sync_audit_targets");
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT record, activity_date_time, id FROM sync_audits WHERE {filter.Where} ORDER BY {ActivityFilter.OrderBy} LIMIT @top;",
            [.. filter.Parameters.Select(parameter => (parameter.Name, (object?)parameter.Value)), ("top", query.Top + 1)]);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT record FROM sync_audits WHERE id = @id;", ("id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string record
            ? ColumnEncoding.Deserialize<DirectoryAudit>(record)
            : null;
    }

    public async Task EnqueueEmailAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.Id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO sync_emails ({EmailColumns}) VALUES (@id, @job, @to, @subject, @text, @html, @created, @attempts, @next, @sent, @error, @gaveUp) " +
            "ON CONFLICT (id) DO NOTHING;",
            cancellationToken, ("id", email.Id), ("job", email.JobId), ("to", SynchronizationJson.Serialize(email.To)), ("subject", email.Subject),
            ("text", email.TextBody), ("html", email.HtmlBody), ("created", ColumnEncoding.Ticks(email.Created)), ("attempts", email.Attempts),
            ("next", ColumnEncoding.Ticks(email.NextAttempt)), ("sent", email.Sent is { } sent ? ColumnEncoding.Ticks(sent) : null),
            ("error", email.LastError), ("gaveUp", email.GaveUp ? 1 : 0)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutgoingEmail>> ReadDueEmailsAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {EmailColumns} FROM sync_emails WHERE sent IS NULL AND gave_up = 0 AND next_attempt <= @due ORDER BY created, id LIMIT @limit;",
            ("due", ColumnEncoding.Ticks(dueBy)), ("limit", limit));
        return await ReadEmailsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordEmailAttemptAsync(string id, DateTimeOffset? sent, string? error, DateTimeOffset? nextAttempt, bool gaveUp,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "UPDATE sync_emails SET attempts = attempts + 1, sent = @sent, last_error = @error, next_attempt = COALESCE(@next, next_attempt), gave_up = @gaveUp " +
            "WHERE id = @id;",
            cancellationToken, ("id", id), ("sent", sent is { } at ? ColumnEncoding.Ticks(at) : null), ("error", error),
            ("next", nextAttempt is { } next ? ColumnEncoding.Ticks(next) : null), ("gaveUp", gaveUp ? 1 : 0)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutgoingEmail>> ListEmailsAsync(string? jobId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = jobId is null
            ? Command(connection, null, $"SELECT {EmailColumns} FROM sync_emails ORDER BY created DESC, id DESC LIMIT @limit;", ("limit", limit))
            : Command(connection, null, $"SELECT {EmailColumns} FROM sync_emails WHERE job_id = @job ORDER BY created DESC, id DESC LIMIT @limit;",
                ("job", jobId), ("limit", limit));
        return await ReadEmailsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        // This store's pool only: the directory store may share the file and go on using its connections.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs a write in an immediate transaction, committed when it returns and rolled back when it throws. Writes are
    /// synced to disk at each commit (<c>synchronous=FULL</c>) but for a cycle's units of work (<paramref name="cycleWork"/>):
    /// those commit under WAL without waiting for the disk (<c>NORMAL</c>; the WAL is synced at each checkpoint). A
    /// process that is killed loses none of them either way; a power cut can lose the last few, and the cycle then
    /// resumes from the checkpoint before them, matching what it had already created in the target.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken, bool cycleWork = false)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!cycleWork)
        {
            return await TransactionAsync(connection, write, cancellationToken).ConfigureAwait(false);
        }

        // The setting stays with the connection, which the pool (shared with the directory store) hands out again:
        // it goes back to SQLite's FULL before the connection does.
        await ExecuteAsync(connection, null, "PRAGMA synchronous=NORMAL;", cancellationToken).ConfigureAwait(false);
        try
        {
            return await TransactionAsync(connection, write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL;", CancellationToken.None).ConfigureAwait(false);
        }

        static async Task<T> TransactionAsync(SqliteConnection connection, Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static StoredJob ReadJob(SqliteDataReader reader) => new()
    {
        ServicePrincipalId = Guid.Parse(reader.GetString(0)),
        Job = ColumnEncoding.Deserialize<SynchronizationJob>(reader.GetString(1)),
        Schema = ColumnEncoding.Deserialize<SynchronizationSchema>(reader.GetString(2)),
        Version = reader.GetInt64(3),
    };

    private static ConnectorEntry ReadEntry(SqliteDataReader reader) => new()
    {
        SourceId = Guid.Parse(reader.GetString(0)),
        ObjectType = reader.GetString(1),
        TargetId = reader.GetString(2),
        State = Enum.Parse<ConnectorEntryState>(reader.GetString(3)),
        DisplayName = reader.IsDBNull(4) ? null : reader.GetString(4),
        ExportedValues = ColumnEncoding.ParseObject(reader.GetString(5)),
        ExportedReferences = ColumnEncoding.ParseObject(reader.GetString(6)),
        LastModified = ColumnEncoding.Time(reader.GetInt64(7)),
    };

    private static EscrowEntry ReadEscrow(SqliteDataReader reader) => new()
    {
        SourceId = Guid.Parse(reader.GetString(0)),
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

    private static async Task<IReadOnlyList<OutgoingEmail>> ReadEmailsAsync(SqliteCommand command, CancellationToken cancellationToken)
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
                GaveUp = reader.GetInt64(11) != 0,
            });
        }

        return emails;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? (int)value : null;
    }
}
