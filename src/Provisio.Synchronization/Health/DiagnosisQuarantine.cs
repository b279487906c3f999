using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Health;

/// <summary>The job's quarantine (seed 002 "Step 1: Identify the Quarantine Reason") with what to do about it.</summary>
public sealed record DiagnosisQuarantine
{
    public QuarantineReason? Reason { get; init; }

    /// <summary>Since when the job is in quarantine (the series' beginning).</summary>
    public DateTimeOffset? SeriesBegan { get; init; }

    public DateTimeOffset? CurrentBegan { get; init; }

    public DateTimeOffset? NextAttempt { get; init; }

    public long SeriesCount { get; init; }

    public SynchronizationError? Error { get; init; }

    /// <summary><see cref="QuarantineRules.RecommendedAction(Jobs.SynchronizationQuarantine)"/>: the reason's, or the error's own (duplicate roles).</summary>
    public required string RecommendedAction { get; init; }
}
