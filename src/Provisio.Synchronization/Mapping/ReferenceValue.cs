namespace Provisio.Synchronization.Mapping;

/// <summary>
/// A reference attribute (manager, members) for one object, kept apart from the values: it holds source object ids,
/// which are exported later as the target ids of those objects, once they exist in the target (reference
/// entra-engine-and-api §1.9). No ids means the source has none: a manager to clear (reference B.4 M5), no members.
/// </summary>
public readonly record struct ReferenceValue(CompiledAttributeMapping Attribute, IReadOnlyList<string> SourceIds)
{
    public string TargetAttributeName => Attribute.TargetAttributeName;
}
