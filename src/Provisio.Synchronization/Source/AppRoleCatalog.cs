using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Scoping;

namespace Provisio.Synchronization.Source;

/// <summary>
/// The application's app roles (Graph's <c>servicePrincipal.appRoles</c>: <c>id</c>, <c>value</c>, <c>displayName</c>,
/// <c>isEnabled</c>), by id: what turns a user's assignments into the <c>[appRoleAssignments]</c> the role functions read
/// (reference entra-expressions-and-scim B.6.7). Roles that are disabled or have no value are never sent.
/// </summary>
public sealed class AppRoleCatalog
{
    private readonly Dictionary<Guid, (int Order, AppRoleAssignment Role)> _roles;

    private AppRoleCatalog(IReadOnlyList<DeclaredAppRole> declared)
    {
        Declared = declared;
        _roles = [];
        for (var index = 0; index < declared.Count; index++)
        {
            var role = declared[index];
            if (role.IsEnabled && !string.IsNullOrEmpty(role.Value))
            {
                _roles.TryAdd(role.Id, (index, new AppRoleAssignment(role.Id.ToString("D"), role.Value, role.DisplayName)));
            }
        }
    }

    public static AppRoleCatalog Empty { get; } = new([]);

    /// <summary>Every role the application declares, in its order, as read (disabled ones and duplicates included).</summary>
    public IReadOnlyList<DeclaredAppRole> Declared { get; }

    /// <summary>The roles of <paramref name="servicePrincipal"/>; an entry that is not an object with a GUID id is left out.</summary>
    public static AppRoleCatalog From(DirectoryObject? servicePrincipal)
    {
        if (servicePrincipal?.Properties["appRoles"] is not JsonArray roles)
        {
            return Empty;
        }

        var declared = new List<DeclaredAppRole>(roles.Count);
        foreach (var node in roles)
        {
            if (node is JsonObject role && Guid.TryParse(Text(role["id"]), out var id))
            {
                declared.Add(new DeclaredAppRole(id, Text(role["value"]), Text(role["displayName"]),
                    role["isEnabled"] is not JsonValue enabled || enabled.GetValueKind() != System.Text.Json.JsonValueKind.False));
            }
        }

        return new AppRoleCatalog(declared);
    }

    /// <summary>
    /// The roles <paramref name="assignments"/> grant, each once, in the application's order (so SingleAppRoleAssignment's
    /// "first role" is stable). The default access role (<see cref="ApplicationAssignment.DefaultAccess"/>) and roles the
    /// application no longer declares grant none.
    /// </summary>
    public IReadOnlyList<AppRoleAssignment> For(IReadOnlyList<ApplicationAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0 || _roles.Count == 0)
        {
            return [];
        }

        var granted = new List<(int Order, AppRoleAssignment Role)>(assignments.Count);
        foreach (var assignment in assignments)
        {
            if (_roles.TryGetValue(assignment.AppRoleId, out var role) && !granted.Contains(role))
            {
                granted.Add(role);
            }
        }

        granted.Sort(static (left, right) => left.Order.CompareTo(right.Order));
        return [.. granted.Select(role => role.Role)];
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
