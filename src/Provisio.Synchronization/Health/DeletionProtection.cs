using System.Globalization;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Health;

/// <summary>
/// A job's accidental-deletion threshold (reference entra-engine-and-api §3): the job setting
/// <c>QuarantineTooManyDeletesThreshold</c> (500 on a new job; <c>PATCH .../jobs/{id}</c> with
/// <c>{"schedule":{"accidentalDeletionThreshold":N}}</c> as the seed 000 writes it, or the setting itself; saving
/// <c>SyncNotificationSettings</c> with <c>DeleteThresholdValue</c> sets it too), off only when
/// <c>SyncNotificationSettings</c> says <c>"DeleteThresholdEnabled": false</c>.
/// </summary>
public static class DeletionProtection
{
    /// <summary>The threshold in force, or null when protection is off.</summary>
    public static int? Threshold(StoredJob job, JobSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(secrets);
        if (NotificationSettings.From(secrets).DeleteThresholdEnabled == false)
        {
            return null;
        }

        return Configured(job.Job) ?? DeletionGuard.DefaultThreshold;
    }

    /// <summary>The job's setting, when it holds a positive integer.</summary>
    public static int? Configured(SynchronizationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var setting = job.SynchronizationJobSettings.FirstOrDefault(item => item.Name == SynchronizationJob.QuarantineTooManyDeletesThreshold);
        return int.TryParse(setting?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    }

    /// <summary>The job with its threshold setting set to <paramref name="threshold"/> (other settings kept).</summary>
    public static SynchronizationJob WithThreshold(SynchronizationJob job, int threshold)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        return job with
        {
            SynchronizationJobSettings =
            [
                .. job.SynchronizationJobSettings.Where(item => item.Name != SynchronizationJob.QuarantineTooManyDeletesThreshold),
                new SynchronizationJobSetting(SynchronizationJob.QuarantineTooManyDeletesThreshold, threshold.ToString(CultureInfo.InvariantCulture)),
            ],
        };
    }
}
