namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationQuarantine</c> (reference entra-engine-and-api §2.3, §6.5): why and since when the job is
/// quarantined. A series starts when a quarantine is first imposed and ends when it is lifted. The timestamps and the
/// reason are optional because Graph's own example sends them as <c>""</c>.
/// </summary>
public sealed record SynchronizationQuarantine
{
    /// <summary>When the quarantine was last evaluated and imposed.</summary>
    public DateTimeOffset? CurrentBegan { get; init; }

    /// <summary>When the quarantine will next be re-evaluated.</summary>
    public DateTimeOffset? NextAttempt { get; init; }

    public QuarantineReason? Reason { get; init; }

    /// <summary>When the quarantine was first imposed in this series.</summary>
    public DateTimeOffset? SeriesBegan { get; init; }

    /// <summary>How many times the quarantine was re-evaluated and left in effect in this series.</summary>
    public long SeriesCount { get; init; }

    public SynchronizationError? Error { get; init; }
}
