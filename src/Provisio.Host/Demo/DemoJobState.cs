using System.Globalization;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Demo;

/// <summary>
/// A job's state in one phrase for the demo's final block: <c>quarantined: EncounteredQuarantineException (code)</c>,
/// <c>quarantined: TooManyDeletes, 12 deletions pending approval (threshold 5)</c>, or the last cycle's result
/// and the escrowed objects by error code (<c>EntryLevelErrors, escrowed: 3 EntryConflict, 6 UnableToResolveReferenceAttributeValue</c>) and the
/// skipped log entries (<c>Succeeded, 4 skipped</c>).
/// </summary>
internal static class DemoJobState
{
    public static string Describe(StoredJob job, PendingDeletions pending, IReadOnlyList<EscrowEntry> escrows, long skipped)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(escrows);
        var status = job.Job.Status;
        if (status.Quarantine is { Reason: { } reason } quarantine)
        {
            return reason switch
            {
                QuarantineReason.TooManyDeletes => string.Create(CultureInfo.InvariantCulture,
                    $"quarantined: {reason}, {pending.Entries.Count(entry => entry.Kind == EscrowKind.PendingDeletion)} deletions pending approval (threshold {pending.Threshold})"),
                _ when quarantine.Error?.Code is { } code => $"quarantined: {reason} ({code})",
                _ => $"quarantined: {reason}",
            };
        }

        // What is failing, by error code, most frequent first: the logs' failures without reading them.
        var failing = escrows.Where(escrow => escrow.Kind is EscrowKind.Object or EscrowKind.Reference)
            .GroupBy(escrow => escrow.ErrorCode, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Count()} {group.Key}"))
            .ToList();
        var state = status.LastExecution?.State.ToString() ?? status.Code.ToString();
        if (failing.Count > 0)
        {
            state += $", escrowed: {string.Join(", ", failing)}";
        }

        return skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $"{state}, {skipped:N0} skipped") : state;
    }
}
