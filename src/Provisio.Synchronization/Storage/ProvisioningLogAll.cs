namespace Provisio.Synchronization.Storage;

/// <summary>Every condition holds (<c>and</c>); equal when the conditions are, in order.</summary>
public sealed record ProvisioningLogAll(IReadOnlyList<ProvisioningLogCondition> Conditions) : ProvisioningLogCondition
{
    public bool Equals(ProvisioningLogAll? other) => other is not null && Conditions.SequenceEqual(other.Conditions);

    public override int GetHashCode() => Conditions.Aggregate(17, (hash, condition) => HashCode.Combine(hash, condition));
}
