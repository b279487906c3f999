namespace Provisio.Synchronization.Health;

/// <summary>
/// The job's reference failures (escrows of kind Reference other than <c>ReferencePending</c>), grouped by error code, and
/// the references merely waiting for an object later in the cycle. They do not count toward the quarantine escrow
/// thresholds, except the absolute one (seed 002).
/// </summary>
public sealed record ReferenceFailureSummary
{
    public required long Count { get; init; }

    /// <summary>References whose object comes later in the cycle (<c>ReferencePending</c>): waiting, not failing.</summary>
    public required long Pending { get; init; }

    public required IReadOnlyList<FailureGroup> Groups { get; init; }
}
