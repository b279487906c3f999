using System.Text.Json.Nodes;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory;

/// <summary>
/// The directory's storage: every committed write advances the change feed, and a write either happens whole or
/// not at all. Implemented on SQLite and PostgreSQL; one contract test suite runs against each.
/// </summary>
public interface IDirectoryStore : IAsyncDisposable
{
    /// <summary>Creates the schema, or migrates it, before first use.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates an object; a user's <c>userPrincipalName</c> must be unique among users not permanently deleted.</summary>
    Task<DirectoryResult<DirectoryObject>> CreateAsync(DirectoryObjectKind kind, JsonObject properties, CancellationToken cancellationToken);

    /// <summary>Merges properties into the object (a null value removes the property).</summary>
    Task<DirectoryResult<DirectoryObject>> UpdateAsync(Guid id, JsonObject changes, CancellationToken cancellationToken);

    Task<DirectoryObject?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<DirectoryObject?> FindUserByPrincipalNameAsync(string userPrincipalName, CancellationToken cancellationToken);

    /// <summary>Soft delete: the object stays restorable (Graph's <c>directory/deletedItems</c>) and reads as <c>IsSoftDeleted</c>.</summary>
    Task<DirectoryResult<DirectoryObject>> SoftDeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<DirectoryResult<DirectoryObject>> RestoreAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Permanent delete: the object and every reference to or from it go; the feed gets a tombstone.</summary>
    Task<DirectoryResult<bool>> PurgeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Permanent delete of a soft-deleted object only (Graph's <c>DELETE directory/deletedItems/{id}</c>), checked in the
    /// same transaction, so that a restore just before cannot turn it into the delete of a live object.
    /// </summary>
    Task<DirectoryResult<bool>> PurgeDeletedAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Adds a reference (manager replaces the previous one); the source object appears in the feed.</summary>
    Task<DirectoryResult<bool>> AddReferenceAsync(DirectoryReference reference, CancellationToken cancellationToken);

    Task<DirectoryResult<bool>> RemoveReferenceAsync(DirectoryReference reference, CancellationToken cancellationToken);

    /// <summary>The references from <paramref name="sourceId"/> of one relation.</summary>
    IAsyncEnumerable<DirectoryReference> GetReferencesAsync(Guid sourceId, DirectoryRelation relation, CancellationToken cancellationToken);

    /// <summary>
    /// The references of one relation that point at <paramref name="targetId"/>: the groups a user or group is a direct
    /// member of, the reports of a manager, the applications a user or group is assigned to (the engine's
    /// "assigned through a group" needs them).
    /// </summary>
    IAsyncEnumerable<DirectoryReference> GetReferencesToAsync(Guid targetId, DirectoryRelation relation, CancellationToken cancellationToken);

    /// <summary>
    /// The references of one relation from any of <paramref name="sourceIds"/> (set-based: one query for the batch), so
    /// that a cycle reads the managers of a page of users or the members of a page of groups at once.
    /// </summary>
    IAsyncEnumerable<DirectoryReference> GetReferencesAsync(IReadOnlyCollection<Guid> sourceIds, DirectoryRelation relation, CancellationToken cancellationToken);

    /// <summary>
    /// The sequence of the latest committed change (0 when none): an initial cycle reads it when it begins and stores it as
    /// its watermark when it ends, so the next incremental cycle sees exactly the changes made meanwhile.
    /// </summary>
    Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Objects changed after <paramref name="afterSequence"/>, each once in its latest state, in sequence order, at most
    /// <paramref name="limit"/>. Never skips a change committed later with a lower sequence: sequences are assigned in
    /// commit order.
    /// </summary>
    IAsyncEnumerable<DirectoryChange> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// One page of live (or, with <see cref="DirectoryQuery.Deleted"/>, soft-deleted) objects of a kind matching the
    /// query's filter, in its order, after its cursor; <see cref="DirectoryPage.Next"/> continues it.
    /// </summary>
    Task<DirectoryPage> QueryAsync(DirectoryQuery query, CancellationToken cancellationToken);

    /// <summary>How many objects the query's kind, filter and <see cref="DirectoryQuery.Deleted"/> select (paging ignored).</summary>
    Task<long> CountAsync(DirectoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch in one transaction (bulk loading): objects created or updated as <see cref="DirectoryBatchObject"/>
    /// says, then references added (an existing one is kept; a manager replaces the previous one). Each written object
    /// and each reference's source appears in the change feed. When any item is refused, nothing is written.
    /// </summary>
    Task<DirectoryBatchResult> WriteBatchAsync(DirectoryBatch batch, CancellationToken cancellationToken);
}
