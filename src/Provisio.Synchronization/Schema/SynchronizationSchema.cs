namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>synchronizationSchema</c>: the rules (which objects flow where, how their attributes map) and the
/// directories they read and write (reference entra-engine-and-api §5.2). <see cref="Version"/> moves on each save.
/// </summary>
public sealed record SynchronizationSchema
{
    public required string Id { get; init; }

    public string? Version { get; init; }

    public IReadOnlyList<SynchronizationRule> SynchronizationRules { get; init; } = [];

    public IReadOnlyList<DirectoryDefinition> Directories { get; init; } = [];
}
