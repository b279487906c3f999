using System.Text.Json;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// Writes a provisioning log entry's record straight to UTF-8, member by member, exactly as
/// <see cref="SynchronizationJson.Serialize{T}"/> writes a <see cref="ProvisioningObjectSummary"/> (Graph's names and
/// order, nulls written, <c>statusInfo</c> derived, timestamps as <see cref="GraphDateTimeOffsetConverter"/> writes them)
/// without the serializer's per-member machinery: the record is written once per object of every cycle. An entry with an
/// enum value that has no Graph name goes through the serializer, which decides what becomes of it.
/// </summary>
internal static class ProvisioningLogRecordWriter
{
    private static readonly GraphDateTimeOffsetConverter Timestamps = new();

    public static void Write(Utf8JsonWriter writer, ProvisioningObjectSummary log)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(log);
        if (!HasGraphNames(log))
        {
            JsonSerializer.Serialize(writer, log, SynchronizationJson.Options);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("id", log.Id);
        writer.WritePropertyName("activityDateTime");
        Timestamps.Write(writer, log.ActivityDateTime, SynchronizationJson.Options);
        writer.WriteString("changeId", log.ChangeId);
        writer.WriteString("cycleId", log.CycleId);
        writer.WriteString("jobId", log.JobId);
        writer.WriteNumber("durationInMilliseconds", log.DurationInMilliseconds);
        writer.WritePropertyName("initiatedBy");
        if (log.InitiatedBy is { } initiator)
        {
            writer.WriteStartObject();
            writer.WriteString("id", initiator.Id);
            writer.WriteString("displayName", initiator.DisplayName);
            writer.WriteString("initiatorType", ColumnEncoding.GraphName(initiator.InitiatorType));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("modifiedProperties");
        if (log.ModifiedProperties is { } modified)
        {
            writer.WriteStartArray();
            foreach (var property in modified)
            {
                if (property is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("displayName", property.DisplayName);
                writer.WriteString("oldValue", property.OldValue);
                writer.WriteString("newValue", property.NewValue);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString("provisioningAction", ColumnEncoding.GraphName(log.ProvisioningAction));
        writer.WritePropertyName("provisioningStatusInfo");
        if (log.ProvisioningStatusInfo is { } statusInfo)
        {
            writer.WriteStartObject();
            writer.WriteString("status", ColumnEncoding.GraphName(statusInfo.Status));
            writer.WritePropertyName("errorInformation");
            if (statusInfo.ErrorInformation is { } error)
            {
                writer.WriteStartObject();
                writer.WriteString("additionalDetails", error.AdditionalDetails);
                writer.WriteString("errorCategory", error.ErrorCategory is { } category ? ColumnEncoding.GraphName(category) : null);
                writer.WriteString("errorCode", error.ErrorCode);
                writer.WriteString("reason", error.Reason);
                writer.WriteString("recommendedAction", error.RecommendedAction);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("provisioningSteps");
        if (log.ProvisioningSteps is { } steps)
        {
            writer.WriteStartArray();
            foreach (var step in steps)
            {
                if (step is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("name", step.Name);
                writer.WriteString("provisioningStepType", ColumnEncoding.GraphName(step.ProvisioningStepType));
                writer.WriteString("status", ColumnEncoding.GraphName(step.Status));
                writer.WriteString("description", step.Description);
                WriteDetails(writer, step.Details);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNullValue();
        }

        // StatusInfo is derived from ProvisioningStatusInfo: the serializer reads it the same way.
        var status = log.StatusInfo;
        writer.WriteStartObject("statusInfo");
        writer.WriteString("@odata.type", status.ODataType);
        writer.WriteString("status", ColumnEncoding.GraphName(status.Status));
        WriteUnlessNull(writer, "additionalDetails", status.AdditionalDetails);
        WriteUnlessNull(writer, "errorCategory", status.ErrorCategory is { } statusCategory ? ColumnEncoding.GraphName(statusCategory) : null);
        WriteUnlessNull(writer, "errorCode", status.ErrorCode);
        WriteUnlessNull(writer, "reason", status.Reason);
        WriteUnlessNull(writer, "recommendedAction", status.RecommendedAction);
        writer.WriteEndObject();
        writer.WritePropertyName("servicePrincipal");
        if (log.ServicePrincipal is { } servicePrincipal)
        {
            writer.WriteStartObject();
            writer.WriteString("id", servicePrincipal.Id);
            writer.WriteString("displayName", servicePrincipal.DisplayName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteIdentity(writer, "sourceIdentity", log.SourceIdentity);
        WriteSystem(writer, "sourceSystem", log.SourceSystem);
        WriteIdentity(writer, "targetIdentity", log.TargetIdentity);
        WriteSystem(writer, "targetSystem", log.TargetSystem);
        writer.WriteString("tenantId", log.TenantId);
        writer.WriteEndObject();
    }

    /// <summary>Whether every enum value of the entry has its Graph name (one cast from an undefined number has none).</summary>
    private static bool HasGraphNames(ProvisioningObjectSummary log)
    {
        if (!Enum.IsDefined(log.ProvisioningAction) || log.ProvisioningStatusInfo is { } info && (!Enum.IsDefined(info.Status)
            || info.ErrorInformation?.ErrorCategory is { } category && !Enum.IsDefined(category))
            || log.InitiatedBy is { } initiator && !Enum.IsDefined(initiator.InitiatorType))
        {
            return false;
        }

        if (log.ProvisioningSteps is { } steps)
        {
            foreach (var step in steps)
            {
                if (step is not null && (!Enum.IsDefined(step.ProvisioningStepType) || !Enum.IsDefined(step.Status)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void WriteUnlessNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIdentity(Utf8JsonWriter writer, string name, ProvisionedIdentity? identity)
    {
        writer.WritePropertyName(name);
        if (identity is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("id", identity.Id);
        writer.WriteString("displayName", identity.DisplayName);
        writer.WriteString("identityType", identity.IdentityType);
        WriteDetails(writer, identity.Details);
        writer.WriteEndObject();
    }

    private static void WriteSystem(Utf8JsonWriter writer, string name, ProvisioningSystem? system)
    {
        writer.WritePropertyName(name);
        if (system is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("id", system.Id);
        writer.WriteString("displayName", system.DisplayName);
        WriteDetails(writer, system.Details);
        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? details)
    {
        writer.WritePropertyName("details");
        if (details is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in details)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
