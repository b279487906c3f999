namespace Provisio.Host.Notifications;

/// <summary>
/// When a failed e-mail is tried again: a minute after the first failure, then 2, 4, 8 ... minutes, at most an hour
/// apart, until three days after it was enqueued, when delivery is given up.
/// </summary>
internal static class EmailRetrySchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaximumDelay = TimeSpan.FromHours(1);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <summary>
    /// After attempt number <paramref name="attempt"/> (1 for the first) failed at <paramref name="now"/>: the next
    /// attempt's time, or null when the e-mail, enqueued at <paramref name="created"/>, is given up.
    /// </summary>
    public static DateTimeOffset? NextAttempt(DateTimeOffset created, int attempt, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (now - created >= GiveUpAfter)
        {
            return null;
        }

        // 2^(attempt - 1) minutes, without overflowing for a long-failing e-mail: an hour is reached at the 7th attempt.
        var delay = attempt > 7 ? MaximumDelay : FirstDelay * (1 << (attempt - 1));
        return now + (delay > MaximumDelay ? MaximumDelay : delay);
    }
}
