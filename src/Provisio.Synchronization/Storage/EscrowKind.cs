namespace Provisio.Synchronization.Storage;

/// <summary>
/// An escrow of the object itself (create, update, disable, delete) or of one of its references (manager, members),
/// which the quarantine thresholds count apart (reference entra-engine-and-api §1.1, §2); and the deletions that
/// accidental-deletion protection holds (reference §3), which are not failures and count toward nothing but the
/// deletion threshold.
/// </summary>
public enum EscrowKind
{
    Object,
    Reference,

    /// <summary>A delete or disable held back: the cycle would exceed the deletion threshold.</summary>
    PendingDeletion,

    /// <summary>A held deletion an administrator approved (restart with ForceDeletes): the next cycle carries it out.</summary>
    ApprovedDeletion,
}
