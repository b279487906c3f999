using Provisio.Scim.Client;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Health;

/// <summary>
/// Seed 002's "Duplicate roles" quarantine: "Roles imported from certain applications like Salesforce and Zendesk must be
/// unique." Graph's quarantineReason has no member for it, so the job is quarantined with EncounteredQuarantineException
/// and this error code (reference entra-engine-and-api §2.2). Checked when a cycle (or on-demand provisioning) starts,
/// before anything is exported.
/// </summary>
public static class DuplicateAppRoles
{
    /// <summary>The quarantine error's code (ours, in Entra's style).</summary>
    public const string ErrorCode = "DuplicateAppRoles";

    /// <summary>
    /// Seed 002's action, for Provisio's directory API: the roles live on the service principal (Provisio keeps no
    /// application objects), which is where a role import writes them.
    /// </summary>
    public const string RecommendedAction =
        "Remove the duplicate role from the application's appRoles: first set the duplicate's isEnabled to false, then leave it out " +
        "(PATCH /v1.0/servicePrincipals/{id} with the appRoles to keep; Graph deletes an app role only once it is disabled), " +
        "or give it a value (and display name) of its own. Then restart the job (or wait for the next cycle): the check runs again " +
        "when the cycle starts and the quarantine is lifted.";

    /// <summary>
    /// The duplicates among the roles the target would receive (enabled roles with a value), or null when they are unique.
    /// Values compare ignoring case: a SCIM target compares <c>roles.value</c> so (RFC 7643 §8.7.1, <c>"caseExact": false</c>),
    /// so "Admin" and "admin" would be one role there while Entra assigns them as two. Display names are compared only when
    /// <paramref name="displayNamesSent"/>: the job's mappings send them (AppRoleAssignmentsComplex and its Assertive form).
    /// </summary>
    public static ScimFailure? Check(AppRoleCatalog roles, bool displayNamesSent)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var sent = roles.Declared.Where(role => role.IsEnabled && !string.IsNullOrEmpty(role.Value)).ToList();
        var problems = new List<string>();
        foreach (var group in sent.GroupBy(role => role.Value!, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            problems.Add($"value '{group.Key}' is declared by {Describe(group)}");
        }

        if (displayNamesSent)
        {
            foreach (var group in sent.Where(role => !string.IsNullOrEmpty(role.DisplayName))
                .GroupBy(role => role.DisplayName!, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
            {
                problems.Add($"display name '{group.Key}' is declared by {Describe(group)}");
            }
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var message = $"Duplicate roles: the application's app roles must be unique for the target, but {string.Join("; ", problems)}. " +
            "Nothing was exported.";
        return new ScimFailure(ErrorCode, IsTransient: false, message, RecommendedAction) { AffectsWholeJob = true };
    }

    private static string Describe(IEnumerable<DeclaredAppRole> roles) =>
        string.Join(" and ", roles.Select(role => $"role {role.Id:D}"));
}
