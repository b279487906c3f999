using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Source;

/// <summary>
/// What the engine knows about a source object beyond its own properties: its assignment and scope (which make it
/// soft-deleted for the target, reference entra-engine-and-api §1.7), and its references, which the directory keeps
/// as rows of their own (the manager, a group's members, the user's app role assignments).
/// </summary>
public sealed record EntraSourceFacts
{
    /// <summary>Assigned, in scope, with no references.</summary>
    public static EntraSourceFacts Default { get; } = new();

    /// <summary>Assigned to the application (directly or through a group), or the job syncs all users and groups.</summary>
    public bool IsAssigned { get; init; } = true;

    /// <summary>Satisfies the object mapping's scoping filter (true when it has none).</summary>
    public bool IsInScope { get; init; } = true;

    /// <summary>The manager's object id in the directory; the engine resolves it to the manager's id in the target.</summary>
    public Guid? ManagerId { get; init; }

    /// <summary>A group's direct members' object ids.</summary>
    public IReadOnlyList<Guid>? MemberIds { get; init; }

    /// <summary>The user's role assignments for the application, for <c>[appRoleAssignments]</c> and the role functions.</summary>
    public IReadOnlyList<AppRoleAssignment>? AppRoleAssignments { get; init; }
}
