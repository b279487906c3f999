namespace Provisio.Synchronization.Storage;

/// <summary>What the engine last did to a linked target object.</summary>
public enum ConnectorEntryState
{
    /// <summary>Created or matched and kept in step with its source.</summary>
    Active,

    /// <summary>
    /// Disabled in the target because its source went out of scope, was unassigned, disabled or soft-deleted
    /// (reference entra-engine-and-api §1.3 steps 7–8); the link stays, so a return into scope re-enables it.
    /// </summary>
    Disabled,
}
