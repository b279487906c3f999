namespace Provisio.Synchronization.Storage;

/// <summary>The last audit of a page: the next page starts strictly after it in (activityDateTime desc, id desc) order.</summary>
public readonly record struct DirectoryAuditCursor(DateTimeOffset ActivityDateTime, string Id);
