namespace Provisio.Synchronization.Storage;

/// <summary>Identifies one escrow of a job.</summary>
public readonly record struct EscrowKey(Guid SourceId, EscrowKind Kind);
