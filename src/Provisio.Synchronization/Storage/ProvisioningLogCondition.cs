namespace Provisio.Synchronization.Storage;

/// <summary>
/// A condition on provisioning logs that the flat properties of <see cref="ProvisioningLogQuery"/> cannot hold: a
/// comparison (<see cref="ProvisioningLogComparison"/>), or conditions joined by <c>and</c> (<see cref="ProvisioningLogAll"/>)
/// or <c>or</c> (<see cref="ProvisioningLogAny"/>), as Graph's <c>$filter</c> writes them (reference entra-engine-and-api §7.2),
/// or negated (<see cref="ProvisioningLogNot"/>, which the troubleshooting presets use and <c>$filter</c> does not offer).
/// Each store turns it into SQL with every value a parameter (<see cref="ProvisioningLogFilter"/>).
/// </summary>
public abstract record ProvisioningLogCondition;
