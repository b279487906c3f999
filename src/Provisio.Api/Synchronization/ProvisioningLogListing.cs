using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// A request for provisioning logs, checked: the store's <see cref="Query"/>, whether to add <c>@odata.count</c>, and
/// the <see cref="Export"/> format; an export reads at most <see cref="Limit"/> entries (its <c>$top</c>), or all.
/// </summary>
internal sealed record ProvisioningLogListing(ProvisioningLogQuery Query, bool Count = false,
    ProvisioningLogExportFormat Export = ProvisioningLogExportFormat.None, long? Limit = null);
