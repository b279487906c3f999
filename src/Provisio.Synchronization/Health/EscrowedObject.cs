namespace Provisio.Synchronization.Health;

/// <summary>An object held in escrow (a failure to retry, or a deletion held back), as the diagnosis shows it.</summary>
public sealed record EscrowedObject
{
    public required Guid SourceId { get; init; }

    public required string ObjectType { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Graph's provisioningAction name of what failed or is held: <c>create</c>, <c>update</c>, <c>disable</c>, <c>delete</c>.</summary>
    public required string Action { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset FirstFailure { get; init; }

    public int Attempts { get; init; }

    public required DateTimeOffset NextRetry { get; init; }
}
