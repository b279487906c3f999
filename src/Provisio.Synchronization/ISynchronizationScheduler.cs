namespace Provisio.Synchronization;

/// <summary>
/// Runs jobs on their schedules (the host implements it with Quartz.NET). The engine tells it when a job starts, stops
/// or changes interval; the scheduler calls <see cref="SynchronizationEngine.RunCycleAsync"/> when a job is due.
/// </summary>
public interface ISynchronizationScheduler
{
    /// <summary>Runs the job every <paramref name="interval"/>, the first time now when <paramref name="runNow"/>.</summary>
    Task ScheduleAsync(string jobId, TimeSpan interval, bool runNow, CancellationToken cancellationToken);

    Task UnscheduleAsync(string jobId, CancellationToken cancellationToken);
}
