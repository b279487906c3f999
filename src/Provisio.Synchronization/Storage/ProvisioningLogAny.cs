namespace Provisio.Synchronization.Storage;

/// <summary>At least one condition holds (<c>or</c>); equal when the conditions are, in order.</summary>
public sealed record ProvisioningLogAny(IReadOnlyList<ProvisioningLogCondition> Conditions) : ProvisioningLogCondition
{
    public bool Equals(ProvisioningLogAny? other) => other is not null && Conditions.SequenceEqual(other.Conditions);

    public override int GetHashCode() => Conditions.Aggregate(23, (hash, condition) => HashCode.Combine(hash, condition));
}
