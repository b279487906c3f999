using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage.Postgres;

/// <summary>
/// The directory on PostgreSQL (15 or later), in one schema of the database (<c>provisio</c> unless configured), created
/// or migrated by <see cref="InitializeAsync"/>. Properties are stored as <c>jsonb</c>; a user's <c>userPrincipalName</c>
/// is unique, ignoring case (<c>lower(...)</c>), among objects not permanently deleted.
/// </summary>
/// <remarks>
/// <para>
/// <b>The change feed and the high-water-mark bug.</b> A reader asks for changes after the highest sequence it has seen.
/// Had a sequence (or identity column) handed out numbers, transaction A could take 41 and B 42, B commit first, a
/// reader read 42 and move its watermark past 41, and A's change, committed a moment later, would never be read.
/// Here every write transaction first takes its number from one counter row,
/// <c>UPDATE feed SET last = last + 1 WHERE id = 1 RETURNING last</c>, and holds that row's lock until it commits or
/// rolls back. The next writer waits on the lock, and PostgreSQL releases it only after the holder's commit is visible,
/// so numbers are committed in the order they are handed out: any snapshot that sees sequence n also sees every
/// sequence below n (a rolled-back write gives its number back with the counter). A reader can therefore never pass a
/// change that commits later.
/// </para>
/// <para>
/// Taking the lock first also serializes writes (as SQLite's immediate transactions do), so a write's checks and its
/// read-modify-write of <c>properties</c> see every earlier write, and since the counter row is every writer's first
/// lock, writers cannot deadlock. Reads take no locks and run beside the writer.
/// </para>
/// </remarks>
public sealed class PostgresDirectoryStore : IDirectoryStore
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresDirectorySchema _schema;
    private readonly TimeProvider _time;

    private readonly string _feed;

    // Whether the server has ICU's root collation, for folding case beyond ASCII (see PostgresFilterTranslator).
    private bool _icu;
    private readonly string _objects;
    private readonly string _refs;

    /// <summary>A store on its own pool of connections to <paramref name="connectionString"/>, closed with the store.</summary>
    public PostgresDirectoryStore(string connectionString, string schema = PostgresDirectorySchema.DefaultName, TimeProvider? timeProvider = null)
        : this(new PostgresDirectorySchema(schema), NpgsqlDataSource.Create(connectionString), ownsDataSource: true, timeProvider)
    {
    }

    /// <summary>A store on a data source shared with others; the caller disposes it.</summary>
    public PostgresDirectoryStore(NpgsqlDataSource dataSource, string schema = PostgresDirectorySchema.DefaultName, TimeProvider? timeProvider = null)
        : this(new PostgresDirectorySchema(schema), dataSource, ownsDataSource: false, timeProvider)
    {
    }

    // The schema comes first so that a bad name is refused before a data source is made.
    private PostgresDirectoryStore(PostgresDirectorySchema schema, NpgsqlDataSource dataSource, bool ownsDataSource, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _schema = schema;
        _time = timeProvider ?? TimeProvider.System;
        _feed = $"{_schema.Quoted}.feed";
        _objects = $"{_schema.Quoted}.objects";
        _refs = $"{_schema.Quoted}.refs";
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (connection.PostgreSqlVersion < PostgresDirectorySchema.MinimumServerVersion)
        {
            throw new InvalidOperationException(
                $"Provisio needs PostgreSQL {PostgresDirectorySchema.MinimumServerVersion.Major} or later; the server at {connection.Host}:{connection.Port} runs {connection.PostgreSqlVersion}.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two instances starting together: the second waits here, then finds the schema at the current version.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('provisio.directory'), hashtext(@schema));",
            cancellationToken, Text("schema", _schema.Name)).ConfigureAwait(false);

        // Only when missing: CREATE SCHEMA needs the CREATE privilege on the database even with IF NOT EXISTS, and a
        // schema made by an administrator for a less privileged user is fine.
        if (!await ScalarAsync<bool>(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema);",
                cancellationToken, Text("schema", _schema.Name)).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {_schema.Quoted};", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {_schema.Quoted}.schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());",
            cancellationToken).ConfigureAwait(false);
        var version = await ScalarAsync<int?>(connection, transaction, $"SELECT max(version) FROM {_schema.Quoted}.schema_version;", cancellationToken)
            .ConfigureAwait(false) ?? 0;
        if (version > _schema.Version)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema {_schema.Name} has version {version}, newer than this Provisio ({_schema.Version}); upgrade Provisio.");
        }

        for (var next = version + 1; next <= _schema.Version; next++)
        {
            await ExecuteAsync(connection, transaction, _schema.Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            if (next == 2)
            {
                await BackfillSortNamesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, $"INSERT INTO {_schema.Quoted}.schema_version (version) VALUES (@version);", cancellationToken,
                new NpgsqlParameter<int>("version", next)).ConfigureAwait(false);
        }

        _icu = await ScalarAsync<bool>(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu');", cancellationToken)
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

        var principalName = kind == DirectoryObjectKind.User ? TextOf(properties["userPrincipalName"]) : null;
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

            var id = properties["id"] is { } given && Guid.TryParse(TextOf(given), out var requested) ? requested : Guid.NewGuid();
            if (await ScalarAsync<bool>(connection, transaction, $"SELECT EXISTS (SELECT 1 FROM {_objects} WHERE id = @id);", cancellationToken, Id("id", id))
                    .ConfigureAwait(false))
            {
                return DirectoryRules.IdTaken(id);
            }

            var stored = DirectoryRules.Copy(properties);
            stored.Remove("id");
            var created = Now();
            var next = sequence();
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {_objects} (id, kind, principal_name, properties, created, deleted, purged, seq, sort_name) VALUES (@id, @kind, @upn, @properties, @created, NULL, false, @seq, @sort);",
                cancellationToken, Id("id", id), Kind(kind), Text("upn", principalName), Json(stored), Text("sort", DirectoryRules.SortName(stored)),
                new NpgsqlParameter<DateTimeOffset>("created", created), Sequence(next)).ConfigureAwait(false);
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

            var principalName = current.Kind == DirectoryObjectKind.User ? TextOf(properties["userPrincipalName"]) : null;
            if (current.Kind == DirectoryObjectKind.User && string.IsNullOrWhiteSpace(principalName))
            {
                return new DirectoryError(DirectoryError.BadRequest, "A user's userPrincipalName cannot be removed.");
            }

            if (principalName is not null && await PrincipalNameTakenAsync(connection, transaction, principalName, id, cancellationToken).ConfigureAwait(false))
            {
                return DirectoryRules.DuplicatePrincipalName(principalName);
            }

            var next = sequence();
            await ExecuteAsync(connection, transaction, $"UPDATE {_objects} SET properties = @properties, principal_name = @upn, seq = @seq, sort_name = @sort WHERE id = @id;",
                cancellationToken, Text("sort", DirectoryRules.SortName(properties)), Json(properties), Text("upn", principalName), Sequence(next), Id("id", id)).ConfigureAwait(false);
            return DirectoryResult<DirectoryObject>.Success(current with { Properties = properties, Sequence = next });
        }, cancellationToken);
    }

    public async Task<DirectoryObject?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectoryObject?> FindUserByPrincipalNameAsync(string userPrincipalName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalName);
        if (userPrincipalName.Contains('\0', StringComparison.Ordinal))
        {
            return null; // PostgreSQL text cannot hold U+0000, so no stored name has it
        }

        await using var command = _dataSource.CreateCommand(
            $"SELECT id, kind, properties, created, deleted, seq FROM {_objects} WHERE lower(principal_name) = lower(@upn) AND NOT purged AND deleted IS NULL;");
        command.Parameters.Add(Text("upn", userPrincipalName));
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

            // Whoever referred to the object changes too (a group loses a member, a report loses a manager), each at
            // its own sequence so that a reader paging by sequence sees each once.
            var sources = new List<Guid>();
            await using (var command = Command(connection, transaction,
                $"SELECT DISTINCT source FROM {_refs} WHERE target = @id AND source <> @id ORDER BY source;", Id("id", id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sources.Add(reader.GetGuid(0));
                }
            }

            await ExecuteAsync(connection, transaction, $"DELETE FROM {_refs} WHERE source = @id OR target = @id;", cancellationToken, Id("id", id))
                .ConfigureAwait(false);
            if (sources.Count > 0)
            {
                var sequences = sources.Select(_ => sequence()).ToArray();
                await ExecuteAsync(connection, transaction,
                    $"UPDATE {_objects} AS o SET seq = t.seq FROM unnest(@ids, @seqs) AS t(id, seq) WHERE o.id = t.id AND NOT o.purged;",
                    cancellationToken, new NpgsqlParameter<Guid[]>("ids", [.. sources]), new NpgsqlParameter<long[]>("seqs", sequences)).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction,
                $"UPDATE {_objects} SET purged = true, properties = '{{}}', principal_name = NULL, sort_name = '', seq = @seq WHERE id = @id;", cancellationToken,
                Sequence(sequence()), Id("id", id)).ConfigureAwait(false);
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
                await ExecuteAsync(connection, transaction, $"DELETE FROM {_refs} WHERE source = @source AND relation = @relation;", cancellationToken,
                    Id("source", reference.SourceId), Relation(DirectoryRelation.Manager)).ConfigureAwait(false);
            }

            var inserted = await ExecuteAsync(connection, transaction,
                $"INSERT INTO {_refs} (source, relation, target, role) VALUES (@source, @relation, @target, @role) ON CONFLICT DO NOTHING;", cancellationToken,
                Id("source", reference.SourceId), Relation(reference.Relation), Id("target", reference.TargetId), Role(reference.AppRoleId)).ConfigureAwait(false);
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
                    ? $"DELETE FROM {_refs} WHERE source = @source AND relation = @relation AND target = @target;"
                    : $"DELETE FROM {_refs} WHERE source = @source AND relation = @relation AND target = @target AND role = @role;",
                cancellationToken, Id("source", reference.SourceId), Relation(reference.Relation), Id("target", reference.TargetId),
                Role(reference.AppRoleId)).ConfigureAwait(false);
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
        await using var command = _dataSource.CreateCommand(
            $"SELECT target, role FROM {_refs} WHERE source = @source AND relation = @relation ORDER BY target, role NULLS FIRST;");
        command.Parameters.Add(Id("source", sourceId));
        command.Parameters.Add(Relation(relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new DirectoryReference(sourceId, relation, reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1));
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

        await using var command = _dataSource.CreateCommand(
            $"SELECT r.source, r.target, r.role FROM unnest(@sources) AS given(id) JOIN {_refs} AS r ON r.source = given.id " +
            "WHERE r.relation = @relation ORDER BY r.source, r.target, r.role NULLS FIRST;");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("sources", [.. sourceIds]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(Relation(relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new DirectoryReference(reader.GetGuid(0), relation, reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
        }
    }

    public async Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT last FROM {_feed} WHERE id = 1;");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
    }

    public async IAsyncEnumerable<DirectoryReference> GetReferencesToAsync(Guid targetId, DirectoryRelation relation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT source, role FROM {_refs} WHERE target = @target AND relation = @relation ORDER BY source, role NULLS FIRST;");
        command.Parameters.Add(Id("target", targetId));
        command.Parameters.Add(Relation(relation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new DirectoryReference(reader.GetGuid(0), relation, targetId, reader.IsDBNull(1) ? null : reader.GetGuid(1));
        }
    }

    public async IAsyncEnumerable<DirectoryChange> ReadChangesAsync(long afterSequence, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        // One statement, one snapshot: whatever it sees at sequence n, it sees everything below n (see the remarks).
        await using var command = _dataSource.CreateCommand(
            $"SELECT id, kind, properties, created, deleted, seq, purged FROM {_objects} WHERE seq > @after ORDER BY seq LIMIT @limit;");
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            var kind = (DirectoryObjectKind)reader.GetInt16(1);
            var sequence = reader.GetInt64(5);
            yield return reader.GetBoolean(6)
                ? new DirectoryChange(sequence, id, kind, null)
                : new DirectoryChange(sequence, id, kind, Materialize(reader));
        }
    }

    public async Task<DirectoryPage> QueryAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Top, DirectoryQuery.MaximumTop);
        var translator = new PostgresFilterTranslator(_icu);
        var where = Where(query, translator);
        var sortKey = query.OrderBy is { } orderBy ? translator.SortKey(orderBy) : null;
        var (page, order) = translator.Page(query, sortKey);
        translator.Parameters.Add(new NpgsqlParameter<int>("top", query.Top + 1));
        await using var command = _dataSource.CreateCommand(
            $"SELECT id, kind, properties, created, deleted, seq, {sortKey ?? "NULL::text"} FROM {_objects} WHERE {where}{page} ORDER BY {order} LIMIT @top;");
        command.Parameters.AddRange(translator.Parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await PageReader.ReadAsync(reader, query.Top, 6, Materialize, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var translator = new PostgresFilterTranslator(_icu);
        var where = Where(query, translator);
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM {_objects} WHERE {where};");
        command.Parameters.AddRange(translator.Parameters.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
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
            var result = await new PostgresBatchWriter(connection, transaction, _objects, _refs).WriteAsync(batch, Now(), sequence, cancellationToken)
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

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task BackfillSortNamesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        var names = new List<string>();
        await using (var read = Command(connection, transaction, $"SELECT id, properties FROM {_objects} WHERE NOT purged;"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetGuid(0));
                names.Add(DirectoryRules.SortName((JsonObject)JsonNode.Parse(reader.GetString(1), NodeOptions)!));
            }
        }

        await ExecuteAsync(connection, transaction, $"UPDATE {_objects} AS o SET sort_name = u.name FROM unnest(@ids, @names) AS u(id, name) WHERE o.id = u.id;",
            cancellationToken, new NpgsqlParameter<Guid[]>("ids", [.. ids]), new NpgsqlParameter<string[]>("names", [.. names])).ConfigureAwait(false);
    }

    /// <summary>The kind, liveness and filter of a query as a condition; the filter's parameters go to <paramref name="translator"/>.</summary>
    private static string Where(DirectoryQuery query, PostgresFilterTranslator translator)
    {
        translator.Parameters.Add(Kind(query.Kind));
        var where = $"kind = @kind AND NOT purged AND deleted IS {(query.Deleted ? "NOT NULL" : "NULL")}";
        return query.Filter is { } filter ? $"{where} AND {translator.Translate(filter)}" : where;
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

            var when = deleted ? Now() : (DateTimeOffset?)null;
            var next = sequence();
            await ExecuteAsync(connection, transaction, $"UPDATE {_objects} SET deleted = @deleted, seq = @seq WHERE id = @id;", cancellationToken,
                new NpgsqlParameter<DateTimeOffset?>("deleted", when) { NpgsqlDbType = NpgsqlDbType.TimestampTz }, Sequence(next), Id("id", id))
                .ConfigureAwait(false);
            return DirectoryResult<DirectoryObject>.Success(current with { DeletedDateTime = when, Sequence = next });
        }, cancellationToken);

    /// <summary>
    /// Runs a write in a transaction that first takes the feed's next number and with it the counter row's lock, held
    /// until commit (see the remarks on the class); <c>sequence()</c> hands out that number, then the ones after it,
    /// and the counter is moved past the last one used before commit. A refused write (an error result) rolls back,
    /// so nothing changes and the number is given back.
    /// </summary>
    private async Task<DirectoryResult<T>> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Func<long>, Task<DirectoryResult<T>>> write,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The high-water-mark bug: the number is taken inside the transaction, and its lock serializes committing writers.
        var first = await ScalarAsync<long>(connection, transaction, $"UPDATE {_feed} SET last = last + 1 WHERE id = 1 RETURNING last;", cancellationToken)
            .ConfigureAwait(false);
        var used = first - 1;
        DirectoryResult<T> result;
        try
        {
            result = await write(connection, transaction, () => ++used).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == DirectoryRules.AppIdIndex)
        {
            return DirectoryRules.DuplicateAppId(); // the transaction rolls back as it is disposed
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire)
        {
            // jsonb refuses "\u0000" (22P05) and text a NUL byte (22021): refused input, like SQLite's store would not be.
            return new DirectoryError(DirectoryError.BadRequest, DirectoryRules.NulCharacterMessage); // the transaction rolls back as it is disposed
        }

        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }

        if (used > first)
        {
            await ExecuteAsync(connection, transaction, $"UPDATE {_feed} SET last = @last WHERE id = 1;", cancellationToken,
                new NpgsqlParameter<long>("last", used)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<bool> PrincipalNameTakenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string principalName, Guid? except,
        CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(connection, transaction,
            $"SELECT EXISTS (SELECT 1 FROM {_objects} WHERE lower(principal_name) = lower(@upn) AND NOT purged AND (@except IS NULL OR id <> @except));",
            cancellationToken, Text("upn", principalName), new NpgsqlParameter<Guid?>("except", except) { NpgsqlDbType = NpgsqlDbType.Uuid })
            .ConfigureAwait(false);

    private async Task<DirectoryError?> CheckEndsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DirectoryReference reference,
        CancellationToken cancellationToken)
    {
        var source = await ReadAsync(connection, transaction, reference.SourceId, cancellationToken).ConfigureAwait(false);
        var target = await ReadAsync(connection, transaction, reference.TargetId, cancellationToken).ConfigureAwait(false);
        return DirectoryRules.CheckReference(source, target, reference);
    }

    private Task TouchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, long sequence, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"UPDATE {_objects} SET seq = @seq WHERE id = @id;", cancellationToken, Sequence(sequence), Id("id", id));

    private async Task<DirectoryObject?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT id, kind, properties, created, deleted, seq FROM {_objects} WHERE id = @id AND NOT purged;", Id("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Materialize(reader) : null;
    }

    /// <summary>The time now, to PostgreSQL's microseconds, so what a write returns equals what a read returns.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }

    internal static DirectoryObject Materialize(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        (DirectoryObjectKind)reader.GetInt16(1),
        (JsonObject)JsonNode.Parse(reader.GetString(2), NodeOptions)!,
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetInt64(5));

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

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default! : (T)value;
    }

    private static NpgsqlParameter<Guid> Id(string name, Guid id) => new(name, id);

    private static NpgsqlParameter<short> Kind(DirectoryObjectKind kind) => new("kind", (short)kind);

    private static NpgsqlParameter<short> Relation(DirectoryRelation relation) => new("relation", (short)relation);

    private static NpgsqlParameter<Guid?> Role(Guid? role) => new("role", role) { NpgsqlDbType = NpgsqlDbType.Uuid };

    private static NpgsqlParameter<long> Sequence(long sequence) => new("seq", sequence);

    private static NpgsqlParameter<string?> Text(string name, string? value) => new(name, value) { NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<string> Json(JsonObject properties) => new("properties", DirectoryRules.ToStoredJson(properties)) { NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static string? TextOf(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

}
