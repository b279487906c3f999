using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Storage;

/// <summary>A page of provisioning logs and, when more follow, where the next page starts.</summary>
public sealed record ProvisioningLogPage(IReadOnlyList<ProvisioningObjectSummary> Entries, ProvisioningLogCursor? Next);
