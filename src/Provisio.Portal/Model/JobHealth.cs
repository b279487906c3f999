using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;

namespace Provisio.Portal.Model;

/// <summary>A job's state at a glance, in the order an administrator must act on it.</summary>
public enum JobHealth
{
    Quarantined,
    Disabled,
    Paused,
    Running,
    Off,
    WithErrors,
    Healthy,
}

public static class JobHealthOf
{
    /// <param name="escrowedObjects">Objects waiting for a retry: a running job with some is healthy but not clean.</param>
    public static JobHealth Of(SynchronizationJob job, bool running, DateTimeOffset now, long escrowedObjects = 0)
    {
        ArgumentNullException.ThrowIfNull(job);
        var quarantined = job.Status.Quarantine is not null || job.Status.Code == SynchronizationStatusCode.Quarantine;
        // Four weeks of quarantine disable the schedule (reference §1.11); a schedule that was never started is simply off.
        return job.Status.Quarantine is { } quarantine && QuarantineRules.Expired(quarantine, now) && job.Schedule.State == SynchronizationScheduleState.Disabled ? JobHealth.Disabled
            : quarantined ? JobHealth.Quarantined
            : running ? JobHealth.Running
            : job.Schedule.State == SynchronizationScheduleState.Paused || job.Status.Code == SynchronizationStatusCode.Paused ? JobHealth.Paused
            : job.Schedule.State == SynchronizationScheduleState.Disabled ? JobHealth.Off
            : escrowedObjects > 0 || job.Status.LastExecution?.State == SynchronizationTaskExecutionResult.EntryLevelErrors ? JobHealth.WithErrors
            : JobHealth.Healthy;
    }

    public static string Label(JobHealth health) => health switch
    {
        JobHealth.Quarantined => "Quarantined",
        JobHealth.Disabled => "Disabled",
        JobHealth.Paused => "Paused",
        JobHealth.Running => "Running",
        JobHealth.Off => "Off",
        JobHealth.WithErrors => "With errors",
        _ => "Healthy",
    };

    /// <summary>The badge's CSS class.</summary>
    public static string Css(JobHealth health) => "badge badge-" + health.ToString().ToLowerInvariant();
}
