using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// When a failed object is tried again (reference entra-engine-and-api §1.10, S2): 6 h after the first failure, then
/// 12 h, then 24 h after it, then every 24 h, for 28 days. Reference escrows are re-evaluated on every cycle: that costs no
/// request until the referenced object is in the target, and lets a reference heal on the cycle after its object does.
/// </summary>
public static class EscrowSchedule
{
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(28);

    public static DateTimeOffset NextRetry(EscrowKind kind, DateTimeOffset firstFailure, int attempts, DateTimeOffset now) => kind switch
    {
        EscrowKind.Reference or EscrowKind.PendingDeletion or EscrowKind.ApprovedDeletion => now,
        _ => attempts switch
        {
            <= 1 => firstFailure.AddHours(6),
            2 => firstFailure.AddHours(12),
            3 => firstFailure.AddHours(24),
            _ => firstFailure.AddHours(24 * (attempts - 2)),
        },
    };
}
