using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningStatusErrorCategory</c>: whether the service or something outside it (the target, the data) failed.</summary>
public enum ProvisioningErrorCategory
{
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("nonServiceFailure")] NonServiceFailure,
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
