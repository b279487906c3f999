using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// Which provisioning logs to read: every condition given must hold (the Graph API's <c>$filter</c> and the CLI's options
/// translate into it). Identity conditions match either the source or the target identity, as the portal's Identity
/// filter does (reference entra-engine-and-api §7.3); <see cref="Condition"/> holds what the flat properties cannot
/// (<c>or</c>, <c>startswith</c>). Results are newest first unless <see cref="Ascending"/>.
/// </summary>
public sealed record ProvisioningLogQuery
{
    public string? JobId { get; init; }

    public Guid? ServicePrincipalId { get; init; }

    public string? CycleId { get; init; }

    public string? ChangeId { get; init; }

    public ProvisioningResult? Status { get; init; }

    public ProvisioningAction? Action { get; init; }

    /// <summary>Source or target identity id, exactly.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Source or target identity display name, exactly (Graph's filters are case-sensitive, §7.1).</summary>
    public string? IdentityDisplayName { get; init; }

    /// <summary>The error code (<c>errorInformation.errorCode</c>), exactly.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Inclusive lower bound on <c>activityDateTime</c>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound on <c>activityDateTime</c>.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>A further condition (<c>or</c>, <c>startswith</c>, ...), ANDed with the properties above.</summary>
    public ProvisioningLogCondition? Condition { get; init; }

    /// <summary>Oldest first (<c>activityDateTime asc</c>, then id ascending) instead of newest first.</summary>
    public bool Ascending { get; init; }

    public int Top { get; init; } = 100;

    /// <summary>Continue after this entry in the query's order (keyset, never an offset).</summary>
    public ProvisioningLogCursor? After { get; init; }
}
