using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningAction</c> (reference entra-engine-and-api §7.1); <c>other</c> is a skip or a no-op.</summary>
public enum ProvisioningAction
{
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("create")] Create,
    [JsonStringEnumMemberName("delete")] Delete,
    [JsonStringEnumMemberName("disable")] Disable,
    [JsonStringEnumMemberName("update")] Update,
    [JsonStringEnumMemberName("stagedDelete")] StagedDelete,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
