namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>userIdentity</c> in an audit log: the user that performed the activity, and from where.</summary>
public sealed record UserIdentity
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public string? IpAddress { get; init; }

    public string? UserPrincipalName { get; init; }
}
