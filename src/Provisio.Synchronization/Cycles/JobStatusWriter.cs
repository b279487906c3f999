using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// Changes a stored job under optimistic concurrency: reads it, applies the change, writes it back, and starts again
/// when another writer (the API, another cycle's progress) came first.
/// </summary>
public static class JobStatusWriter
{
    public static async Task<StoredJob?> MutateAsync(ISynchronizationStore store, string jobId, Func<StoredJob, StoredJob> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var job = await store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                return null;
            }

            var updated = await store.UpdateJobAsync(change(job), cancellationToken).ConfigureAwait(false);
            if (updated is not null)
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"The job '{jobId}' kept changing under 50 attempts to update it.");
    }

    public static Task<StoredJob?> StatusAsync(ISynchronizationStore store, string jobId, Func<SynchronizationStatus, SynchronizationStatus> change, CancellationToken cancellationToken) =>
        MutateAsync(store, jobId, job => job with { Job = job.Job with { Status = change(job.Job.Status) } }, cancellationToken);
}
