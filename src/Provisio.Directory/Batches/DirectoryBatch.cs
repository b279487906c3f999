using System.Text.Json.Nodes;
using Provisio.Directory.Model;

namespace Provisio.Directory.Batches;

/// <summary>
/// Many writes in one transaction, for imports and generated directories: objects first, then references (which may
/// point at objects of the same batch). Either the whole batch is written or, when any item is refused, nothing.
/// </summary>
public sealed record DirectoryBatch(IReadOnlyList<DirectoryBatchObject> Objects, IReadOnlyList<DirectoryReference> References)
{
    /// <summary>The largest batch a store accepts (items: objects and references together).</summary>
    public const int MaximumItems = 100_000;
}

/// <summary>
/// An object to create or update. It updates (merging properties, as <see cref="IDirectoryStore.UpdateAsync"/>) the
/// object with <see cref="Id"/> when that exists, else a user with the same <c>userPrincipalName</c>; otherwise it is
/// created, with <see cref="Id"/> when given. Properties in Graph's spelling, without <c>id</c>.
/// </summary>
public sealed record DirectoryBatchObject(DirectoryObjectKind Kind, JsonObject Properties, Guid? Id = null);

/// <summary>
/// What a batch did: written, with each object's id (in the batch's order) and the counts; or refused, with each refused
/// item by its index in <see cref="DirectoryBatch.Objects"/> or <see cref="DirectoryBatch.References"/>, and nothing
/// of the batch written.
/// </summary>
public sealed record DirectoryBatchResult
{
    public required bool Written { get; init; }

    public IReadOnlyList<Guid> Ids { get; init; } = [];

    public int Created { get; init; }

    public int Updated { get; init; }

    /// <summary>References that did not exist before (adding an existing one again is not an error in a batch).</summary>
    public int ReferencesAdded { get; init; }

    public IReadOnlyList<DirectoryBatchItemError> ObjectErrors { get; init; } = [];

    public IReadOnlyList<DirectoryBatchItemError> ReferenceErrors { get; init; } = [];

    public static DirectoryBatchResult Refused(IReadOnlyList<DirectoryBatchItemError> objectErrors, IReadOnlyList<DirectoryBatchItemError> referenceErrors) =>
        new() { Written = false, ObjectErrors = objectErrors, ReferenceErrors = referenceErrors };
}

/// <summary>One refused item of a batch: its index and why.</summary>
public sealed record DirectoryBatchItemError(int Index, DirectoryError Error);
