using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage.Sqlite;

/// <summary>
/// The directory in a SQLite file (the default: created at first start). Writes run in immediate transactions, so
/// they are serialized and each takes the next feed sequence inside its transaction: sequences are assigned in commit
/// order and a reader can never see a later change before an earlier one. WAL lets readers run beside the writer.
/// </summary>
public sealed class SqliteDirectoryStore(string path, TimeProvider? timeProvider = null) : IDirectoryStore
{
    private const int SchemaVersion = 4;

    /// <summary>
    /// What every Provisio file is opened for first, by whichever store initializes it: 16 KiB pages for a new file (an
    /// existing one keeps its own: SQLite changes it only by VACUUM, never in WAL mode), so a provisioning log entry
    /// (4-5 KB of JSON) fits in its leaf page instead of spilling to an overflow page and a cycle's commits write fewer
    /// pages (BENCHMARKS.md, sixth session); then WAL, so readers run beside the writer.
    /// </summary>
    public const string FilePragmas = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;";

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, FilePragmas, cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS feed (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
            INSERT OR IGNORE INTO feed (id, last) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS objects (
                id TEXT PRIMARY KEY,
                kind INTEGER NOT NULL,
                principal_name TEXT NULL COLLATE NOCASE,
                properties TEXT NOT NULL,
                created TEXT NOT NULL,
                deleted TEXT NULL,
                purged INTEGER NOT NULL DEFAULT 0,
                seq INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS objects_principal_name ON objects (principal_name) WHERE purged = 0 AND principal_name IS NOT NULL;
            CREATE INDEX IF NOT EXISTS objects_seq ON objects (seq);
            CREATE TABLE IF NOT EXISTS refs (
                source TEXT NOT NULL,
                relation INTEGER NOT NULL,
                target TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (source, relation, target, role));
            CREATE INDEX IF NOT EXISTS refs_target ON refs (target);
            """, cancellationToken).ConfigureAwait(false);
        var version = await ScalarAsync<long?>(connection, transaction, "SELECT MAX(version) FROM schema_version;", cancellationToken).ConfigureAwait(false) ?? 1;
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The database {path} has schema version {version}, newer than this Provisio ({SchemaVersion}); upgrade Provisio.");
        }

        if (version < 2)
        {
            // 2: the folded displayName in an indexed column, for listings ordered by displayName (DirectoryRules.SortName).
            await ExecuteAsync(connection, transaction, """
                ALTER TABLE objects ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
                CREATE INDEX objects_sort_name ON objects (kind, sort_name, id);
                """, cancellationToken).ConfigureAwait(false);
            await BackfillSortNamesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        if (version < 3)
        {
            // 3: a service principal's appId is unique (checked by the database, so two concurrent creates cannot both win).
            await ExecuteAsync(connection, transaction,
                $"CREATE UNIQUE INDEX {DirectoryRules.AppIdIndex} ON objects (json_extract(properties, '$.appId')) WHERE kind = {(int)DirectoryObjectKind.ServicePrincipal} AND purged = 0;",
                cancellationToken).ConfigureAwait(false);
        }

        if (version < 4)
        {
            // 4: listings in id order by kind (a synchronization cycle's scan) read the index in order; without it, and
            // with no statistics, the planner took the displayName index and sorted every object of the kind per page.
            await ExecuteAsync(connection, transaction, "CREATE INDEX objects_kind_id ON objects (kind, id);", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({SchemaVersion});", cancellationToken)
            .ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<DirectoryResult<DirectoryObject>> CreateAsync(DirectoryObjectKind kind, JsonObject properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (DirectoryRules.CheckText(properties) is { } refusedText)
        {
            return Task.FromResult<DirectoryResult<DirectoryObject>>(refusedText);
        }

        var principalName = kind == DirectoryObjectKind.User ? Text(properties["userPrincipalName"]) : null;
        if (kind == DirectoryObjectKind.User && string.IsNullOrWhiteSpace(principalName))
        {
            return Task.FromResult<DirectoryResult<DirectoryObject>>(new DirectoryError(DirectoryError.BadRequest, "A user needs a userPrincipalName."));
        }

        return WriteAsync<DirectoryObject>(async (connection, transaction, sequence) =>
        {
            if (principalName is not null && await PrincipalNameTakenAsync(connection, transaction, principalName, null, cancellationToken).ConfigureAwait(false))
            {
                return DirectoryRules.DuplicatePrincipalName(principalName);
            }

            var id = properties["id"] is { } given && Guid.TryParse(Text(given), out var requested) ? requested : Guid.NewGuid();
            if (await ScalarAsync<long>(connection, transaction, "SELECT COUNT(*) FROM objects WHERE id = $id;", cancellationToken, ("$id", Key(id)))
                    .ConfigureAwait(false) > 0)
            {
                return DirectoryRules.IdTaken(id);
            }

            var stored = DirectoryRules.Copy(properties);
            stored.Remove("id");
            var created = _time.GetUtcNow();
            var next = sequence();
            await ExecuteAsync(connection, transaction,
                "INSERT INTO objects (id, kind, principal_name, properties, created, deleted, purged, seq, sort_name) VALUES ($id, $kind, $upn, $properties, $created, NULL, 0, $seq, $sort);",
                cancellationToken, ("$id", Key(id)), ("$kind", (int)kind), ("$upn", principalName), ("$properties", DirectoryRules.ToStoredJson(stored)), ("$sort", DirectoryRules.SortName(stored)),
                ("$created", created.ToString("O", CultureInfo.InvariantCulture)), ("$seq", next)).ConfigureAwait(false);
            return DirectoryResult<DirectoryObject>.Success(new DirectoryObject(id, kind, stored, created, null, next));
        }, cancellationToken);
    }

    public Task<DirectoryResult<DirectoryObject>> UpdateAsync(Guid id, JsonObject changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (DirectoryRules.CheckText(changes) is { } refusedText)
        {
            return Task.FromResult<DirectoryResult<DirectoryObject>>(refusedText);
        }

        return WriteAsync<DirectoryObject>(async (connection, transaction, sequence) =>
        {
            var current = await ReadAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return DirectoryError.Missing(id);
            }

            var properties = DirectoryRules.Merge(current.Properties, changes);

            var principalName = current.Kind == DirectoryObjectKind.User ? Text(properties["userPrincipalName"]) : null;
            if (current.Kind == DirectoryObjectKind.User && string.IsNullOrWhiteSpace(principalName))
            {
                return new DirectoryError(DirectoryError.BadRequest, "A user's userPrincipalName cannot be removed.");
            }

            if (principalName is not null && await PrincipalNameTakenAsync(connection, transaction, principalName, id, cancellationToken).ConfigureAwait(false))
            {
                return DirectoryRules.DuplicatePrincipalName(principalName);
            }

            var next = sequence();
            await ExecuteAsync(connection, transaction, "UPDATE objects SET properties = $properties, principal_name = $upn, seq = $seq, sort_name = $sort WHERE id = $id;",
                cancellationToken, ("$sort", DirectoryRules.SortName(properties)), ("$properties", DirectoryRules.ToStoredJson(properties)), ("$upn", principalName), ("$seq", next), ("$id", Key(id))).ConfigureAwait(false);
            return DirectoryResult<DirectoryObject>.Success(current with { Properties = properties, Sequence = next });
        }, cancellationToken);
    }

    public async Task<DirectoryObject?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectoryObject?> FindUserByPrincipalNameAsync(string userPrincipalName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, kind, properties, created, deleted, seq FROM objects WHERE principal_name = $upn AND purged = 0 AND deleted IS NULL;",
            ("$upn", userPrincipalName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Materialize(reader) : null;
    }

    public Task<DirectoryResult<DirectoryObject>> SoftDeleteAsync(Guid id, CancellationToken cancellationToken) =>
        SetDeletedAsync(id, deleted: true, cancellationToken);

    public Task<DirectoryResult<DirectoryObject>> RestoreAsync(Guid id, CancellationToken cancellationToken) =>
        SetDeletedAsync(id, deleted: false, cancellationToken);

    public Task<DirectoryResult<bool>> PurgeAsync(Guid id, CancellationToken cancellationToken) => PurgeAsync(id, deletedOnly: false, cancellationToken);

    public Task<DirectoryResult<bool>> PurgeDeletedAsync(Guid id, CancellationToken cancellationToken) => PurgeAsync(id, deletedOnly: true, cancellationToken);

    private Task<DirectoryResult<bool>> PurgeAsync(Guid id, bool deletedOnly, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async (connection, transaction, sequence) =>
        {
            var current = await ReadAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            if (current is null || (deletedOnly && !current.IsSoftDeleted))
            {
                return current is null ? DirectoryError.Missing(id) : DirectoryRules.NotAmongDeletedItems(id);
            }

            // Whoever referred to the object changes too (a group loses a member, a report loses a manager).
            var sources = new List<string>();
            await using (var command = Command(connection, transaction, "SELECT DISTINCT source FROM refs WHERE target = $id;", ("$id", Key(id))))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sources.Add(reader.GetString(0));
                }
            }

            await ExecuteAsync(connection, transaction, "DELETE FROM refs WHERE source = $id OR target = $id;", cancellationToken, ("$id", Key(id))).ConfigureAwait(false);
            foreach (var source in sources)
            {
                await ExecuteAsync(connection, transaction, "UPDATE objects SET seq = $seq WHERE id = $id AND purged = 0;", cancellationToken,
                    ("$seq", sequence()), ("$id", source)).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction,
                "UPDATE objects SET purged = 1, properties = '{}', principal_name = NULL, sort_name = '', seq = $seq WHERE id = $id;", cancellationToken,
                ("$seq", sequence()), ("$id", Key(id))).ConfigureAwait(false);
            return DirectoryResult<bool>.Success(true);
        }, cancellationToken);

    public Task<DirectoryResult<bool>> AddReferenceAsync(DirectoryReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return WriteAsync<bool>(async (connection, transaction, sequence) =>
        {
            if (await CheckEndsAsync(connection, transaction, reference, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return error;
            }

            if (reference.Relation == DirectoryRelation.Manager)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM refs WHERE source = $source AND relation = $relation;", cancellationToken,
                    ("$source", Key(reference.SourceId)), ("$relation", (int)DirectoryRelation.Manager)).ConfigureAwait(false);
            }

            var inserted = await ExecuteAsync(connection, transaction,
                "INSERT OR IGNORE INTO refs (source, relation, target, role) VALUES ($source, $relation, $target, $role);", cancellationToken,
                ("$source", Key(reference.SourceId)), ("$relation", (int)reference.Relation), ("$target", Key(reference.TargetId)),
                ("$role", reference.AppRoleId is { } role ? Key(role) : string.Empty)).ConfigureAwait(false);
            if (inserted == 0)
            {
                return new DirectoryError(DirectoryError.BadRequest, "One or more added object references already exist for the following modified properties: 'members'.");
            }

            await TouchAsync(connection, transaction, reference.SourceId, sequence(), cancellationToken).ConfigureAwait(false);
            return DirectoryResult<bool>.Success(true);
        }, cancellationToken);
    }

    public Task<DirectoryResult<bool>> RemoveReferenceAsync(DirectoryReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return WriteAsync<bool>(async (connection, transaction, sequence) =>
        {
            var removed = await ExecuteAsync(connection, transaction,
                reference.Relation == DirectoryRelation.Manager || reference.AppRoleId is null
                    ? "DELETE FROM refs WHERE source = $source AND relation = $relation AND target = $target;"
                    : "DELETE FROM refs WHERE source = $source AND relation = $relation AND target = $target AND role = $role;",
                cancellationToken, ("$source", Key(reference.SourceId)), ("$relation", (int)reference.Relation), ("$target", Key(reference.TargetId)),
                ("$role", reference.AppRoleId is { } role ? Key(role) : string.Empty)).ConfigureAwait(false);
            if (removed == 0)
            {
                return new DirectoryError(DirectoryError.NotFound, $"The reference from '{reference.SourceId}' to '{reference.TargetId}' does not exist.");
            }

            await TouchAsync(connection, transaction, reference.SourceId, sequence(), cancellationToken).ConfigureAwait(false);
            return DirectoryResult<bool>.Success(true);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<DirectoryReference> GetReferencesAsync(Guid sourceId, DirectoryRelation relation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT target, role FROM refs WHERE source = $source AND relation = $relation ORDER BY target, role;",
            ("$source", Key(sourceId)), ("$relation", (int)relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var role = reader.GetString(1);
            yield return new DirectoryReference(sourceId, relation, Guid.Parse(reader.GetString(0)), role.Length == 0 ? null : Guid.Parse(role));
        }
    }

    public async IAsyncEnumerable<DirectoryReference> GetReferencesAsync(IReadOnlyCollection<Guid> sourceIds, DirectoryRelation relation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        if (sourceIds.Count == 0)
        {
            yield break;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT source, target, role FROM refs WHERE relation = $relation AND source IN (SELECT value FROM json_each($sources)) ORDER BY source, target, role;",
            ("$sources", JsonSerializer.Serialize(sourceIds.Select(Key))), ("$relation", (int)relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var role = reader.GetString(2);
            yield return new DirectoryReference(Guid.Parse(reader.GetString(0)), relation, Guid.Parse(reader.GetString(1)), role.Length == 0 ? null : Guid.Parse(role));
        }
    }

    public async Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT last FROM feed WHERE id = 1;");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
    }

    public async IAsyncEnumerable<DirectoryReference> GetReferencesToAsync(Guid targetId, DirectoryRelation relation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT source, role FROM refs WHERE target = $target AND relation = $relation ORDER BY source, role;",
            ("$target", Key(targetId)), ("$relation", (int)relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var role = reader.GetString(1);
            yield return new DirectoryReference(Guid.Parse(reader.GetString(0)), relation, targetId, role.Length == 0 ? null : Guid.Parse(role));
        }
    }

    public async IAsyncEnumerable<DirectoryChange> ReadChangesAsync(long afterSequence, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, kind, properties, created, deleted, seq, purged FROM objects WHERE seq > $after ORDER BY seq LIMIT $limit;",
            ("$after", afterSequence), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = Guid.Parse(reader.GetString(0));
            var kind = (DirectoryObjectKind)reader.GetInt32(1);
            var sequence = reader.GetInt64(5);
            yield return reader.GetInt64(6) != 0
                ? new DirectoryChange(sequence, id, kind, null)
                : new DirectoryChange(sequence, id, kind, Materialize(reader));
        }
    }

    public async Task<DirectoryPage> QueryAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Top, DirectoryQuery.MaximumTop);
        var translator = new SqliteFilterTranslator();
        var where = Where(query, translator);
        var sortKey = query.OrderBy is { } orderBy ? translator.SortKey(orderBy) : null;
        var (page, order) = translator.Page(query, sortKey);
        translator.Parameters.Add(("$top", query.Top + 1));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteFilterTranslator.RegisterFunctions(connection);
        await using var command = Command(connection, null,
            $"SELECT id, kind, properties, created, deleted, seq, {sortKey ?? "NULL"} FROM objects WHERE {where}{page} ORDER BY {order} LIMIT $top;",
            [.. translator.Parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await PageReader.ReadAsync(reader, query.Top, 6, Materialize, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var translator = new SqliteFilterTranslator();
        var where = Where(query, translator);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteFilterTranslator.RegisterFunctions(connection);
        return await ScalarAsync<long>(connection, null, $"SELECT COUNT(*) FROM objects WHERE {where};", cancellationToken, [.. translator.Parameters])
            .ConfigureAwait(false);
    }

    public async Task<DirectoryBatchResult> WriteBatchAsync(DirectoryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var checks = DirectoryRules.CheckBatch(batch);
        if (checks.Count > 0)
        {
            return DirectoryBatchResult.Refused(checks, []);
        }

        DirectoryBatchResult? refusal = null;
        var written = await WriteAsync<DirectoryBatchResult>(async (connection, transaction, sequence) =>
        {
            var result = await new SqliteBatchWriter(connection, transaction).WriteAsync(batch, _time.GetUtcNow(), sequence, cancellationToken)
                .ConfigureAwait(false);
            if (!result.Written)
            {
                refusal = result;
                return new DirectoryError(DirectoryError.BadRequest, "The batch was refused.");
            }

            return DirectoryResult<DirectoryBatchResult>.Success(result);
        }, cancellationToken).ConfigureAwait(false);
        return refusal ?? (written.Succeeded ? written.Value! : DirectoryBatchResult.Refused([new(0, written.Error)], []));
    }


    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private Task<DirectoryResult<DirectoryObject>> SetDeletedAsync(Guid id, bool deleted, CancellationToken cancellationToken) =>
        WriteAsync<DirectoryObject>(async (connection, transaction, sequence) =>
        {
            var current = await ReadAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.IsSoftDeleted != !deleted)
            {
                return current is null ? DirectoryError.Missing(id)
                    : new DirectoryError(DirectoryError.NotFound, deleted ? $"Resource '{id}' is already deleted." : $"Resource '{id}' is not among the deleted items.");
            }

            var when = deleted ? _time.GetUtcNow() : (DateTimeOffset?)null;
            var next = sequence();
            await ExecuteAsync(connection, transaction, "UPDATE objects SET deleted = $deleted, seq = $seq WHERE id = $id;", cancellationToken,
                ("$deleted", when?.ToString("O", CultureInfo.InvariantCulture)), ("$seq", next), ("$id", Key(id))).ConfigureAwait(false);
            return DirectoryResult<DirectoryObject>.Success(current with { DeletedDateTime = when, Sequence = next });
        }, cancellationToken);

    private static async Task BackfillSortNamesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var names = new List<(string Id, string SortName)>();
        await using (var read = Command(connection, transaction, "SELECT id, properties FROM objects WHERE purged = 0;"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var sortName = DirectoryRules.SortName((JsonObject)JsonNode.Parse(reader.GetString(1), NodeOptions)!);
                if (sortName.Length > 0)
                {
                    names.Add((reader.GetString(0), sortName));
                }
            }
        }

        await using var update = Command(connection, transaction, "UPDATE objects SET sort_name = $name WHERE id = $id;", ("$name", ""), ("$id", ""));
        foreach (var (id, sortName) in names)
        {
            update.Parameters["$name"].Value = sortName;
            update.Parameters["$id"].Value = id;
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The kind, liveness and filter of a query as a condition; the filter's parameters go to <paramref name="translator"/>.</summary>
    private static string Where(DirectoryQuery query, SqliteFilterTranslator translator)
    {
        translator.Parameters.Add(("$kind", (int)query.Kind));
        // "+kind" keeps the planner off the kind-leading index when a unique index finds the few objects (FilterTranslator.IsBounded).
        var kind = FilterTranslator.IsBounded(query.Filter) ? "+kind" : "kind";
        var where = $"{kind} = $kind AND purged = 0 AND deleted IS {(query.Deleted ? "NOT NULL" : "NULL")}";
        return query.Filter is { } filter ? $"{where} AND {translator.Translate(filter)}" : where;
    }

    /// <summary>
    /// Runs a write in an immediate transaction; <c>sequence()</c> takes the next feed number inside it. A refused write
    /// (an error result) rolls back, so nothing changes.
    /// </summary>
    private async Task<DirectoryResult<T>> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Func<long>, Task<DirectoryResult<T>>> write,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        long last = await ScalarAsync<long>(connection, transaction, "SELECT last FROM feed WHERE id = 1;", cancellationToken).ConfigureAwait(false);
        var used = last;
        DirectoryResult<T> result;
        try
        {
            result = await write(connection, transaction, () => ++used).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19 && exception.Message.Contains(DirectoryRules.AppIdIndex, StringComparison.Ordinal))
        {
            return DirectoryRules.DuplicateAppId(); // SQLITE_CONSTRAINT on the appId index; the transaction rolls back as it is disposed
        }

        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }

        if (used != last)
        {
            await ExecuteAsync(connection, transaction, "UPDATE feed SET last = $last WHERE id = 1;", cancellationToken, ("$last", used)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<bool> PrincipalNameTakenAsync(SqliteConnection connection, SqliteTransaction transaction, string principalName, Guid? except,
        CancellationToken cancellationToken) =>
        await ScalarAsync<long>(connection, transaction,
            "SELECT COUNT(*) FROM objects WHERE principal_name = $upn AND purged = 0 AND ($except IS NULL OR id <> $except);",
            cancellationToken, ("$upn", principalName), ("$except", except is { } id ? Key(id) : null)).ConfigureAwait(false) > 0;

    private static async Task<DirectoryError?> CheckEndsAsync(SqliteConnection connection, SqliteTransaction transaction, DirectoryReference reference,
        CancellationToken cancellationToken)
    {
        var source = await ReadAsync(connection, transaction, reference.SourceId, cancellationToken).ConfigureAwait(false);
        var target = await ReadAsync(connection, transaction, reference.TargetId, cancellationToken).ConfigureAwait(false);
        return DirectoryRules.CheckReference(source, target, reference);
    }

    private static Task TouchAsync(SqliteConnection connection, SqliteTransaction transaction, Guid id, long sequence, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "UPDATE objects SET seq = $seq WHERE id = $id;", cancellationToken, ("$seq", sequence), ("$id", Key(id)));

    private static async Task<DirectoryObject?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT id, kind, properties, created, deleted, seq FROM objects WHERE id = $id AND purged = 0;", ("$id", Key(id)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Materialize(reader) : null;
    }

    internal static DirectoryObject Materialize(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        (DirectoryObjectKind)reader.GetInt32(1),
        (JsonObject)JsonNode.Parse(reader.GetString(2), NodeOptions)!,
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        reader.GetInt64(5));

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    private static string Key(Guid id) => id.ToString("D");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

}
