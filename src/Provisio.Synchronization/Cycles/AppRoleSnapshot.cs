using Provisio.Directory;
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

    /// <summary>
    /// The application's roles and assignments as a cycle reads them, for a look at one object outside a cycle (the
    /// portal's expression tester), so that the role functions see what provisioning would send.
    /// </summary>
    public static async Task<AppRoleSnapshot> ReadAsync(IDirectoryStore directory, Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var servicePrincipal = await directory.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        var assignments = await AssignmentSnapshot.ReadAsync(directory, servicePrincipalId, cancellationToken).ConfigureAwait(false);
        return new AppRoleSnapshot(AppRoleCatalog.From(servicePrincipal), assignments);
    }
}
