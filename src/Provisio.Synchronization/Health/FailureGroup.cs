namespace Provisio.Synchronization.Health;

/// <summary>
/// Escrows of one error code: how many, a few examples, and what to do (the <c>recommendedAction</c> of an example's latest
/// failed provisioning log entry, else the diagnosis's own advice for the code).
/// </summary>
public sealed record FailureGroup
{
    public required string ErrorCode { get; init; }

    public required long Count { get; init; }

    /// <summary>
    /// Reference failures (a manager or a member that could not be set) are retried every cycle and heal once the referenced
    /// object is provisioned (seed 000 "Reference Attribute Failures"); object failures are not.
    /// </summary>
    public bool SelfHealing { get; init; }

    public required string RecommendedAction { get; init; }

    public required IReadOnlyList<EscrowedObject> Examples { get; init; }
}
