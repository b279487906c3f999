namespace Provisio.Synchronization.Storage;

/// <summary>
/// A failed operation held for retry (reference entra-engine-and-api §1.10): the object, the kind of failure, Entra's
/// error code, when it first failed, how often it was tried and when it is next due. One per (source object, kind).
/// </summary>
public sealed record EscrowEntry
{
    public required Guid SourceId { get; init; }

    public required string ObjectType { get; init; }

    public required EscrowKind Kind { get; init; }

    /// <summary>The action that failed: <c>create</c>, <c>update</c>, <c>disable</c>, <c>delete</c> (Graph's provisioningAction names).</summary>
    public required string Action { get; init; }

    public required string ErrorCode { get; init; }

    public string? Reason { get; init; }

    public string? DisplayName { get; init; }

    public required DateTimeOffset FirstFailure { get; init; }

    public DateTimeOffset LastFailure { get; init; }

    public int Attempts { get; init; } = 1;

    public required DateTimeOffset NextRetry { get; init; }
}
