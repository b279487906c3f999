namespace Provisio.Synchronization.Storage;

/// <summary>
/// A <see cref="DirectoryAuditQuery"/> as SQL over <c>sync_audits</c> (<see cref="DirectoryAuditRow"/>), the same on
/// SQLite and PostgreSQL (<see cref="ActivityFilter"/>): each list condition an <c>IN</c>, the target resources' ids
/// through <c>sync_audit_targets</c>, the time bounds inclusive, then the keyset, newest first.
/// </summary>
internal sealed class DirectoryAuditFilter : ActivityFilter
{
    private DirectoryAuditFilter()
    {
    }

    /// <param name="query">The conditions.</param>
    /// <param name="targets">The target table's name as the SQL text names it (schema-qualified on PostgreSQL).</param>
    public static DirectoryAuditFilter For(DirectoryAuditQuery query, string targets)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new DirectoryAuditFilter();
        filter.OneOf("activity_display_name", query.ActivityDisplayNames);
        filter.OneOf("category", query.Categories);
        filter.OneOf("logged_by_service", query.LoggedByServices);
        if (query.TargetResourceIds is { } ids)
        {
            var keys = ids.Select(id => ColumnEncoding.IdKey(id)!).Distinct(StringComparer.Ordinal).ToList();
            filter.Condition(keys.Count == 0
                ? "1 = 0"
                : $"id IN (SELECT audit_id FROM {targets} WHERE target_id IN {filter.List("target", keys)})");
        }

        if (query.From is { } from)
        {
            filter.Add("activity_date_time >= @from", "from", ColumnEncoding.Ticks(from));
        }

        if (query.To is { } to)
        {
            filter.Add("activity_date_time <= @to", "to", ColumnEncoding.Ticks(to));
        }

        if (query.After is { } after)
        {
            filter.After(after.ActivityDateTime, after.Id);
        }

        return filter;
    }
}
