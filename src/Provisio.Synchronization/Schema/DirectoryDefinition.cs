namespace Provisio.Synchronization.Schema;

/// <summary>Graph's <c>directoryDefinition</c>: a directory's objects and their attributes (reference §5.2).</summary>
public sealed record DirectoryDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<ObjectDefinition> Objects { get; init; } = [];

    public bool ReadOnly { get; init; }

    public string? Version { get; init; }

    public DateTimeOffset? DiscoveryDateTime { get; init; }

    /// <summary>Graph's <c>directoryDefinitionDiscoverabilities</c>, written <c>"AttributeNames, AttributeDataTypes"</c>.</summary>
    public string Discoverabilities { get; init; } = "None";
}

/// <summary>Graph's <c>objectDefinition</c>: <c>User</c>, <c>Group</c>, ... with its attributes.</summary>
public sealed record ObjectDefinition
{
    public required string Name { get; init; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];

    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    public IReadOnlyList<string> SupportedApis { get; init; } = [];
}

/// <summary>Graph's <c>attributeDefinition</c>.</summary>
public sealed record AttributeDefinition
{
    public required string Name { get; init; }

    public AttributeType Type { get; init; } = AttributeType.String;

    public bool Anchor { get; init; }

    public bool CaseExact { get; init; }

    public string? DefaultValue { get; init; }

    public bool FlowNullValues { get; init; }

    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    public bool Multivalued { get; init; }

    public Mutability Mutability { get; init; } = Mutability.ReadWrite;

    public IReadOnlyList<ReferencedObject> ReferencedObjects { get; init; } = [];

    /// <summary>A required attribute without a value takes its default value, else the object fails (reference §5.2).</summary>
    public bool Required { get; init; }
}

/// <summary>Graph's <c>attributeType</c>.</summary>
public enum AttributeType
{
    String,
    Integer,
    Reference,
    Binary,
    Boolean,
    DateTime,
}

/// <summary>Graph's <c>mutability</c>.</summary>
public enum Mutability
{
    ReadWrite,
    ReadOnly,
    Immutable,
    WriteOnly,
}

/// <summary>Graph's <c>referencedObject</c>: what a <c>Reference</c> attribute points at (manager → <c>User</c>).</summary>
public sealed record ReferencedObject(string ReferencedObjectName, string? ReferencedProperty = null);

/// <summary>A key and value of Graph's metadata collections (<c>metadataEntry</c>, <c>objectMappingMetadataEntry</c>, ...).</summary>
public sealed record MetadataEntry(string Key, string Value);
