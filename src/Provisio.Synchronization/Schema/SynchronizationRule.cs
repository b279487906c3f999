namespace Provisio.Synchronization.Schema;

/// <summary>Graph's <c>synchronizationRule</c>: from one directory to another, a list of object mappings (lowest priority first).</summary>
public sealed record SynchronizationRule
{
    /// <summary>The engine-recognized id from the template (<c>provisionOnDemand</c> names it as <c>ruleId</c>).</summary>
    public required string Id { get; init; }

    public string? Name { get; init; }

    public int Priority { get; init; }

    public required string SourceDirectoryName { get; init; }

    public required string TargetDirectoryName { get; init; }

    public bool Editable { get; init; } = true;

    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    public IReadOnlyList<ObjectMapping> ObjectMappings { get; init; } = [];
}
