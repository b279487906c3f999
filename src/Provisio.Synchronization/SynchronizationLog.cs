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

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Job {JobId} holds {Pending} deletions, more than its accidental-deletion threshold of {Threshold}: none is carried out until they are approved")]
    public static partial void DeletionsHeld(this ILogger logger, string jobId, long pending, int threshold);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Job {JobId} is in quarantine: {Reason} ({ErrorCode}); next attempt {NextAttempt:o}")]
    public static partial void Quarantined(this ILogger logger, string jobId, string reason, string? errorCode, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Job {JobId} left quarantine ({Reason} since {Began:o})")]
    public static partial void QuarantineLifted(this ILogger logger, string jobId, string reason, DateTimeOffset began);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Job {JobId} was disabled: in quarantine since {Began:o}, more than four weeks")]
    public static partial void DisabledAfterQuarantine(this ILogger logger, string jobId, DateTimeOffset began);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Job {JobId}: {Count} escrows older than 28 days were removed and are no longer retried")]
    public static partial void EscrowsExpired(this ILogger logger, string jobId, int count);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Job {JobId} restarted with reset scope {Scope}; {Approved} held deletions approved")]
    public static partial void JobRestarted(this ILogger logger, string jobId, string scope, int approved);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Job {JobId}: another node asked its running cycle to stop (a restart, a schema save or a delete); it stops at its checkpoint")]
    public static partial void CycleStopRequested(this ILogger logger, string jobId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Job {JobId}: could not look for a stop asked for by another node; the cycle goes on")]
    public static partial void StopWatchFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Service principal {ServicePrincipalId}: the token endpoint refused the authorization code ({Code})")]
    public static partial void AuthorizationRefused(this ILogger logger, Guid servicePrincipalId, string code);
}
