namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>auditActivityInitiator</c>: the app or the user that started the activity (the other is null).</summary>
public sealed record AuditActivityInitiator
{
    public AppIdentity? App { get; init; }

    public UserIdentity? User { get; init; }
}
