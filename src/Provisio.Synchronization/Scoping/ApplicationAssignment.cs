namespace Provisio.Synchronization.Scoping;

/// <summary>
/// One assignment of an object to the application (Graph's <c>appRoleAssignment</c>), directly or through a group,
/// with the app role it grants.
/// </summary>
public sealed record ApplicationAssignment
{
    /// <summary>
    /// Graph's default access role, <c>00000000-0000-0000-0000-000000000000</c>: "If the resource application hasn't
    /// declared any app roles, a default app role ID of 00000000-0000-0000-0000-000000000000 can be specified"
    /// (Graph, appRoleAssignment resource).
    /// </summary>
    public static readonly Guid DefaultAccess = Guid.Empty;

    public Guid AppRoleId { get; init; } = DefaultAccess;

    /// <summary>The group the assignment comes through; null when the object itself is assigned.</summary>
    public AssigningGroup? Through { get; init; }

    public static ApplicationAssignment Direct(Guid? appRoleId = null) => new() { AppRoleId = appRoleId ?? DefaultAccess };

    public static ApplicationAssignment ThroughGroup(string groupId, bool securityEnabled = true, bool isDirectMember = true,
        Guid? appRoleId = null) =>
        new() { AppRoleId = appRoleId ?? DefaultAccess, Through = new(groupId, securityEnabled, isDirectMember) };
}
