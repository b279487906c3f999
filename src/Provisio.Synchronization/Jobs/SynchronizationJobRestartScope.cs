namespace Provisio.Synchronization.Jobs;

/// <summary>
/// What a restart resets (reference entra-engine-and-api §6.8, Graph's <c>synchronizationJobRestartScope</c>),
/// written comma-separated: <c>"Escrows, Watermark, QuarantineState"</c>. <see cref="Full"/> is the four resets
/// together (it includes the connector data store, so it breaks source-target links, reference §1.13);
/// <see cref="ForceDeletes"/> is separate: it releases deletions held by the accidental-deletion threshold.
/// </summary>
[Flags]
public enum SynchronizationJobRestartScope
{
    /// <summary>Starts a paused or quarantined job ("DO NOT USE; use start").</summary>
    None = 0,

    /// <summary>Clears the cache of all users, breaking source-target links ("DO NOT USE, contact support").</summary>
    ConnectorDataStore = 1,

    /// <summary>Stops retrying failed objects.</summary>
    Escrows = 2,

    /// <summary>Re-evaluates every object instead of only the changes.</summary>
    Watermark = 4,

    /// <summary>Temporarily lifts the quarantine.</summary>
    QuarantineState = 8,

    Full = ConnectorDataStore | Escrows | Watermark | QuarantineState,

    /// <summary>Processes the deletions held back by the accidental-deletion threshold (reference §3).</summary>
    ForceDeletes = 16,
}
