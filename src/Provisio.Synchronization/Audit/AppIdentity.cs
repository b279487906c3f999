namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>appIdentity</c>: the application (and its service principal) that performed an audited activity.</summary>
public sealed record AppIdentity
{
    public string? AppId { get; init; }

    public string? DisplayName { get; init; }

    public string? ServicePrincipalId { get; init; }

    public string? ServicePrincipalName { get; init; }
}
