namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>objectMapping</c>: how one kind of source object (<c>User</c>, <c>Group</c>) becomes a target object,
/// with the target actions allowed (<see cref="FlowTypes"/>), its attribute mappings and its scoping filter.
/// </summary>
public sealed record ObjectMapping
{
    public required string Name { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Graph's <c>flowTypes</c>: the portal's Create / Update / Delete target actions (default all three).</summary>
    public ObjectFlowTypes FlowTypes { get; init; } = ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete;

    public required string SourceObjectName { get; init; }

    public required string TargetObjectName { get; init; }

    public IReadOnlyList<AttributeMapping> AttributeMappings { get; init; } = [];

    /// <summary>The scoping filter; null when there is none (no scoping filters by default, reference §4.2).</summary>
    public Filter? Scope { get; init; }

    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];
}

/// <summary>Graph's <c>objectFlowTypes</c>, written <c>"Add, Update, Delete"</c>.</summary>
[Flags]
public enum ObjectFlowTypes
{
    None = 0,
    Add = 1,
    Update = 2,
    Delete = 4,
}
