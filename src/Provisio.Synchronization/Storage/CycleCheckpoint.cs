namespace Provisio.Synchronization.Storage;

/// <summary>
/// A running cycle's position, written with each unit of work it commits, so a cycle interrupted by a crash or a kill
/// resumes after the last object whose bookkeeping was committed.
/// </summary>
public sealed record CycleCheckpoint
{
    /// <summary>The cycle's id (<c>cycleId</c> in the provisioning logs, <c>activityIdentifier</c> in the status).</summary>
    public required string CycleId { get; init; }

    public required CycleKind Kind { get; init; }

    public required DateTimeOffset Began { get; init; }

    /// <summary>The phase in progress, e.g. <c>User</c>, <c>Group</c>, <c>Escrow</c>; engine-defined.</summary>
    public required string Phase { get; init; }

    /// <summary>Where the phase stands (an opaque keyset cursor or a feed sequence); null at the phase's start.</summary>
    public string? Cursor { get; init; }

    /// <summary>The watermark the cycle will store when it completes (the feed's latest sequence when it began).</summary>
    public long EndWatermark { get; init; }

    /// <summary>Counts so far, for the status's <c>lastExecution</c> and the progress bar.</summary>
    public CycleCounters Counters { get; init; } = new();
}
