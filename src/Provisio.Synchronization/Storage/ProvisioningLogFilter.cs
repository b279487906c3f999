using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// A <see cref="ProvisioningLogQuery"/> as SQL over the logs' columns (<see cref="ProvisioningLogRow"/>), the same on
/// SQLite and PostgreSQL (<see cref="ActivityFilter"/>): every condition given, ANDed, the
/// <see cref="ProvisioningLogQuery.Condition"/> tree with each value a parameter, then the keyset in the query's order.
/// </summary>
internal sealed class ProvisioningLogFilter : ActivityFilter
{
    private ProvisioningLogFilter(bool ascending) => Order = ascending ? OrderByAscending : OrderBy;

    /// <summary>The ORDER BY of the query: newest first, or oldest first when it asks.</summary>
    public string Order { get; }

    /// <param name="query">The conditions and the cursor.</param>
    /// <param name="counting">Leave out the cursor: the conditions alone, for a count of every match.</param>
    public static ProvisioningLogFilter For(ProvisioningLogQuery query, bool counting = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new ProvisioningLogFilter(query.Ascending);
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

        if (query.Condition is { } condition)
        {
            filter.Condition(filter.Sql(condition));
        }

        if (!counting && query.After is { } after)
        {
            filter.After(after.ActivityDateTime, after.Id, query.Ascending);
        }

        return filter;
    }

    private string Sql(ProvisioningLogCondition condition) => condition switch
    {
        ProvisioningLogAll all => all.Conditions.Count == 0 ? "1 = 1" : $"({string.Join(" AND ", all.Conditions.Select(Sql))})",
        ProvisioningLogAny any => any.Conditions.Count == 0 ? "1 = 0" : $"({string.Join(" OR ", any.Conditions.Select(Sql))})",
        // IS NOT TRUE, not NOT: a comparison with a column that holds no value is unknown, and "not unknown" must hold.
        ProvisioningLogNot not => $"(({Sql(not.Condition)}) IS NOT TRUE)",
        ProvisioningLogComparison comparison => Sql(comparison),
        _ => throw new ArgumentException($"No SQL for the condition {condition.GetType().Name}.", nameof(condition)),
    };

    private string Sql(ProvisioningLogComparison comparison)
    {
        if (comparison.Property == ProvisioningLogProperty.ActivityDateTime)
        {
            var ticks = Parameter(ColumnEncoding.Ticks((DateTimeOffset)comparison.Value));
            return comparison.Operator switch
            {
                ProvisioningLogOperator.Equal => $"activity_date_time = {ticks}",
                ProvisioningLogOperator.GreaterThan => $"activity_date_time > {ticks}",
                ProvisioningLogOperator.GreaterOrEqual => $"activity_date_time >= {ticks}",
                ProvisioningLogOperator.LessThan => $"activity_date_time < {ticks}",
                _ => $"activity_date_time <= {ticks}",
            };
        }

        var (columns, value) = comparison.Property switch
        {
            ProvisioningLogProperty.JobId => (["job_id"], (string)comparison.Value),
            ProvisioningLogProperty.CycleId => (["cycle_id"], (string)comparison.Value),
            ProvisioningLogProperty.ChangeId => (["change_id"], (string)comparison.Value),
            ProvisioningLogProperty.ErrorCode => (["error_code"], (string)comparison.Value),
            ProvisioningLogProperty.Action => (["action"], ColumnEncoding.GraphName((ProvisioningAction)comparison.Value)),
            ProvisioningLogProperty.Status => (["status"], ColumnEncoding.GraphName((ProvisioningResult)comparison.Value)),
            ProvisioningLogProperty.ServicePrincipalId => (["service_principal_id"], ColumnEncoding.Key((Guid)comparison.Value)),
            ProvisioningLogProperty.IdentityId => (["source_id", "target_id"], (string)comparison.Value),
            ProvisioningLogProperty.IdentityDisplayName => ((string[])["source_display_name", "target_display_name"], (string)comparison.Value),
            ProvisioningLogProperty.IdentityType => (["identity_type"], (string)comparison.Value),
            ProvisioningLogProperty.FailedStep => (["failed_step"], ColumnEncoding.GraphName((ProvisioningStepType)comparison.Value)),
            _ => throw new ArgumentException($"No column for {comparison.Property}.", nameof(comparison)),
        };

        var parameter = Parameter(value);

        // A prefix compared exactly and case-sensitively on both databases (LIKE folds case on SQLite and needs escapes).
        var tests = columns.Select(column => comparison.Operator == ProvisioningLogOperator.StartsWith
            ? $"substr({column}, 1, length({parameter})) = {parameter}"
            : $"{column} = {parameter}").ToList();
        return tests.Count == 1 ? tests[0] : $"({string.Join(" OR ", tests)})";
    }
}
