namespace Provisio.Synchronization.Health;

/// <summary>
/// Accidental-deletion protection for one cycle (reference entra-engine-and-api §3; seed 000 "Accidental Deletion
/// Protection"): every delete and disable the cycle decides is held back (staged) instead of sent; once the cycle has
/// seen them all, they go out only when there are no more than <see cref="Threshold"/> of them, or when an
/// administrator approved them (<c>restart</c> with <c>ForceDeletes</c>). Deletions and disables both count, of users
/// and groups alike.
/// </summary>
public sealed class DeletionGuard(int threshold, IReadOnlySet<Guid> approved)
{
    /// <summary>Entra's default, the only value in Microsoft's examples (reference §3; seed 000: "default: 500").</summary>
    public const int DefaultThreshold = 500;

    public int Threshold { get; } = threshold > 0 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be positive.");

    /// <summary>Objects whose held deletion an administrator approved: they are never held again.</summary>
    public IReadOnlySet<Guid> Approved { get; } = approved;

    /// <summary>Set while the cycle carries out the deletions it held (they are under the threshold, or approved).</summary>
    public bool Releasing { get; set; }

    /// <summary>Whether a delete or disable of this object is held back now.</summary>
    public bool Holds(Guid sourceId) => !Releasing && !Approved.Contains(sourceId);

    /// <summary>What a held deletion's log entry says.</summary>
    public string HeldReason(long pending) =>
        $"Held by accidental-deletion protection: this cycle would delete or disable {pending:N0} objects, more than the threshold of {Threshold:N0}. " +
        "If the deletions are intended, approve them (restart with resetScope ForceDeletes); if not, fix the scoping or the source and restart the job.";
}
