using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>
/// Graph's <c>statusBase</c> / <c>statusDetails</c> (reference entra-engine-and-api §7.1: beta's deprecated
/// <c>statusInfo</c>): the status, and for an entry with an error its code, reason, category and recommended action.
/// </summary>
public sealed record StatusDetails
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public required string ODataType { get; init; }

    public ProvisioningResult Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AdditionalDetails { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProvisioningErrorCategory? ErrorCategory { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RecommendedAction { get; init; }

    public static StatusDetails From(ProvisioningStatusInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.ErrorInformation is { } error
            ? new StatusDetails
            {
                ODataType = "#microsoft.graph.statusDetails",
                Status = info.Status,
                AdditionalDetails = error.AdditionalDetails,
                ErrorCategory = error.ErrorCategory,
                ErrorCode = error.ErrorCode,
                Reason = error.Reason,
                RecommendedAction = error.RecommendedAction,
            }
            : new StatusDetails { ODataType = "#microsoft.graph.statusBase", Status = info.Status };
    }
}
