using System.Text.Json;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Host.Demo;

/// <summary>
/// What the demo's assignments are chosen from: the directory's users in the generator's order (by employeeId, so the
/// choice is the same on every machine) and its security groups by name with their direct members.
/// </summary>
internal sealed class DemoDirectory
{
    private DemoDirectory(IReadOnlyList<DirectoryObject> users, IReadOnlyList<DemoGroup> securityGroups)
    {
        Users = users;
        SecurityGroups = securityGroups;
    }

    public IReadOnlyList<DirectoryObject> Users { get; }

    /// <summary>
    /// Security groups only (an assignment through a Microsoft 365 group puts nobody in scope, reference §1.5), Contoso
    /// Demo's own group of almost everyone aside.
    /// </summary>
    public IReadOnlyList<DemoGroup> SecurityGroups { get; }

    /// <summary>The <paramref name="index"/>th security group (wrapping round), or null when there is none.</summary>
    public DemoGroup? Group(int index) => SecurityGroups.Count == 0 ? null : SecurityGroups[index % SecurityGroups.Count];

    public static async Task<DemoDirectory> ReadAsync(IDirectoryStore directory, CancellationToken cancellationToken)
    {
        var users = await AllAsync(directory, DirectoryObjectKind.User, cancellationToken).ConfigureAwait(false);
        var groups = (await AllAsync(directory, DirectoryObjectKind.Group, cancellationToken).ConfigureAwait(false))
            .Where(group => group.Properties["securityEnabled"]?.GetValueKind() == JsonValueKind.True && group["displayName"] != DemoSetup.ContosoUsersGroup)
            .OrderBy(group => group["displayName"], StringComparer.Ordinal)
            .ToList();
        var members = groups.ToDictionary(group => group.Id, _ => new HashSet<Guid>());
        if (groups.Count > 0)
        {
            await foreach (var member in directory.GetReferencesAsync([.. members.Keys], DirectoryRelation.Member, cancellationToken).ConfigureAwait(false))
            {
                members[member.SourceId].Add(member.TargetId);
            }
        }

        return new DemoDirectory(
            [.. users.OrderBy(user => user["employeeId"] ?? "\uffff", StringComparer.Ordinal).ThenBy(user => user.Id)],
            [.. groups.Select(group => new DemoGroup(group, members[group.Id]))]);
    }

    private static async Task<List<DirectoryObject>> AllAsync(IDirectoryStore directory, DirectoryObjectKind kind, CancellationToken cancellationToken)
    {
        var all = new List<DirectoryObject>();
        DirectoryCursor? after = null;
        do
        {
            var page = await directory.QueryAsync(new DirectoryQuery { Kind = kind, Top = DirectoryQuery.MaximumTop, After = after }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }
}
