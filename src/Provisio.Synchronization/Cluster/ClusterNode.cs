namespace Provisio.Synchronization.Cluster;

/// <summary>One node of the service: its id, when it last checked in, whether the others count it alive, and the jobs whose cycles run on it now.</summary>
public sealed record ClusterNode
{
    public required string Id { get; init; }

    public required DateTimeOffset LastCheckIn { get; init; }

    public required TimeSpan CheckInInterval { get; init; }

    /// <summary>False once its check-in is later than the misfire threshold allows: the other nodes take its jobs.</summary>
    public required bool Alive { get; init; }

    /// <summary>The node answering the request.</summary>
    public bool Self { get; init; }

    public IReadOnlyList<string> RunningJobs { get; init; } = [];
}
