namespace Provisio.Synchronization.Storage;

/// <summary>What a <see cref="ProvisioningLogComparison"/> compares: a column of the logs (<see cref="ProvisioningLogRow"/>).</summary>
public enum ProvisioningLogProperty
{
    JobId,
    CycleId,
    ChangeId,

    /// <summary>A <see cref="Logs.ProvisioningAction"/>.</summary>
    Action,

    /// <summary>A <see cref="Logs.ProvisioningResult"/>.</summary>
    Status,
    ErrorCode,

    /// <summary>A <see cref="Guid"/>.</summary>
    ServicePrincipalId,

    /// <summary>The source or the target identity's id, as the portal's Identity filter matches (reference §7.3).</summary>
    IdentityId,

    /// <summary>The source or the target identity's display name.</summary>
    IdentityDisplayName,

    /// <summary>A <see cref="DateTimeOffset"/>.</summary>
    ActivityDateTime,

    /// <summary>The source identity's type (<c>User</c>, <c>Group</c>), exactly.</summary>
    IdentityType,

    /// <summary>
    /// A <see cref="Logs.ProvisioningStepType"/>: the type of the entry's first failed step (a failed manager or members
    /// update is <c>referenceResolution</c>); an entry with no failed step has none.
    /// </summary>
    FailedStep,
}
