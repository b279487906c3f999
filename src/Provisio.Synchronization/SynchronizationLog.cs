using Microsoft.Extensions.Logging;

namespace Provisio.Synchronization;

/// <summary>The engine's log events (STYLE.md §4: 1xxx scheduler, 2xxx cycle). Ids and counts only, never attribute values or secrets.</summary>
internal static partial class SynchronizationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Cycle {CycleId} ({Kind}) of job {JobId} started at phase {Phase}")]
    public static partial void CycleStarted(this ILogger logger, string cycleId, string kind, string jobId, string phase);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Cycle {CycleId} of job {JobId} finished in {DurationMs} ms: {Imported} imported, {Exported} exported, {Escrowed} escrowed")]
    public static partial void CycleFinished(this ILogger logger, string cycleId, string jobId, long durationMs, long imported, long exported, long escrowed);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Cycle {CycleId} of job {JobId} stopped: {ErrorCode}")]
    public static partial void CycleFailed(this ILogger logger, string cycleId, string jobId, string errorCode);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Job {JobId} cannot run: {Reason}")]
    public static partial void JobNotRunnable(this ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Object {SourceId} of job {JobId} failed inside the engine")]
    public static partial void ObjectCrashed(this ILogger logger, Exception exception, Guid sourceId, string jobId);
}
