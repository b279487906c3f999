using Provisio.Directory.Batches;
using Provisio.Directory.Loading;
using Provisio.Directory.Model;

namespace Provisio.Directory.Import;

/// <summary>
/// Imports a CSV or JSON file of users, groups or memberships (issue 5 §3 "Bulk loading", "Bad input"), streaming it
/// twice so that neither the file nor the directory is ever held in memory, and so that a manager or member may come
/// anywhere in the file:
/// <list type="number">
/// <item>Objects, in batches of rows, each batch one transaction: a batch with any bad row (a value of the wrong type,
/// an unknown column, a duplicate userPrincipalName) is not written at all, and each bad row is reported by line. Users
/// are matched by userPrincipalName (or id), groups by displayName (or id), so importing again updates.</item>
/// <item>References (managers, members), resolved by name in bulk against the directory, in batches the same way
/// (a user's manager that is known when the user's batch is written goes in that batch instead):
/// a batch with an unknown manager or member is not written, and each one is reported by line. Rows whose objects
/// were not written in the first pass are skipped.</item>
/// </list>
/// A crash leaves whole batches only; running the import again finishes it.
/// </summary>
public sealed class DirectoryImporter
{
    private readonly IDirectoryStore _store;
    private readonly DirectoryImportOptions _options;
    private readonly DirectoryNameLookup _lookup;

    public DirectoryImporter(IDirectoryStore store, DirectoryImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new DirectoryImportOptions();
        if (_options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _store = store;
        _lookup = new DirectoryNameLookup(store);
    }

    /// <summary>Imports the file that <paramref name="open"/> opens (it is called once per pass, and once to tell CSV from JSON).</summary>
    public async Task<DirectoryImportResult> ImportAsync(Func<Stream> open, IDirectoryLoadReporter? reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var counts = new DirectoryLoadCounts();
        var json = await IsJsonAsync(open, cancellationToken).ConfigureAwait(false);
        var pass = new ImportRun(counts, reporter);

        var stream = open();
        await using (stream.ConfigureAwait(false))
        {
            var source = Source(json, stream);
            if (await source.StartAsync(cancellationToken).ConfigureAwait(false) is { } fileError)
            {
                return new DirectoryImportResult(counts, fileError);
            }

            var references = await WriteObjectsAsync(source, stream, pass, cancellationToken).ConfigureAwait(false);
            if (!references || !source.MayHaveReferences)
            {
                return new DirectoryImportResult(counts);
            }
        }

        stream = open();
        await using (stream.ConfigureAwait(false))
        {
            var source = Source(json, stream);
            await source.StartAsync(cancellationToken).ConfigureAwait(false);
            await WriteReferencesAsync(source, stream, pass, cancellationToken).ConfigureAwait(false);
        }

        return new DirectoryImportResult(counts);
    }

    private IImportSource Source(bool json, Stream stream) =>
        json ? new JsonImportSource(stream, _options.Kind) : new CsvImportSource(stream, _options.Kind);

    /// <summary>JSON when the first character (after a byte order mark and white space) opens an array or an object.</summary>
    private static async Task<bool> IsJsonAsync(Func<Stream> open, CancellationToken cancellationToken)
    {
        var stream = open();
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[4096];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
            foreach (var character in buffer.AsSpan(start, length - start))
            {
                if (character is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }

                return character is (byte)'[' or (byte)'{';
            }

            return false;
        }
    }

    /// <summary>The first pass; whether any row names other objects.</summary>
    private async Task<bool> WriteObjectsAsync(IImportSource source, Stream stream, ImportRun pass, CancellationToken cancellationToken)
    {
        var batch = new List<ImportRow>(_options.BatchSize);
        var seen = pass.Keys;
        var references = false;
        await foreach (var row in source.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            references |= row.HasReferences;
            if (row.Properties is null && !row.Fatal)
            {
                continue; // a membership: the second pass
            }

            if (batch.Count > 0 && (batch.Count == _options.BatchSize || batch[0].Kind != row.Kind))
            {
                await WriteObjectBatchAsync(batch, pass, cancellationToken).ConfigureAwait(false);
                pass.Progress("objects", stream);
            }

            if (row.Errors.Count == 0 && !string.IsNullOrEmpty(row.Key))
            {
                // issue 5 "Bad input": a duplicate userPrincipalName (or group displayName) is a bad row, wherever it repeats.
                var key = ImportRun.KeyHash(row.Kind, row.Key);
                if (seen.TryGetValue(key, out var first))
                {
                    row.Errors.Add($"{(row.Kind == DirectoryObjectKind.User ? "userPrincipalName" : "displayName")} '{row.Key}' repeats line {first}");
                }
                else
                {
                    seen[key] = row.Line;
                }
            }

            batch.Add(row);
            if (row.Fatal)
            {
                break;
            }
        }

        await WriteObjectBatchAsync(batch, pass, cancellationToken).ConfigureAwait(false);
        pass.Progress("objects", stream, done: true);
        return references;
    }

    private async Task WriteObjectBatchAsync(List<ImportRow> batch, ImportRun pass, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var kind = batch[0].Kind;
        if (kind == DirectoryObjectKind.Group)
        {
            await MatchGroupsAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var counts = pass.Counts.For(kind);
        var objects = batch.Count(row => row.Properties is not null);
        if (batch.Exists(row => row.Errors.Count > 0))
        {
            foreach (var row in batch.Where(row => row.Errors.Count > 0))
            {
                pass.Bad(row.Line, row.Errors);
            }

            counts.Failed += objects;
            pass.Refuse(batch[0].Line, batch[^1].Line);
            batch.Clear();
            return;
        }

        var early = kind == DirectoryObjectKind.User ? await ManagersKnownNowAsync(batch, cancellationToken).ConfigureAwait(false) : [];
        var objectsOfBatch = batch.Select(row => new DirectoryBatchObject(row.Kind, row.Properties!, row.Id)).ToList();
        var result = await _store.WriteBatchAsync(new DirectoryBatch(objectsOfBatch, [.. early.Select(item => item.Reference)]), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Written && result.ObjectErrors.Count == 0 && early.Count > 0)
        {
            // Only managers were refused (a user their own manager, say): write the users with the other managers, and let
            // the second pass report the refused ones by line, as it does for every manager it cannot set.
            var refused = result.ReferenceErrors.Select(error => error.Index).ToHashSet();
            early = [.. early.Where((_, index) => !refused.Contains(index))];
            result = await _store.WriteBatchAsync(new DirectoryBatch(objectsOfBatch, [.. early.Select(item => item.Reference)]), cancellationToken)
                .ConfigureAwait(false);
            if (!result.Written && result.ObjectErrors.Count == 0)
            {
                early = [];
                result = await _store.WriteBatchAsync(new DirectoryBatch(objectsOfBatch, []), cancellationToken).ConfigureAwait(false);
            }
        }

        if (result.Written)
        {
            counts.Created += result.Created;
            counts.Updated += result.Updated;
            var managers = pass.Counts.For(DirectoryRelation.Manager);
            managers.Added += result.ReferencesAdded;
            managers.Unchanged += early.Count - result.ReferencesAdded;
            foreach (var (_, line) in early)
            {
                pass.ManagerWritten(line);
            }
        }
        else
        {
            foreach (var error in result.ObjectErrors.GroupBy(error => error.Index))
            {
                pass.Bad(batch[error.Key].Line, error.Select(item => item.Error.Message));
            }

            counts.Failed += objects;
            pass.Refuse(batch[0].Line, batch[^1].Line);
        }

        batch.Clear();
    }

    /// <summary>
    /// The managers of a batch's users that are known before it is written, to go in the same transaction: a manager in
    /// the batch itself, already in the directory, or given by id. Files that list managers before their reports (an
    /// org chart's order) then need no second pass for them; the others wait for it. The batch's new users get their ids
    /// here, so that a report in the same batch can name them.
    /// </summary>
    private async Task<List<(DirectoryReference Reference, int Line)>> ManagersKnownNowAsync(List<ImportRow> batch, CancellationToken cancellationToken)
    {
        var reports = batch.Where(row => row.Manager is not null).ToList();
        if (reports.Count == 0)
        {
            return [];
        }

        // Ids are needed only for the reports and for the managers among this batch's rows; the store matches the rest.
        var named = reports.Select(row => row.Manager!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var needIds = batch.Where(row => row.Manager is not null || (row.Key is not null && named.Contains(row.Key))).ToList();
        var existing = await _lookup.UsersAsync(needIds.Where(row => row.Id is null).Select(row => row.Key!), cancellationToken).ConfigureAwait(false);
        var inBatch = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in needIds)
        {
            row.Id ??= row.Key is { } key && existing.TryGetValue(key, out var id) ? id : Guid.NewGuid();
            if (row.Key is not null)
            {
                inBatch[row.Key] = row.Id.Value;
            }
        }

        var elsewhere = await _lookup.UsersAsync(
            reports.Select(row => row.Manager!).Where(manager => !inBatch.ContainsKey(manager) && !Guid.TryParse(manager, out _)), cancellationToken).ConfigureAwait(false);
        var known = new List<(DirectoryReference, int)>(reports.Count);
        foreach (var row in reports)
        {
            Guid? manager = Guid.TryParse(row.Manager, out var byId) ? byId
                : inBatch.TryGetValue(row.Manager!, out var inThis) ? inThis
                : elsewhere.TryGetValue(row.Manager!, out var found) ? found
                : null;
            if (manager is { } target)
            {
                known.Add((new DirectoryReference(row.Id!.Value, DirectoryRelation.Manager, target), row.Line));
            }
        }

        return known;
    }

    /// <summary>Groups have no unique name in the directory: a row updates the one group with its displayName, if there is one.</summary>
    private async Task MatchGroupsAsync(List<ImportRow> batch, CancellationToken cancellationToken)
    {
        var unmatched = batch.Where(row => row.Id is null && row.Errors.Count == 0 && !string.IsNullOrEmpty(row.Key)).ToList();
        var found = await _lookup.GroupsAsync(unmatched.Select(row => row.Key!), cancellationToken).ConfigureAwait(false);
        foreach (var row in unmatched)
        {
            if (found.TryGetValue(row.Key!, out var ids))
            {
                if (ids.Count == 1)
                {
                    row.Id = ids[0];
                }
                else
                {
                    row.Errors.Add($"{ids.Count} groups are named '{row.Key}': add an id column to say which one");
                }
            }
        }
    }

    /// <summary>The second pass: managers and members, by name.</summary>
    private async Task WriteReferencesAsync(IImportSource source, Stream stream, ImportRun pass, CancellationToken cancellationToken)
    {
        var budget = _options.BatchSize * 4;
        var batch = new List<ImportRow>();
        var pending = 0;
        await foreach (var row in source.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (row.Fatal)
            {
                // Reported by the first pass; the batch it ends is not written.
                pass.Counts.For(Relation(row.Kind)).Failed += batch.Sum(item => item.ReferenceCount);
                batch.Clear();
                break;
            }

            if (!row.HasReferences && row.Properties is not null)
            {
                continue;
            }

            if (row.Kind == DirectoryObjectKind.User && pass.WasManagerWritten(row.Line))
            {
                continue; // written with the user in the first pass
            }

            if (pass.WasRefused(row.Line))
            {
                pass.Counts.For(Relation(row.Kind)).Failed += row.ReferenceCount;
                continue;
            }

            foreach (var piece in Pieces(row, budget))
            {
                if (batch.Count > 0 && (batch.Count == _options.BatchSize || batch[0].Kind != piece.Kind || pending + piece.ReferenceCount > budget))
                {
                    await WriteReferenceBatchAsync(batch, pass, cancellationToken).ConfigureAwait(false);
                    pass.Progress("references", stream);
                    pending = 0;
                }

                batch.Add(piece);
                pending += piece.ReferenceCount;
            }
        }

        await WriteReferenceBatchAsync(batch, pass, cancellationToken).ConfigureAwait(false);
        pass.Progress("references", stream, done: true);
    }

    /// <summary>A row with more members than a batch holds, cut into rows of the same line that fit.</summary>
    private static IEnumerable<ImportRow> Pieces(ImportRow row, int budget)
    {
        if (row.ReferenceCount <= budget)
        {
            yield return row;
            yield break;
        }

        foreach (var members in row.Members.Chunk(budget))
        {
            var piece = new ImportRow(row.Line, row.Kind) { Properties = row.Properties, Id = row.Id, Key = row.Key };
            piece.Members.AddRange(members);
            piece.Errors.AddRange(row.Errors);
            yield return piece;
        }
    }

    private async Task WriteReferenceBatchAsync(List<ImportRow> batch, ImportRun pass, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var relation = Relation(batch[0].Kind);
        var total = batch.Sum(row => row.ReferenceCount);
        var names = await ResolveAsync(batch, pass, cancellationToken).ConfigureAwait(false);
        var references = new List<DirectoryReference>(total);
        var lines = new List<int>(total);
        var bad = false;
        foreach (var row in batch)
        {
            var errors = new List<string>(row.Properties is null ? row.Errors : []);
            var source = row.Id ?? names.Source(row, errors);
            foreach (var target in row.Manager is null ? row.Members : [row.Manager])
            {
                if (names.Target(relation, target, errors) is { } id && source is { } from)
                {
                    references.Add(new DirectoryReference(from, relation, id));
                    lines.Add(row.Line);
                }
            }

            if (errors.Count > 0)
            {
                pass.Bad(row.Line, errors);
                bad = true;
            }
        }

        var counts = pass.Counts.For(relation);
        batch.Clear();
        if (bad)
        {
            counts.Failed += total;
            return;
        }

        var result = await _store.WriteBatchAsync(new DirectoryBatch([], references), cancellationToken).ConfigureAwait(false);
        if (result.Written)
        {
            counts.Added += result.ReferencesAdded;
            counts.Unchanged += references.Count - result.ReferencesAdded;
            return;
        }

        foreach (var error in result.ReferenceErrors.GroupBy(error => lines[error.Index]))
        {
            pass.Bad(error.Key, error.Select(item => $"{Describe(relation)}: {item.Error.Message}"));
        }

        counts.Failed += total;
    }

    /// <summary>Looks up, in bulk, every name the batch's rows use: their own (the sources) and their managers' and members'.</summary>
    private async Task<ResolvedNames> ResolveAsync(List<ImportRow> batch, ImportRun pass, CancellationToken cancellationToken)
    {
        var userNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var groupNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in batch)
        {
            if (row.Id is null && !string.IsNullOrEmpty(row.Key))
            {
                (row.Kind == DirectoryObjectKind.User ? userNames : groupNames).Add(row.Key);
            }

            if (row.Manager is { } manager && !Guid.TryParse(manager, out _))
            {
                userNames.Add(manager);
            }

            foreach (var member in row.Members.Where(member => !Guid.TryParse(member, out _)))
            {
                (member.Contains('@', StringComparison.Ordinal) ? userNames : groupNames).Add(member);
            }
        }

        var users = await _lookup.UsersAsync(userNames, cancellationToken).ConfigureAwait(false);
        // A member with an @ that is no user may still be a group's displayName.
        groupNames.UnionWith(batch.SelectMany(row => row.Members).Where(member => member.Contains('@', StringComparison.Ordinal) && !users.ContainsKey(member)));
        var groups = await _lookup.GroupsAsync(groupNames, cancellationToken).ConfigureAwait(false);
        return new ResolvedNames(users, groups, pass);
    }

    private static DirectoryRelation Relation(DirectoryObjectKind kind) => kind == DirectoryObjectKind.User ? DirectoryRelation.Manager : DirectoryRelation.Member;

    private static string Describe(DirectoryRelation relation) => relation == DirectoryRelation.Manager ? "manager" : "member";
}
