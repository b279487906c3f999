using Provisio.Synchronization;
using Provisio.Synchronization.Cluster;

namespace Provisio.Host.Cluster;

/// <summary>The service on one machine: itself, always alive, running what its engine runs.</summary>
internal sealed class SingleNodeMembership(SynchronizationEngine engine, ClusterOptions options, TimeProvider timeProvider) : IClusterMembership
{
    public bool Clustered => false;

    public string NodeId { get; } = options.EffectiveNodeId;

    public async Task<IReadOnlyList<ClusterNode>> ListNodesAsync(CancellationToken cancellationToken)
    {
        var running = (await engine.Store.ListJobsAsync(null, cancellationToken).ConfigureAwait(false)).Select(job => job.Id).Where(engine.IsCycleRunning).ToList();
        return [new ClusterNode { Id = NodeId, LastCheckIn = timeProvider.GetUtcNow(), CheckInInterval = TimeSpan.Zero, Alive = true, Self = true, RunningJobs = running }];
    }

    public Task<string?> NodeRunningAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(engine.IsCycleRunning(jobId) ? NodeId : null);
}
