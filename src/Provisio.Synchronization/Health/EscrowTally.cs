namespace Provisio.Synchronization.Health;

/// <summary>
/// What the quarantine thresholds are evaluated on (reference entra-engine-and-api §2.1, the seed's "Escrow
/// thresholds"): the objects whose own provisioning failed (held in escrow), the objects provisioned without failure,
/// and the reference failures (a manager or a member that could not be set), which count only toward the absolute limit.
/// </summary>
public readonly record struct EscrowTally(long Failed, long Succeeded, long ReferenceFailed)
{
    public long TotalFailures => Failed + ReferenceFailed;

    /// <summary>The share of provisioning events that failed, reference failures left out (0 when there were none).</summary>
    public double FailedProportion => Failed + Succeeded == 0 ? 0 : (double)Failed / (Failed + Succeeded);
}
