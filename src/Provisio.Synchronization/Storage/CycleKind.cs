namespace Provisio.Synchronization.Storage;

/// <summary>Initial (every object in scope) or incremental (what changed since the watermark), reference entra-engine-and-api §1.2–1.3.</summary>
public enum CycleKind
{
    Initial,
    Incremental,
}
