using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Logs;

/// <summary>
/// A saved view of the provisioning logs for one row of the troubleshooting checklist (seed 000): the entries that show
/// the row's symptom, under a stable kebab-case <see cref="Name"/> (<c>users-skipped</c>) that the portal's
/// <c>?preset=</c> and <c>provisio logs --preset</c> take. Combined with any other filter (job, time, identity) by
/// <see cref="Apply"/>.
/// </summary>
public sealed record ProvisioningLogPreset
{
    /// <summary>Kebab-case, stable: scripts and links use it.</summary>
    public required string Name { get; init; }

    /// <summary>The checklist row's symptom, as the seed writes it (<c>Users skipped in logs</c>).</summary>
    public required string Symptom { get; init; }

    /// <summary>The checklist's first thing to check, as the seed writes it.</summary>
    public required string FirstThingToCheck { get; init; }

    /// <summary>What the preset's entries are, in a sentence.</summary>
    public required string Shows { get; init; }

    /// <summary>What to look at in those entries first.</summary>
    public required string ReadFirst { get; init; }

    /// <summary>The entries the preset stands for, ANDed with the rest of a query.</summary>
    public required ProvisioningLogCondition Condition { get; init; }

    /// <summary>
    /// The same entries as a <c>$filter</c> of <c>GET /v1.0/auditLogs/provisioning</c>, or null when Graph's filter
    /// cannot say it (it cannot filter on steps); only given when exactly equivalent.
    /// </summary>
    public string? GraphFilter { get; init; }

    /// <summary>The query narrowed to this preset's entries, its other conditions (job, time, ...) kept.</summary>
    public ProvisioningLogQuery Apply(ProvisioningLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query with { Condition = query.Condition is { } other ? new ProvisioningLogAll([other, Condition]) : Condition };
    }
}
