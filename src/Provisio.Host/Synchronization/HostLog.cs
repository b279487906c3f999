using Microsoft.Extensions.Logging;

namespace Provisio.Host.Synchronization;

/// <summary>
/// The host's events (STYLE.md §4): 1xxx scheduler, 6xxx e-mail delivery (a range of ours). Ids, counts and SMTP
/// replies only, never secrets: the SMTP password is never an argument.
/// </summary>
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

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "E-mail is not configured (no Provisio:Smtp:Host): notification e-mails stay in the outbox")]
    public static partial void EmailNotConfigured(this ILogger logger);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Delivering e-mail through {Host}:{Port} ({Security}, {Authentication}), every {Interval}")]
    public static partial void EmailDeliveryStarted(this ILogger logger, string host, int port, string security, string authentication, TimeSpan interval);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Sent e-mail {EmailId} (job {JobId}) to {Recipients} recipients")]
    public static partial void EmailSent(this ILogger logger, string emailId, string? jobId, int recipients);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "E-mail {EmailId} (job {JobId}) not sent at attempt {Attempt}: {Error}; next attempt at {NextAttempt}")]
    public static partial void EmailFailed(this ILogger logger, string emailId, string? jobId, int attempt, string error, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Gave up e-mail {EmailId} (job {JobId}) after {Attempts} attempts: {Error}")]
    public static partial void EmailGaveUp(this ILogger logger, string emailId, string? jobId, int attempts, string error);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "A pass over the e-mail outbox failed; the next pass tries again")]
    public static partial void EmailPassFailed(this ILogger logger, Exception exception);
}
