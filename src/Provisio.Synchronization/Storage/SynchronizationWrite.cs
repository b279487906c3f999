using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// One unit of a cycle's work for <see cref="ISynchronizationStore.WriteAsync"/>, applied in one transaction in this
/// order: entries removed, entries written (insert or replace by source id), escrows resolved, escrows raised (insert or
/// replace by source id and kind), logs appended, state replaced when not null.
/// </summary>
public sealed class SynchronizationWrite
{
    public List<Guid> RemovedEntries { get; } = [];

    public List<ConnectorEntry> Entries { get; } = [];

    public List<EscrowKey> ResolvedEscrows { get; } = [];

    public List<EscrowEntry> Escrows { get; } = [];

    public List<ProvisioningObjectSummary> Logs { get; } = [];

    /// <summary>The cycle state after this unit (checkpoint moved, or watermark stored and checkpoint cleared); null leaves it.</summary>
    public CycleState? State { get; set; }

    public bool IsEmpty => RemovedEntries.Count == 0 && Entries.Count == 0 && ResolvedEscrows.Count == 0 && Escrows.Count == 0 && Logs.Count == 0 && State is null;
}
