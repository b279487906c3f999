using Microsoft.Extensions.Logging;

namespace Provisio.Host.Synchronization;

/// <summary>The host's scheduler events (STYLE.md §4: 1xxx scheduler). Job ids and counts only, never secrets.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Scheduled job {JobId} every {Interval} (first run {FirstRun})")]
    public static partial void JobScheduled(this ILogger logger, string jobId, string interval, DateTimeOffset firstRun);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Unscheduled job {JobId}")]
    public static partial void JobUnscheduled(this ILogger logger, string jobId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Resumed {Count} active synchronization jobs")]
    public static partial void JobsResumed(this ILogger logger, int count);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Cycle of job {JobId} interrupted by shutdown; its checkpoint resumes it")]
    public static partial void CycleInterrupted(this ILogger logger, string jobId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Scheduled cycle of job {JobId} failed inside the engine")]
    public static partial void CycleCrashed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Scheduled cycle of job {JobId} ended: {Outcome}, {Exported} exported, {Escrowed} escrowed")]
    public static partial void CycleRan(this ILogger logger, string jobId, string outcome, long exported, long escrowed);
}
