namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationProgress</c> (reference entra-engine-and-api §6.7): how far the current cycle is, in
/// <see cref="Units"/> (the portal's bar counts pages, not objects, reference §1.12).
/// </summary>
public sealed record SynchronizationProgress
{
    public long CompletedUnits { get; init; }

    public DateTimeOffset ProgressObservationDateTime { get; init; }

    public long TotalUnits { get; init; }

    public string? Units { get; init; }
}
