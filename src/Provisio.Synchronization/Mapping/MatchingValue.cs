namespace Provisio.Synchronization.Mapping;

/// <summary>
/// A matching attribute and its value for one object (reference entra-engine-and-api §1.6): the matching step queries
/// the target by these in ascending priority and stops at the first hit; a null <see cref="Value"/> is skipped, and
/// an object with no value at all is skipped as <c>ImportSkipped</c>.
/// </summary>
public readonly record struct MatchingValue(CompiledAttributeMapping Attribute, string? Value)
{
    public string TargetAttributeName => Attribute.TargetAttributeName;

    public int MatchingPriority => Attribute.MatchingPriority;
}
