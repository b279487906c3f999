using System.Text.Json;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Synchronization.Scoping;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// Who is assigned to the application when a job syncs only assigned users and groups (reference entra-engine-and-api
/// §1.5): the direct assignments and, for each direct member of an assigned group, the assignment through that group.
/// Read once per cycle with a few set-based queries.
/// </summary>
public sealed class AssignmentSnapshot
{
    private readonly Dictionary<Guid, List<ApplicationAssignment>> _assignments;

    private AssignmentSnapshot(Dictionary<Guid, List<ApplicationAssignment>> assignments, IReadOnlySet<Guid> direct)
    {
        _assignments = assignments;
        Direct = direct;
    }

    /// <summary>
    /// Everything assigned directly: a change to an assigned group (its members, even its last one leaving) can change
    /// who is in scope.
    /// </summary>
    public IReadOnlySet<Guid> Direct { get; }

    /// <summary>Every object with at least one assignment, direct or through a group.</summary>
    public IEnumerable<Guid> Entitled => _assignments.Keys;

    public IReadOnlyList<ApplicationAssignment> For(Guid objectId) =>
        _assignments.TryGetValue(objectId, out var assignments) ? assignments : [];

    public static async Task<AssignmentSnapshot> ReadAsync(IDirectoryStore directory, Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var assignments = new Dictionary<Guid, List<ApplicationAssignment>>();
        var direct = new Dictionary<Guid, Guid>();
        await foreach (var reference in directory.GetReferencesAsync(servicePrincipalId, DirectoryRelation.AppRoleAssignment, cancellationToken).ConfigureAwait(false))
        {
            Add(assignments, reference.TargetId, ApplicationAssignment.Direct(reference.AppRoleId));
            direct.TryAdd(reference.TargetId, reference.AppRoleId ?? ApplicationAssignment.DefaultAccess);
        }

        var groups = new Dictionary<Guid, bool>();
        if (direct.Count > 0)
        {
            // Only groups have members, so one query over every assigned object finds the assigned groups' members.
            await foreach (var member in directory.GetReferencesAsync(direct.Keys, DirectoryRelation.Member, cancellationToken).ConfigureAwait(false))
            {
                if (!groups.TryGetValue(member.SourceId, out var securityEnabled))
                {
                    var group = await directory.GetAsync(member.SourceId, cancellationToken).ConfigureAwait(false);
                    groups[member.SourceId] = securityEnabled = group?.Properties["securityEnabled"]?.GetValueKind() == JsonValueKind.True;
                }

                Add(assignments, member.TargetId, ApplicationAssignment.ThroughGroup(member.SourceId.ToString("D"), securityEnabled, isDirectMember: true, direct[member.SourceId]));
            }
        }

        return new AssignmentSnapshot(assignments, direct.Keys.ToHashSet());
    }

    private static void Add(Dictionary<Guid, List<ApplicationAssignment>> assignments, Guid objectId, ApplicationAssignment assignment)
    {
        if (!assignments.TryGetValue(objectId, out var list))
        {
            assignments[objectId] = list = [];
        }

        list.Add(assignment);
    }
}
