using System.ComponentModel.DataAnnotations;

namespace Provisio.Host.Cluster;

/// <summary>
/// <c>Provisio:Cluster</c>: several <c>provisio serve</c> nodes on one PostgreSQL database, scheduled by Quartz.NET's
/// clustered ADO.NET job store: each job's cycles run on one node at a time, and a node that stops checking in has its
/// jobs taken over (and their interrupted cycles resumed from their checkpoints) by the others.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Provisio:Cluster";

    /// <summary>Off by default (one node, the scheduler in memory); needs a <c>postgres:</c> database.</summary>
    public bool Enabled { get; set; }

    /// <summary>This node's name in the cluster, unique among the nodes (default: the machine's name and the process id).</summary>
    public string? NodeId { get; set; }

    /// <summary>How often a node tells the others it is alive (Quartz's cluster check-in).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How late a node's check-in may be before the others recover its jobs: with the interval, the failover time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many jobs' cycles one node runs at once (0: its number of cores). The rest wait for a free node: with a node
    /// taking only what it can run, the jobs spread over the cluster instead of queueing on the node that scheduled them.
    /// </summary>
    [Range(0, 256)]
    public int MaxConcurrentCycles { get; set; }

    /// <summary>How long an idle node waits before it looks for due jobs again (a node hears at once of what it schedules itself, not of what others do).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cycles one node runs at once: <see cref="MaxConcurrentCycles"/> or the number of cores.</summary>
    public int EffectiveMaxConcurrentCycles => MaxConcurrentCycles > 0 ? MaxConcurrentCycles : Math.Max(1, Environment.ProcessorCount);

    /// <summary>The node id used: <see cref="NodeId"/> or the machine and process.</summary>
    public string EffectiveNodeId => string.IsNullOrWhiteSpace(NodeId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : NodeId.Trim();
}
