using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>initiatorType</c>: who caused a provisioning event.</summary>
public enum InitiatorType
{
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("application")] Application,
    [JsonStringEnumMemberName("system")] System,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
