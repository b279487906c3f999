namespace Provisio.Synchronization.Logs;

/// <summary>
/// Graph's <c>provisioningObjectSummary</c> (reference entra-engine-and-api §7.1): one provisioning log entry, one per
/// object per cycle (and per on-demand run), with the steps it went through and, on failure, Entra's error.
/// </summary>
public sealed record ProvisioningObjectSummary
{
    public required string Id { get; init; }

    public required DateTimeOffset ActivityDateTime { get; init; }

    /// <summary>Unique per change in a cycle; joins the CSV download's files.</summary>
    public required string ChangeId { get; init; }

    public required string CycleId { get; init; }

    public required string JobId { get; init; }

    public int DurationInMilliseconds { get; init; }

    public Initiator InitiatedBy { get; init; } = Initiator.System;

    public IReadOnlyList<ModifiedProperty> ModifiedProperties { get; init; } = [];

    public ProvisioningAction ProvisioningAction { get; init; }

    public required ProvisioningStatusInfo ProvisioningStatusInfo { get; init; }

    public IReadOnlyList<ProvisioningStep> ProvisioningSteps { get; init; } = [];

    /// <summary>
    /// Graph's older, deprecated <c>statusInfo</c> (<c>statusBase</c>, or <c>statusDetails</c> with the error), which
    /// scripts written against beta still read: the same result as <see cref="ProvisioningStatusInfo"/>. Written, never read.
    /// </summary>
    public StatusDetails StatusInfo => StatusDetails.From(ProvisioningStatusInfo);

    public required ProvisioningServicePrincipal ServicePrincipal { get; init; }

    public required ProvisionedIdentity SourceIdentity { get; init; }

    public ProvisioningSystem? SourceSystem { get; init; }

    public required ProvisionedIdentity TargetIdentity { get; init; }

    public ProvisioningSystem? TargetSystem { get; init; }

    public string? TenantId { get; init; }
}
