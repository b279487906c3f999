namespace Provisio.Scim.Client;

public enum ScimResourceType
{
    User,
    Group,
}

public static class ScimResourceTypes
{
    public static string Endpoint(this ScimResourceType type) => type == ScimResourceType.User ? "Users" : "Groups";
}
