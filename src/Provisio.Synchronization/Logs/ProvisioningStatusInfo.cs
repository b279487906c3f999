namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningStatusInfo</c>: the entry's result and, on failure, the error.</summary>
public sealed record ProvisioningStatusInfo
{
    public ProvisioningResult Status { get; init; }

    public ProvisioningErrorInfo? ErrorInformation { get; init; }
}
