namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationError</c> (reference entra-engine-and-api §6.7): a job-level error, e.g.
/// <c>{"code":"SystemForCrossDomainIdentityManagementInvalidCredentials","message":"...","tenantActionable":true}</c>.
/// </summary>
public sealed record SynchronizationError
{
    public string? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>Whether the tenant's administrator can fix it (credentials, the target's address) rather than the service.</summary>
    public bool TenantActionable { get; init; }
}
