using Npgsql;
using Provisio.Host.Synchronization;
using Provisio.Synchronization.Cluster;

namespace Provisio.Host.Cluster;

/// <summary>
/// The cluster as Quartz.NET's clustered job store records it: a row per node in <c>qrtz_scheduler_state</c> (its last
/// check-in, in ticks), a row per running firing in <c>qrtz_fired_triggers</c> (state <c>EXECUTING</c>, the node's id).
/// A node is lost once its check-in is older than its interval and the misfire threshold: Quartz's own rule for recovering it.
/// </summary>
internal sealed class QuartzClusterMembership(NpgsqlDataSource dataSource, ClusterOptions options, TimeProvider timeProvider) : IClusterMembership
{
    private const string Tables = SynchronizationHosting.QuartzTablePrefix;

    public bool Clustered => true;

    public string NodeId { get; } = options.EffectiveNodeId;

    public async Task<IReadOnlyList<ClusterNode>> ListNodesAsync(CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            $"SELECT instance_name, job_name FROM {Tables}fired_triggers WHERE sched_name = @scheduler AND state = 'EXECUTING' AND job_name IS NOT NULL ORDER BY job_name;"))
        {
            command.Parameters.AddWithValue("scheduler", SynchronizationHosting.SchedulerName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var node = reader.GetString(0);
                (running.TryGetValue(node, out var jobs) ? jobs : running[node] = []).Add(reader.GetString(1));
            }
        }

        var nodes = new List<ClusterNode>();
        await using (var command = dataSource.CreateCommand(
            $"SELECT instance_name, last_checkin_time, checkin_interval FROM {Tables}scheduler_state WHERE sched_name = @scheduler ORDER BY instance_name;"))
        {
            command.Parameters.AddWithValue("scheduler", SynchronizationHosting.SchedulerName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                var lastCheckIn = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
                var interval = TimeSpan.FromMilliseconds(reader.GetInt64(2));
                nodes.Add(new ClusterNode
                {
                    Id = id,
                    LastCheckIn = lastCheckIn,
                    CheckInInterval = interval,
                    Alive = now - lastCheckIn <= interval + options.CheckinMisfireThreshold,
                    Self = id == NodeId,
                    RunningJobs = running.TryGetValue(id, out var jobs) ? jobs : [],
                });
            }
        }

        return nodes;
    }

    public async Task<string?> NodeRunningAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT instance_name FROM {Tables}fired_triggers WHERE sched_name = @scheduler AND state = 'EXECUTING' AND job_name = @job LIMIT 1;");
        command.Parameters.AddWithValue("scheduler", SynchronizationHosting.SchedulerName);
        command.Parameters.AddWithValue("job", jobId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
