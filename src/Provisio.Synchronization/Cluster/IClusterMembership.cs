namespace Provisio.Synchronization.Cluster;

/// <summary>
/// The nodes the service runs on and where each job's cycle runs: one node (this process) unless the host is one of a
/// cluster on a shared database, where the scheduler's own records say (Quartz's check-ins and firings).
/// </summary>
public interface IClusterMembership
{
    /// <summary>Whether this process is one node of a cluster.</summary>
    bool Clustered { get; }

    /// <summary>This node's id.</summary>
    string NodeId { get; }

    /// <summary>Every node known, alive or lost, by id.</summary>
    Task<IReadOnlyList<ClusterNode>> ListNodesAsync(CancellationToken cancellationToken);

    /// <summary>The node running the job's cycle now, or null when none does.</summary>
    Task<string?> NodeRunningAsync(string jobId, CancellationToken cancellationToken);
}
