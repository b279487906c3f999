using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningResult</c>: the status of a log entry and of each of its steps.</summary>
public enum ProvisioningResult
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
