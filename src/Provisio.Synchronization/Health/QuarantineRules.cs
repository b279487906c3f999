using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Health;

/// <summary>How a job's quarantine changes after an evaluation (reference entra-engine-and-api §2.3, §6.5).</summary>
public enum QuarantineChange
{
    /// <summary>Not quarantined before or after.</summary>
    None,

    /// <summary>A new series began (an e-mail and an audit record).</summary>
    Entered,

    /// <summary>Still quarantined, for another reason (a new e-mail, seed 002: "If the quarantine reason changes, an updated email is sent").</summary>
    ReasonChanged,

    /// <summary>Re-evaluated and left in effect (<c>seriesCount</c> moves on, the next attempt backs off further).</summary>
    Continued,

    /// <summary>The criteria no longer hold, or an administrator started or restarted the job.</summary>
    Lifted,
}

/// <summary>
/// The quarantine's life (seed 002 "While in quarantine", reference §2.3): imposed with <c>currentBegan</c> and
/// <c>seriesBegan</c> now; each re-evaluation that keeps it moves <c>seriesCount</c> on and backs the next attempt off,
/// doubling from the job's interval "gradually … to once per day"; lifted when the criteria no longer hold; after four
/// weeks in one series the job is disabled.
/// </summary>
public static class QuarantineRules
{
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromDays(1);

    /// <summary>"If the provisioning job stays in quarantine for more than four weeks, the provisioning job is disabled."</summary>
    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(28);

    /// <summary>The wait before the next attempt after the <paramref name="seriesCount"/>th re-evaluation: interval × 2^(n+1), at most a day.</summary>
    public static TimeSpan Backoff(TimeSpan interval, long seriesCount)
    {
        var baseline = interval <= TimeSpan.Zero || interval == TimeSpan.MaxValue ? Jobs.SynchronizationSchedule.DefaultInterval : interval;
        var factor = Math.Pow(2, Math.Min(seriesCount + 1, 40));
        var ticks = baseline.Ticks * factor;
        return ticks >= LongestBackoff.Ticks ? LongestBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The status after an evaluation found <paramref name="reason"/> (null: the criteria do not hold).</summary>
    public static (SynchronizationStatus Status, QuarantineChange Change) Apply(SynchronizationStatus status, QuarantineReason? reason, SynchronizationError? error,
        TimeSpan interval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var current = status.Quarantine;
        if (reason is not { } imposed)
        {
            return current is null
                ? (status, QuarantineChange.None)
                : (Lift(status), QuarantineChange.Lifted);
        }

        if (current is null)
        {
            return (status with
            {
                Code = SynchronizationStatusCode.Quarantine,
                Quarantine = new SynchronizationQuarantine
                {
                    CurrentBegan = now,
                    SeriesBegan = now,
                    SeriesCount = 0,
                    NextAttempt = now + Backoff(interval, 0),
                    Reason = imposed,
                    Error = error,
                },
            }, QuarantineChange.Entered);
        }

        var count = current.SeriesCount + 1;
        return (status with
        {
            Code = SynchronizationStatusCode.Quarantine,
            Quarantine = current with
            {
                CurrentBegan = now,
                SeriesCount = count,
                NextAttempt = now + Backoff(interval, count),
                Reason = imposed,
                Error = error,
                SeriesBegan = current.SeriesBegan ?? now,
            },
        }, current.Reason == imposed ? QuarantineChange.Continued : QuarantineChange.ReasonChanged);
    }

    /// <summary>The status without its quarantine: the job runs on its schedule again.</summary>
    public static SynchronizationStatus Lift(SynchronizationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status with
        {
            Quarantine = null,
            Code = status.Code == SynchronizationStatusCode.Quarantine
                ? status.LastExecution is null ? SynchronizationStatusCode.NotRun : SynchronizationStatusCode.Active
                : status.Code,
        };
    }

    /// <summary>Whether the series has lasted longer than four weeks: the job is disabled.</summary>
    public static bool Expired(SynchronizationQuarantine quarantine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quarantine);
        return quarantine.SeriesBegan is { } began && now - began > DisableAfter;
    }

    /// <summary>Whether a scheduled cycle waits: the quarantine's next attempt is still ahead, or an administrator imposed it.</summary>
    public static bool Defers(SynchronizationStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Quarantine is { } quarantine
            && (quarantine.Reason == QuarantineReason.QuarantinedOnDemand || quarantine.NextAttempt is { } next && now < next);
    }

    /// <summary>
    /// What the administrator is told to do about <paramref name="quarantine"/>: its error's own action where the error is
    /// one Graph has no reason for (seed 002's "Duplicate roles", under EncounteredQuarantineException; a refused OAuth
    /// authorization: issue 11's "re-authorized by clicking the authorization button"), else the reason's.
    /// </summary>
    public static string RecommendedAction(SynchronizationQuarantine quarantine)
    {
        ArgumentNullException.ThrowIfNull(quarantine);
        return quarantine.Error?.Code switch
        {
            DuplicateAppRoles.ErrorCode => DuplicateAppRoles.RecommendedAction,
            Scim.Client.ScimErrorCodes.ReauthorizationRequired =>
                "Re-authorize: in the portal open the application's Settings and click Authorize, approve the access at the application, " +
                "then restart the job (resetScope Quarantine lifts only the quarantine). Without the portal, save a new Oauth2RefreshToken with PUT .../synchronization/secrets.",
            _ => RecommendedAction(quarantine.Reason),
        };
    }

    /// <summary>What the administrator is told to do, per reason (seed 002 "Why is my application in quarantine?" and "How do I get my application out").</summary>
    public static string RecommendedAction(QuarantineReason? reason) => reason switch
    {
        QuarantineReason.EncounteredQuarantineException =>
            "Check the admin credentials (the tenant URL and secret token) and run Test Connection; if the target answered a query with 404 instead of an empty list, " +
            "ask its vendor to make it SCIM-compliant (RFC 7644 §3.4.2; provisio scim validate). Then restart the job (resetScope Quarantine lifts only the quarantine).",
        QuarantineReason.EncounteredEscrowProportionThreshold or QuarantineReason.EncounteredBaseEscrowThreshold or QuarantineReason.EncounteredTotalEscrowThreshold =>
            "Review the provisioning logs (status eq 'failure') to find the most common error and fix it (attribute mappings, missing attributes, the target's API); " +
            "then restart the job (resetScope Escrows, Watermark, QuarantineState clears the failures and re-evaluates everyone).",
        QuarantineReason.TooManyDeletes =>
            "Review the pending deletions (provisioning logs with action stagedDelete, or the job's diagnosis). If they are intended, approve them with " +
            "restart resetScope ForceDeletes; if not, fix the scoping or the source, then restart the job.",
        QuarantineReason.QuarantinedOnDemand =>
            "An administrator put the job in quarantine on purpose; start or restart it when the issue is resolved.",
        _ => "Review the provisioning logs, fix the cause, then restart the job.",
    };
}
