namespace Provisio.Synchronization.Health;

/// <summary>
/// What the last cycle skipped (its provisioning log entries with status skipped), grouped by error code and reason, the
/// largest group first. At most <see cref="JobDiagnostician.SkippedRowLimit"/> entries are read; <see cref="Truncated"/>
/// says the count is a lower bound.
/// </summary>
public sealed record SkippedSummary
{
    /// <summary>The last cycle's id (<c>status.lastExecution.activityIdentifier</c>); null when no cycle ran.</summary>
    public string? CycleId { get; init; }

    public required long Count { get; init; }

    public required bool Truncated { get; init; }

    public required IReadOnlyList<SkippedGroup> Groups { get; init; }
}
