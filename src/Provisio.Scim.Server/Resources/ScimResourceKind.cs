namespace Provisio.Scim.Server.Resources;

/// <summary>A resource type the server holds (RFC 7643 §6): its name, endpoint, core schema and the attribute that must be unique.</summary>
internal sealed record ScimResourceKind(string Name, string Endpoint, string Schema, string UniqueAttribute)
{
    /// <summary>Users: <c>userName</c> is unique, case-insensitively (RFC 7643 §4.1.1).</summary>
    public static ScimResourceKind User { get; } = new("User", "Users", ScimSchemas.User, "userName");

    /// <summary>Groups: <c>displayName</c> is unique, as Entra requires (reference B.5).</summary>
    public static ScimResourceKind Group { get; } = new("Group", "Groups", ScimSchemas.Group, "displayName");

    public bool IsGroup => ReferenceEquals(this, Group);
}
