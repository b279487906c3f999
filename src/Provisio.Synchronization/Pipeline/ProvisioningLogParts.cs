using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The parts every provisioning log entry of one cycle shares, built once per cycle instead of once per entry: the
/// service principal, the source system and the target system (with its details). They are immutable, so entries share them.
/// </summary>
internal sealed record ProvisioningLogParts(ProvisioningServicePrincipal ServicePrincipal, ProvisioningSystem SourceSystem, ProvisioningSystem TargetSystem)
{
    public static ProvisioningLogParts For(CycleContext cycle)
    {
        var servicePrincipalId = cycle.ServicePrincipalId.ToString("D");
        return new(
            new ProvisioningServicePrincipal(servicePrincipalId, cycle.ServicePrincipalName),
            new ProvisioningSystem { Id = EntraSourceDirectory.Id, DisplayName = EntraSourceDirectory.Name },
            new ProvisioningSystem
            {
                Id = servicePrincipalId,
                DisplayName = cycle.ServicePrincipalName,
                Details = new Dictionary<string, string>
                {
                    ["ServicePrincipalId"] = servicePrincipalId,
                    ["ServicePrincipalDisplayName"] = cycle.ServicePrincipalName,
                },
            });
    }
}
