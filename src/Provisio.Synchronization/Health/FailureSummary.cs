namespace Provisio.Synchronization.Health;

/// <summary>The job's object failures (escrows of kind Object), grouped by error code, the largest group first.</summary>
public sealed record FailureSummary
{
    public required long Count { get; init; }

    public required IReadOnlyList<FailureGroup> Groups { get; init; }
}
