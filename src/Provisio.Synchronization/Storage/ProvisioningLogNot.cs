namespace Provisio.Synchronization.Storage;

/// <summary>
/// The condition does not hold (<c>not</c>): an entry whose column holds no value for a comparison counts as not
/// matching it, so "not a reference failure" keeps the entries with no failed step.
/// </summary>
public sealed record ProvisioningLogNot(ProvisioningLogCondition Condition) : ProvisioningLogCondition;
