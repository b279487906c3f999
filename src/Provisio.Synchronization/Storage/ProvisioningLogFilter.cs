namespace Provisio.Synchronization.Storage;

/// <summary>
/// A <see cref="ProvisioningLogQuery"/> as SQL over the logs' columns (<see cref="ProvisioningLogRow"/>), the same on
/// SQLite and PostgreSQL: every condition given, ANDed, then the keyset <c>(activity_date_time, id) &lt; cursor</c>,
/// newest first. Parameters are named without a prefix and written <c>@name</c> in the text; values are text or bigint.
/// </summary>
internal sealed class ProvisioningLogFilter
{
    public const string OrderBy = "activity_date_time DESC, id DESC";

    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _parameters = [];

    private ProvisioningLogFilter()
    {
    }

    /// <summary>The conditions, ANDed (<c>1 = 1</c> when there are none).</summary>
    public string Where => _conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", _conditions);

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

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
            filter.Add("(activity_date_time, id) < (@after_time, @after_id)", "after_time", ColumnEncoding.Ticks(after.ActivityDateTime));
            filter._parameters.Add(("after_id", after.Id));
        }

        return filter;
    }

    private void Equal(string column, string? value)
    {
        if (value is not null)
        {
            Add($"{column} = @{column}", column, value);
        }
    }

    private void Add(string condition, string name, object value)
    {
        _conditions.Add(condition);
        _parameters.Add((name, value));
    }
}
