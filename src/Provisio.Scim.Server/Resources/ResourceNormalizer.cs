using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Resources;

/// <summary>
/// Makes a POST or PUT body, or a patched resource, into the form the server stores, tolerating what Entra sends
/// (reference B.3.1, B.4, B.8): server-owned <c>id</c>, <c>meta</c> and a user's read-only <c>groups</c> are dropped;
/// <c>null</c> means unassigned (RFC 7643 §2.5) and is dropped; the core schema is listed; <c>"True"</c>/<c>"False"</c>
/// become booleans; a manager sent as a plain id becomes <c>{"value": id}</c>; members sent as bare ids become <c>{"value": id}</c>.
/// </summary>
internal static class ResourceNormalizer
{
    private static readonly string[] Booleans = ["active"];

    public static void Normalize(JsonObject resource, ScimResourceKind kind, bool incoming)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(kind);
        if (incoming)
        {
            resource.Remove("id");
            resource.Remove("meta");
            if (!kind.IsGroup)
            {
                resource.Remove("groups"); // RFC 7643 §4.1.2: readOnly, the server derives it
            }
        }

        RemoveNulls(resource);
        ListCoreSchema(resource, kind);
        foreach (var name in Booleans)
        {
            if (resource[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && bool.TryParse(value.GetValue<string>().Trim(), out var boolean))
            {
                resource[name] = boolean;
            }
        }

        if (resource[ScimSchemas.EnterpriseUser] is JsonObject enterprise)
        {
            switch (enterprise["manager"])
            {
                case JsonValue id when id.GetValueKind() == JsonValueKind.String && id.GetValue<string>().Length == 0:
                    enterprise.Remove("manager");
                    break;
                case JsonValue id when id.GetValueKind() == JsonValueKind.String:
                    enterprise["manager"] = new JsonObject(ScimJson.NodeOptions) { ["value"] = id.GetValue<string>() };
                    break;
            }
        }

        if (resource["members"] is JsonArray members)
        {
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i] is JsonValue member && member.GetValueKind() == JsonValueKind.String)
                {
                    members[i] = new JsonObject(ScimJson.NodeOptions) { ["value"] = member.GetValue<string>() };
                }
            }
        }
    }

    private static void ListCoreSchema(JsonObject resource, ScimResourceKind kind)
    {
        if (resource["schemas"] is not JsonArray schemas
            || schemas.Any(schema => schema is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
        {
            resource["schemas"] = new JsonArray(kind.Schema);
            return;
        }

        if (!schemas.Any(schema => string.Equals(ScimJson.Text(schema), kind.Schema, StringComparison.OrdinalIgnoreCase)))
        {
            schemas.Insert(0, kind.Schema);
        }
    }

    private static void RemoveNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null || value.GetValueKind() == JsonValueKind.Null)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        RemoveNulls(value);
                    }
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is not { } item || item.GetValueKind() == JsonValueKind.Null)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        RemoveNulls(item);
                    }
                }

                break;
        }
    }
}
