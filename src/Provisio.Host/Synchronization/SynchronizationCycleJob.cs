using Microsoft.Extensions.Logging;
using Provisio.Synchronization;
using Quartz;

namespace Provisio.Host.Synchronization;

/// <summary>
/// One firing of a synchronization job's trigger: one cycle (<see cref="SynchronizationEngine.RunScheduledCycleAsync"/>,
/// which waits instead while a quarantine's next attempt is ahead, so the cycles back off to once a day). Never
/// two of the same job at once; on shutdown the cycle's token is cancelled and it stops at its checkpoint, which the
/// next start resumes.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SynchronizationCycleJob(SynchronizationEngine engine, ILogger<SynchronizationCycleJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobId = context.JobDetail.Key.Name;
        try
        {
            if (await engine.RunScheduledCycleAsync(jobId, cancellationToken).ConfigureAwait(false) is { } cycle)
            {
                logger.CycleRan(jobId, cycle.Outcome.ToString(), cycle.Execution.CountExported, cycle.Execution.CountEscrowed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.CycleInterrupted(jobId);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // Logged here and not rethrown: the trigger keeps its schedule, and the next firing retries from the checkpoint.
            logger.CycleCrashed(exception, jobId);
        }
    }
}
