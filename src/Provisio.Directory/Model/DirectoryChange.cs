namespace Provisio.Directory.Model;

/// <summary>
/// One entry of the change feed: an object in its latest state (or a tombstone, when it was permanently deleted),
/// at the sequence of its latest write. A reader that asks for changes after a watermark gets each changed object once.
/// </summary>
public sealed record DirectoryChange(long Sequence, Guid Id, DirectoryObjectKind Kind, DirectoryObject? Object)
{
    /// <summary>The object was permanently deleted; <see cref="Object"/> is null.</summary>
    public bool IsPurged => Object is null;
}
