namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationStatusCode</c>: <c>NotConfigured</c> (never run, no credentials), <c>NotRun</c>
/// (started, first run not completed), <c>Active</c>, <c>Paused</c>, <c>Quarantine</c> (reference entra-engine-and-api §6.4).
/// </summary>
public enum SynchronizationStatusCode
{
    NotConfigured,
    NotRun,
    Active,
    Paused,
    Quarantine,
}
