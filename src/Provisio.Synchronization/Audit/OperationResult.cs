using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>operationResult</c>: the result of a <see cref="DirectoryAudit"/>, written as Graph writes it (<c>success</c>).</summary>
public enum OperationResult
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("failure")] Failure,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
