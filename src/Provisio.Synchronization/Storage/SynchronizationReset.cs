namespace Provisio.Synchronization.Storage;

/// <summary>What <see cref="ISynchronizationStore.ResetAsync"/> clears (the store's part of a restart's reset scope).</summary>
public sealed record SynchronizationReset
{
    /// <summary>Clear the watermark and any checkpoint, so the next cycle is initial.</summary>
    public bool Watermark { get; init; }

    /// <summary>Remove every escrow.</summary>
    public bool Escrows { get; init; }

    /// <summary>Remove every connector data store entry (breaks source ↔ target links).</summary>
    public bool ConnectorDataStore { get; init; }
}
