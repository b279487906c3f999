using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Directory.Batches;
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

    /// <summary>How properties are written to the database: text as it is (Zoë, not Zo\u00EB), which keeps rows small.</summary>
    public static string ToStoredJson(JsonObject properties) => properties.ToJsonString(StoredJson);

    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The folded displayName (<see cref="Query.FilterValues.Fold"/>; empty when there is none) that the stores keep in an
    /// indexed column, so that listings ordered by displayName (Graph's usual <c>$orderby</c>) page by index.
    /// </summary>
    public static string SortName(JsonObject properties) =>
        properties["displayName"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? Query.FilterValues.Fold(value.GetValue<string>()) : string.Empty;

    /// <summary>The index that keeps a service principal's appId unique (both stores), named so a violation can be told apart.</summary>
    public const string AppIdIndex = "objects_app_id";

    public static DirectoryError DuplicateAppId() =>
        new(DirectoryError.Conflict, "Another object with the same value for property appId already exists.");

    public const string NulCharacterMessage = "Property values cannot contain the NUL character (U+0000).";

    /// <summary>
    /// Text the directory refuses on every database: the NUL character (PostgreSQL's text and jsonb cannot hold it, so
    /// SQLite refuses it too and both stores answer the same).
    /// </summary>
    public static DirectoryError? CheckText(JsonNode? node) => node switch
    {
        JsonObject json when json.Any(pair => pair.Key.Contains('\0', StringComparison.Ordinal) || CheckText(pair.Value) is not null) => NulCharacter,
        JsonArray array when array.Any(item => CheckText(item) is not null) => NulCharacter,
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains('\0', StringComparison.Ordinal) => NulCharacter,
        _ => null,
    };

    private static readonly DirectoryError NulCharacter = new(DirectoryError.BadRequest, NulCharacterMessage);

    /// <summary>A user's userPrincipalName (users must have one); null for other kinds.</summary>
    public static string? PrincipalName(DirectoryObjectKind kind, JsonObject properties) =>
        kind == DirectoryObjectKind.User && properties["userPrincipalName"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static DirectoryError DuplicatePrincipalName(string principalName) =>
        new(DirectoryError.Conflict, $"Another object with the same value for property userPrincipalName already exists: '{principalName}'.");

    /// <summary>An id in use, or once used by an object since permanently deleted: ids are never reused (the feed's tombstones keep them).</summary>
    public static DirectoryError IdTaken(Guid id) =>
        new(DirectoryError.Conflict, $"Another object with the same value for property id already exists or existed: '{id}'.");

    public static DirectoryError NotAmongDeletedItems(Guid id) => new(DirectoryError.NotFound, $"Resource '{id}' does not exist among the deleted items.");

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

    /// <summary>
    /// What can be refused in a batch before reading the database: too many items, a user without a userPrincipalName,
    /// the same userPrincipalName or id twice.
    /// </summary>
    public static List<DirectoryBatchItemError> CheckBatch(DirectoryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = new List<DirectoryBatchItemError>();
        if (batch.Objects.Count + batch.References.Count > DirectoryBatch.MaximumItems)
        {
            errors.Add(new(0, new DirectoryError(DirectoryError.BadRequest, $"A batch holds at most {DirectoryBatch.MaximumItems} items.")));
            return errors;
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ids = new Dictionary<Guid, int>();
        for (var i = 0; i < batch.Objects.Count; i++)
        {
            var item = batch.Objects[i];
            if (CheckText(item.Properties) is { } text)
            {
                errors.Add(new(i, text));
            }

            if (item.Id is { } id && !ids.TryAdd(id, i))
            {
                errors.Add(new(i, new DirectoryError(DirectoryError.BadRequest, $"Object '{id}' appears twice in the batch (first at {ids[id]}).")));
            }

            if (item.Kind != DirectoryObjectKind.User)
            {
                continue;
            }

            var name = PrincipalName(item.Kind, item.Properties);
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new(i, new DirectoryError(DirectoryError.BadRequest, "A user needs a userPrincipalName.")));
            }
            else if (!names.TryAdd(name, i))
            {
                errors.Add(new(i, new DirectoryError(DirectoryError.Conflict, $"The userPrincipalName '{name}' appears twice in the batch (first at {names[name]}).")));
            }
        }

        return errors;
    }

    /// <summary>Why a batch item may not update the object it matched (another kind, soft-deleted, losing its userPrincipalName), or null.</summary>
    public static DirectoryError? CheckBatchUpdate(DirectoryObject existing, DirectoryBatchObject item, string? mergedPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(item);
        if (existing.Kind != item.Kind)
        {
            return new DirectoryError(DirectoryError.Conflict, $"Object '{existing.Id}' is a {existing.Kind}, not a {item.Kind}.");
        }

        if (existing.IsSoftDeleted)
        {
            return new DirectoryError(DirectoryError.Conflict,
                $"The {existing.Kind} '{existing.Id}' is among the deleted items; restore it (directory/deletedItems/{existing.Id}/restore) before updating it.");
        }

        return existing.Kind == DirectoryObjectKind.User && string.IsNullOrWhiteSpace(mergedPrincipalName)
            ? new DirectoryError(DirectoryError.BadRequest, "A user's userPrincipalName cannot be removed.")
            : null;
    }

    /// <summary>An object's kind and deletion, enough for <see cref="CheckReference"/>, when its properties are not needed.</summary>
    public static DirectoryObject Stub(Guid id, DirectoryObjectKind kind, bool softDeleted) =>
        new(id, kind, [], default, softDeleted ? DateTimeOffset.MinValue : null, 0);
}
