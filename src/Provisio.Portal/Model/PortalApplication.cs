using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Model;

/// <summary>
/// An application (service principal) and its synchronization job, if it has one, with what the list shows of it: the
/// objects linked in the target (the connector data store) and those waiting in escrow.
/// </summary>
public sealed record PortalApplication(Guid Id, string DisplayName, StoredJob? Job, bool Running)
{
    public long Users { get; init; }

    public long Groups { get; init; }

    public EscrowCounts Escrows { get; init; } = new(0, 0);

    public JobHealth? Health => Job is null ? null : JobHealthOf.Of(Job.Job, Running, DateTimeOffset.UtcNow, Escrows.Objects);
}
