using Provisio.Directory.Model;

namespace Provisio.Directory.Query;

/// <summary>
/// One page of a listing (Graph's <c>GET /users?$filter=...&amp;$orderby=...&amp;$top=...</c>): objects of one kind,
/// live or soft-deleted, that match <see cref="Filter"/>, in order, after a keyset <see cref="After"/> cursor.
/// </summary>
public sealed record DirectoryQuery
{
    public const int MaximumTop = 999;

    public required DirectoryObjectKind Kind { get; init; }

    public DirectoryFilter? Filter { get; init; }

    /// <summary>
    /// A string property to sort by (ignoring case; missing values sort as the empty string), then by id; null sorts by id
    /// alone. Graph's spelling, as in <see cref="DirectoryFilter"/>.
    /// </summary>
    public string? OrderBy { get; init; }

    public bool Descending { get; init; }

    /// <summary>The page starts after this position (from <see cref="DirectoryPage.Next"/>); null for the first page.</summary>
    public DirectoryCursor? After { get; init; }

    /// <summary>At most this many objects, 1 to <see cref="MaximumTop"/>.</summary>
    public int Top { get; init; } = 100;

    /// <summary>Soft-deleted objects (Graph's <c>directory/deletedItems</c>) instead of live ones.</summary>
    public bool Deleted { get; init; }
}

/// <summary>
/// A position in a listing: the last object's folded sort value (null when sorting by id alone) and id. Keyset paging:
/// a page after a cursor neither repeats nor skips objects when others are written in between.
/// </summary>
public sealed record DirectoryCursor(string? SortValue, Guid Id);

/// <summary>A page of objects and the cursor of the next page (null on the last page).</summary>
public sealed record DirectoryPage(IReadOnlyList<DirectoryObject> Items, DirectoryCursor? Next);
