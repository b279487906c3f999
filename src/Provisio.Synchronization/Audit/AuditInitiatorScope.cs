namespace Provisio.Synchronization.Audit;

/// <summary>
/// Who is acting in the current request, for the audit records the engine writes (Graph's <c>initiatedBy</c>): the API
/// and the portal set it from the signed-in caller for the rest of the request, so an administrator's start, restart or
/// schema save names the client or key that did it. The engine's own activities (quarantine evaluations, escrow
/// processing) name the provisioning service explicitly and ignore it.
/// </summary>
public static class AuditInitiatorScope
{
    private static readonly AsyncLocal<AuditActivityInitiator?> Ambient = new();

    /// <summary>The caller of the current request, or null outside one (the engine then writes "Administrator").</summary>
    public static AuditActivityInitiator? Current => Ambient.Value;

    /// <summary>Makes <paramref name="initiator"/> the current one until the returned scope is disposed.</summary>
    public static IDisposable Use(AuditActivityInitiator initiator)
    {
        ArgumentNullException.ThrowIfNull(initiator);
        var previous = Ambient.Value;
        Ambient.Value = initiator;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActivityInitiator? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
