namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningErrorInfo</c> (reference entra-engine-and-api §7.1, codes §7.4).</summary>
public sealed record ProvisioningErrorInfo
{
    public string? AdditionalDetails { get; init; }

    public ProvisioningErrorCategory? ErrorCategory { get; init; }

    /// <summary>Entra's code: <c>EntryConflict</c>, <c>TooManyRequests</c>, <c>SchemaAttributeNotFound</c>, ...</summary>
    public string? ErrorCode { get; init; }

    public string? Reason { get; init; }

    public string? RecommendedAction { get; init; }
}
