using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Model;

/// <summary>An application (service principal) and its synchronization job, if it has one.</summary>
public sealed record PortalApplication(Guid Id, string DisplayName, StoredJob? Job, bool Running)
{
    public JobHealth? Health => Job is null ? null : JobHealthOf.Of(Job.Job, Running, DateTimeOffset.UtcNow);
}
