namespace Provisio.Synchronization.Storage;

/// <summary>
/// Where a job stands between and inside cycles: the watermark (the directory change-feed sequence processed through;
/// null until an initial cycle completes, and again after a restart clears it) and, while a cycle runs, its checkpoint.
/// </summary>
public sealed record CycleState
{
    /// <summary>A job that never completed a cycle: its next cycle is initial.</summary>
    public static CycleState Initial { get; } = new();

    /// <summary>The change-feed sequence the last completed cycle read through; null means the next cycle is initial.</summary>
    public long? Watermark { get; init; }

    /// <summary>The running (or interrupted) cycle; null between cycles.</summary>
    public CycleCheckpoint? Checkpoint { get; init; }
}
