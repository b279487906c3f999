namespace Provisio.Synchronization.Health;

/// <summary>Skipped log entries of the last cycle with one error code and reason (the object's name taken out of the reason).</summary>
public sealed record SkippedGroup
{
    public required string ErrorCode { get; init; }

    public string? Reason { get; init; }

    public required long Count { get; init; }

    public required IReadOnlyList<SkippedObject> Examples { get; init; }
}
