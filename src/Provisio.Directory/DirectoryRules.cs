using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Directory.Model;

namespace Provisio.Directory;

/// <summary>The rules every directory store applies the same way, whatever its database.</summary>
internal static class DirectoryRules
{
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A copy of <paramref name="current"/> with <paramref name="changes"/> merged in: a null value removes the property; <c>id</c> never changes.</summary>
    public static JsonObject Merge(JsonObject current, JsonObject changes)
    {
        var properties = Copy(current);
        foreach (var (name, value) in changes)
        {
            if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value is null)
            {
                properties.Remove(name);
            }
            else
            {
                properties[name] = value.DeepClone();
            }
        }

        return properties;
    }

    public static JsonObject Copy(JsonObject properties) => (JsonObject)JsonNode.Parse(properties.ToJsonString(), NodeOptions)!;

    /// <summary>A user's userPrincipalName (users must have one); null for other kinds.</summary>
    public static string? PrincipalName(DirectoryObjectKind kind, JsonObject properties) =>
        kind == DirectoryObjectKind.User && properties["userPrincipalName"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static DirectoryError DuplicatePrincipalName(string principalName) =>
        new(DirectoryError.Conflict, $"Another object with the same value for property userPrincipalName already exists: '{principalName}'.");

    /// <summary>Both ends exist and are not deleted, and the relation fits their kinds (a user's manager is a user, ...).</summary>
    public static DirectoryError? CheckReference(DirectoryObject? source, DirectoryObject? target, DirectoryReference reference)
    {
        if (source is null || source.IsSoftDeleted)
        {
            return DirectoryError.Missing(reference.SourceId);
        }

        if (target is null || target.IsSoftDeleted)
        {
            return DirectoryError.Missing(reference.TargetId);
        }

        var valid = reference.Relation switch
        {
            DirectoryRelation.Manager => source.Kind == DirectoryObjectKind.User && target.Kind == DirectoryObjectKind.User,
            DirectoryRelation.Member => source.Kind == DirectoryObjectKind.Group && target.Kind is DirectoryObjectKind.User or DirectoryObjectKind.Group,
            DirectoryRelation.Owner => source.Kind == DirectoryObjectKind.Group && target.Kind is DirectoryObjectKind.User or DirectoryObjectKind.ServicePrincipal,
            _ => source.Kind == DirectoryObjectKind.ServicePrincipal && target.Kind is DirectoryObjectKind.User or DirectoryObjectKind.Group,
        };
        if (!valid)
        {
            return new DirectoryError(DirectoryError.BadRequest, $"A {source.Kind} cannot have a {target.Kind} as {reference.Relation}.");
        }

        return reference.Relation == DirectoryRelation.Manager && reference.SourceId == reference.TargetId
            ? new DirectoryError(DirectoryError.BadRequest, "A user cannot be their own manager.")
            : null;
    }
}
