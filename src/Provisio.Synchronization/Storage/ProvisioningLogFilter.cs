namespace Provisio.Synchronization.Storage;

/// <summary>
/// A <see cref="ProvisioningLogQuery"/> as SQL over the logs' columns (<see cref="ProvisioningLogRow"/>), the same on
/// SQLite and PostgreSQL (<see cref="ActivityFilter"/>): every condition given, ANDed, then the keyset, newest first.
/// </summary>
internal sealed class ProvisioningLogFilter : ActivityFilter
{
    private ProvisioningLogFilter()
    {
    }

    public static ProvisioningLogFilter For(ProvisioningLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new ProvisioningLogFilter();
        filter.Equal("job_id", query.JobId);
        filter.Equal("service_principal_id", query.ServicePrincipalId is { } servicePrincipal ? ColumnEncoding.Key(servicePrincipal) : null);
        filter.Equal("cycle_id", query.CycleId);
        filter.Equal("change_id", query.ChangeId);
        filter.Equal("status", query.Status is { } status ? ColumnEncoding.GraphName(status) : null);
        filter.Equal("action", query.Action is { } action ? ColumnEncoding.GraphName(action) : null);
        filter.Equal("error_code", query.ErrorCode);

        // reference entra-engine-and-api §7.3: the portal's Identity filter matches the source or the target identity
        if (query.IdentityId is { } identityId)
        {
            filter.Add("(source_id = @identity_id OR target_id = @identity_id)", "identity_id", identityId);
        }

        if (query.IdentityDisplayName is { } displayName)
        {
            filter.Add("(source_display_name = @identity_name OR target_display_name = @identity_name)", "identity_name", displayName);
        }

        if (query.From is { } from)
        {
            filter.Add("activity_date_time >= @from", "from", ColumnEncoding.Ticks(from));
        }

        if (query.To is { } to)
        {
            filter.Add("activity_date_time < @to", "to", ColumnEncoding.Ticks(to));
        }

        if (query.After is { } after)
        {
            filter.After(after.ActivityDateTime, after.Id);
        }

        return filter;
    }
}
