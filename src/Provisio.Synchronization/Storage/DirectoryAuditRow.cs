using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// A directory audit as both stores write it: the columns the audit queries filter and order on, the ids of its
/// target resources (a row each in <c>sync_audit_targets</c>, Guids in their <see cref="ColumnEncoding.Key"/> form),
/// and the whole audit as JSON (<see cref="SynchronizationJson"/>, Graph's spellings), which is what reads return.
/// </summary>
internal sealed record DirectoryAuditRow(
    string Id,
    long ActivityDateTime,
    string ActivityDisplayName,
    string Category,
    string LoggedByService,
    string? CorrelationId,
    string Result,
    IReadOnlyList<string> TargetIds,
    string Record)
{
    public static DirectoryAuditRow From(DirectoryAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentException.ThrowIfNullOrEmpty(audit.Id);
        return new(
            audit.Id,
            ColumnEncoding.Ticks(audit.ActivityDateTime),
            audit.ActivityDisplayName,
            audit.Category,
            audit.LoggedByService,
            audit.CorrelationId,
            ColumnEncoding.GraphName(audit.Result),
            [.. audit.TargetResources.Select(target => ColumnEncoding.IdKey(target.Id)).OfType<string>().Distinct(StringComparer.Ordinal)],
            SynchronizationJson.Serialize(audit));
    }
}
