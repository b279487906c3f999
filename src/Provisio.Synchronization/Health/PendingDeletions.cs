using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Health;

/// <summary>The deletions a job holds back (reference entra-engine-and-api §3) and the threshold in force (null: protection off).</summary>
public sealed record PendingDeletions(int? Threshold, IReadOnlyList<EscrowEntry> Entries);
