using Microsoft.Extensions.Logging;
using Provisio.Synchronization;
using Provisio.Synchronization.Schema;
using Quartz;

namespace Provisio.Host.Synchronization;

/// <summary>
/// Runs synchronization jobs on their schedules with Quartz.NET: one Quartz job per synchronization job (its key is the
/// job id), fired by a simple trigger that repeats forever at the job's interval; <see cref="SynchronizationCycleJob"/>
/// runs one cycle per firing, never two at once. A firing missed (a cycle overran its interval, or every thread of the
/// node was busy with other jobs' cycles) fires once, as soon as it can, and the interval counts from then: missed
/// firings are not queued, and a job waiting for a free thread never waits a whole interval more.
/// </summary>
internal sealed class QuartzSynchronizationScheduler(ISchedulerFactory schedulers, TimeProvider timeProvider, ILogger<QuartzSynchronizationScheduler> logger)
    : ISynchronizationScheduler
{
    public const string Group = "synchronization";

    /// <summary>Quartz adds intervals to dates: a job that should practically never run (a new job's P10675199D...) runs once a year.</summary>
    private static readonly TimeSpan LongestInterval = TimeSpan.FromDays(365);

    public static JobKey KeyOf(string jobId) => new(jobId, Group);

    public async Task ScheduleAsync(string jobId, TimeSpan interval, bool runNow, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var every = interval > LongestInterval ? LongestInterval : interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : interval;
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var first = runNow ? timeProvider.GetUtcNow() : timeProvider.GetUtcNow() + every;
        // Recovery: in a cluster, a firing whose node died is fired again on another node, which resumes the checkpoint.
        var job = JobBuilder.Create<SynchronizationCycleJob>()
            .WithIdentity(KeyOf(jobId))
            .WithDescription($"Synchronization job {jobId}")
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create(timeProvider)
            .WithIdentity(new TriggerKey(jobId, Group))
            .ForJob(job)
            .StartAt(first)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(every)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        logger.JobScheduled(jobId, Iso8601Duration.Format(every), first);
    }

    /// <summary>Whether the job has a trigger (in a cluster, another node may have scheduled it already).</summary>
    public async Task<bool> IsScheduledAsync(string jobId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        return await scheduler.Exists(new TriggerKey(jobId, Group), cancellationToken).ConfigureAwait(false);
    }

    public async Task UnscheduleAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        if (await scheduler.DeleteJob(KeyOf(jobId), cancellationToken).ConfigureAwait(false))
        {
            logger.JobUnscheduled(jobId);
        }
    }
}
