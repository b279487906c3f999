using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>A cycle's result and its provisioning log entries, with the views the tests assert on.</summary>
internal sealed record CycleReport(CycleResult Result, IReadOnlyList<ProvisioningObjectSummary> Logs)
{
    public IReadOnlyList<ProvisioningObjectSummary> Failed => [.. Logs.Where(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Failure)];

    public IReadOnlyList<ProvisioningObjectSummary> Succeeded => [.. Logs.Where(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Success)];

    public IReadOnlyList<ProvisioningObjectSummary> Skipped => [.. Logs.Where(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Skipped)];

    public IReadOnlyList<ProvisioningObjectSummary> For(string displayName) => [.. Logs.Where(log => log.SourceIdentity.DisplayName == displayName)];

    public IReadOnlyList<ProvisioningObjectSummary> Actions(ProvisioningAction action) => [.. Logs.Where(log => log.ProvisioningAction == action)];
}
