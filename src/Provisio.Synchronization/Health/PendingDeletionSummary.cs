namespace Provisio.Synchronization.Health;

/// <summary>
/// Deletes and disables held by accidental-deletion protection (reference entra-engine-and-api §3; seed 000): those waiting
/// for a decision, those approved (carried out by the next cycle), the job's threshold, and what to do.
/// </summary>
public sealed record PendingDeletionSummary
{
    /// <summary>Held and not approved (escrows of kind PendingDeletion).</summary>
    public required long Count { get; init; }

    /// <summary>Approved with restart resetScope ForceDeletes, not yet carried out (kind ApprovedDeletion).</summary>
    public required long Approved { get; init; }

    /// <summary>The threshold in force (<see cref="DeletionProtection.Threshold"/>); null when protection is off.</summary>
    public int? Threshold { get; init; }

    public required IReadOnlyList<EscrowedObject> Examples { get; init; }

    public required string RecommendedAction { get; init; }
}
