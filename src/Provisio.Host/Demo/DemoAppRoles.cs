using System.Text.Json.Nodes;

namespace Provisio.Host.Demo;

/// <summary>
/// The app roles every demo application declares (Graph's <c>servicePrincipal.appRoles</c>), which its assignments
/// carry: "User" for groups and most people, "Administrator" for a few. Fixed ids, so a second run reads the same ones.
/// </summary>
internal static class DemoAppRoles
{
    public static readonly Guid User = new("0b5b6f3e-8a54-4f0e-9f3c-3d1a2c6e7a01");

    public static readonly Guid Administrator = new("0b5b6f3e-8a54-4f0e-9f3c-3d1a2c6e7a02");

    /// <summary>The roles as Graph shows them on the service principal.</summary>
    public static JsonArray ToGraph() =>
    [
        Role(User, "User", "Users of the application."),
        Role(Administrator, "Administrator", "Administrators of the application."),
    ];

    private static JsonObject Role(Guid id, string value, string description) => new()
    {
        ["allowedMemberTypes"] = new JsonArray("User"),
        ["description"] = description,
        ["displayName"] = value,
        ["id"] = id.ToString("D"),
        ["isEnabled"] = true,
        ["origin"] = "Application",
        ["value"] = value,
    };
}
