using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// A provisioning log as both stores write it: the columns the log queries filter and order on (the source identity's
/// type and the first failed step's type among them, for the troubleshooting presets), and the whole entry as JSON (<see cref="SynchronizationJson"/>, Graph's spellings), which is what reads return.
/// </summary>
internal sealed record ProvisioningLogRow(
    string Id,
    string JobId,
    string? ServicePrincipalId,
    string CycleId,
    string ChangeId,
    long ActivityDateTime,
    string Action,
    string Status,
    string? SourceId,
    string? SourceDisplayName,
    string? TargetId,
    string? TargetDisplayName,
    string? ErrorCode,
    string? IdentityType,
    string? FailedStep,
    string Record)
{
    public static ProvisioningLogRow From(ProvisioningObjectSummary log) => From(log, SynchronizationJson.Serialize(log));

    /// <summary>The columns with <paramref name="record"/> given (a store that writes the record itself, <see cref="WriteRecord"/>, gives an empty one).</summary>
    public static ProvisioningLogRow From(ProvisioningObjectSummary log, string record)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new(
            log.Id,
            log.JobId,
            ColumnEncoding.ServicePrincipalKey(log.ServicePrincipal.Id),
            log.CycleId,
            log.ChangeId,
            ColumnEncoding.Ticks(log.ActivityDateTime),
            ColumnEncoding.GraphName(log.ProvisioningAction),
            ColumnEncoding.GraphName(log.ProvisioningStatusInfo.Status),
            log.SourceIdentity.Id,
            log.SourceIdentity.DisplayName,
            log.TargetIdentity.Id,
            log.TargetIdentity.DisplayName,
            log.ProvisioningStatusInfo.ErrorInformation?.ErrorCode,
            log.SourceIdentity.IdentityType,
            FailedStepOf(log),
            record);
    }

    /// <summary>The type of the first failed step (<c>referenceResolution</c>, <c>export</c>, ...), as Graph writes it; null when no step failed.</summary>
    public static string? FailedStepOf(ProvisioningObjectSummary log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.ProvisioningSteps.FirstOrDefault(step => step.Status == ProvisioningResult.Failure) is { } failed
            ? ColumnEncoding.GraphName(failed.ProvisioningStepType)
            : null;
    }

    /// <summary>The record as <see cref="SynchronizationJson.Serialize{T}"/> writes it, to a UTF-8 writer made with the same options.</summary>
    public static void WriteRecord(System.Text.Json.Utf8JsonWriter writer, ProvisioningObjectSummary log) =>
        ProvisioningLogRecordWriter.Write(writer, log);
}
