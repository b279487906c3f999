namespace Provisio.Synchronization.Storage;

/// <summary>
/// An escrow of the object itself (create, update, disable, delete) or of one of its references (manager, members),
/// which the quarantine thresholds count apart (reference entra-engine-and-api §1.1, §2).
/// </summary>
public enum EscrowKind
{
    Object,
    Reference,
}
