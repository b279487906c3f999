using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// Each object's roles for the application when a mapping reads <c>[appRoleAssignments]</c>: its assignments (direct
/// and through its groups, read once per cycle) resolved through the application's <see cref="AppRoleCatalog"/>.
/// </summary>
public sealed class AppRoleSnapshot(AppRoleCatalog catalog, AssignmentSnapshot assignments)
{
    public AppRoleCatalog Catalog { get; } = catalog;

    public AssignmentSnapshot Assignments { get; } = assignments;

    public IReadOnlyList<AppRoleAssignment> For(Guid objectId) => Catalog.For(Assignments.For(objectId));
}
