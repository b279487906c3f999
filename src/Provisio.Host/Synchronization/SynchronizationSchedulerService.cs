using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisio.Synchronization;
using Provisio.Synchronization.Jobs;

using Provisio.Host.Cluster;

namespace Provisio.Host.Synchronization;

/// <summary>
/// Connects the engine to the Quartz scheduler for the life of the service. Starting (after Quartz's hosted service, and
/// before the server takes requests, so no start request can slip between the two), the engine schedules through
/// <see cref="QuartzSynchronizationScheduler"/> and every job whose schedule is active is scheduled to run now (a job
/// interrupted by a restart resumes from its checkpoint; in a cluster, only the jobs no node has scheduled yet). Stopping, the engine lets go of the scheduler before Quartz
/// shuts down (which cancels the running cycles and waits for them); a job started meanwhile is active in the store and
/// is resumed by the next start.
/// </summary>
internal sealed class SynchronizationSchedulerService(SynchronizationEngine engine, QuartzSynchronizationScheduler scheduler, ClusterOptions cluster,
    ILogger<SynchronizationSchedulerService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Scheduler = scheduler;
        var resumed = 0;
        foreach (var job in await engine.Store.ListJobsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            // In a cluster the schedule is shared: a node joining leaves the jobs another node scheduled as they are
            // (re-scheduling them would fire each again at every node's start).
            if (job.Job.Schedule.State == SynchronizationScheduleState.Active
                && !(cluster.Enabled && await scheduler.IsScheduledAsync(job.Id, cancellationToken).ConfigureAwait(false)))
            {
                await scheduler.ScheduleAsync(job.Id, job.Job.Schedule.Interval, runNow: true, cancellationToken).ConfigureAwait(false);
                resumed++;
            }
        }

        logger.JobsResumed(resumed);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        engine.Scheduler = null;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
