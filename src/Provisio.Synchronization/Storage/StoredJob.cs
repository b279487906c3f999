using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// A job as the store keeps it: Graph's <c>synchronizationJob</c> (with schedule and status), the service principal it
/// belongs to, its schema, and a version that moves on every write so concurrent writers cannot overwrite each other.
/// </summary>
public sealed record StoredJob
{
    public required Guid ServicePrincipalId { get; init; }

    public required SynchronizationJob Job { get; init; }

    public required SynchronizationSchema Schema { get; init; }

    /// <summary>0 for a job not yet stored; the store sets it and moves it on each update.</summary>
    public long Version { get; init; }

    public string Id => Job.Id;
}
