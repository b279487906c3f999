namespace Provisio.Synchronization.Audit;

/// <summary>
/// Graph's <c>targetResource</c>: what an audited activity changed (a synchronization job, a service principal, a user)
/// and the properties it changed. <see cref="Id"/> is what <c>targetResources/any(t: t/id eq '...')</c> finds.
/// </summary>
public sealed record TargetResource
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>Application</c>, <c>Group</c>, <c>ServicePrincipal</c>, <c>User</c>, ...</summary>
    public string? Type { get; init; }

    /// <summary>When <see cref="Type"/> is <c>User</c>; null otherwise.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>When <see cref="Type"/> is <c>Group</c>, the group's type.</summary>
    public string? GroupType { get; init; }

    public IReadOnlyList<AuditModifiedProperty> ModifiedProperties { get; init; } = [];
}
