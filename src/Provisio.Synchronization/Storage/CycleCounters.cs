namespace Provisio.Synchronization.Storage;

/// <summary>
/// What a cycle has done so far, in the terms of Graph's <c>synchronizationTaskExecution</c> (reference
/// entra-engine-and-api §6.6) plus the progress units (objects processed of those known).
/// </summary>
public sealed record CycleCounters
{
    public long Imported { get; init; }

    public long ImportedDeltas { get; init; }

    public long ImportedReferenceDeltas { get; init; }

    public long Entitled { get; init; }

    public long Exports { get; init; }

    public long Exported { get; init; }

    public long Escrowed { get; init; }

    public long Skipped { get; init; }

    public long CompletedUnits { get; init; }

    public long TotalUnits { get; init; }
}
