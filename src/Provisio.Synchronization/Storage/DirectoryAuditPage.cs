using Provisio.Synchronization.Audit;

namespace Provisio.Synchronization.Storage;

/// <summary>A page of directory audits and, when more follow, where the next page starts.</summary>
public sealed record DirectoryAuditPage(IReadOnlyList<DirectoryAudit> Audits, DirectoryAuditCursor? Next);
