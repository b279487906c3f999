using Provisio.Expressions.Graph;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>attributeMapping</c> (reference §5.1): a target attribute fed from a source attribute (<c>Attribute</c>),
/// a constant, or an expression (<c>Function</c>), with a default used on create when the source is null, whether it
/// flows always or only on create, and its matching priority (0: not a matching attribute; 1, 2, ... in order).
/// </summary>
public sealed record AttributeMapping
{
    /// <summary>The target attribute path: <c>userName</c>, <c>emails[type eq "work"].value</c>, <c>urn:...:User:manager</c>.</summary>
    public required string TargetAttributeName { get; init; }

    /// <summary>The source; null with only a <see cref="DefaultValue"/> (Graph's encoding of a constant in some examples).</summary>
    public AttributeMappingSource? Source { get; init; }

    public string? DefaultValue { get; init; }

    public bool ExportMissingReferences { get; init; }

    public AttributeFlowBehavior FlowBehavior { get; init; } = AttributeFlowBehavior.FlowWhenChanged;

    public AttributeFlowType FlowType { get; init; } = AttributeFlowType.Always;

    public int MatchingPriority { get; init; }
}

/// <summary>Graph's <c>attributeFlowType</c>: the portal's "Apply this mapping" (Always, Only during object creation = <c>ObjectAddOnly</c>).</summary>
public enum AttributeFlowType
{
    Always,
    ObjectAddOnly,
    MultiValueAddOnly,
    ValueAddOnly,
    AttributeAddOnly,
}

/// <summary>Graph's <c>attributeFlowBehavior</c>: export when the value changed (default), or always.</summary>
public enum AttributeFlowBehavior
{
    FlowWhenChanged,
    FlowAlways,
}
