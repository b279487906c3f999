namespace Provisio.Synchronization.Health;

/// <summary>An object the last cycle skipped, from its provisioning log entry.</summary>
public sealed record SkippedObject
{
    public string? SourceId { get; init; }

    public string? DisplayName { get; init; }

    public string? ObjectType { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset ActivityDateTime { get; init; }
}
