using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim;

/// <summary>
/// SCIM bodies as JSON nodes whose property names are case-insensitive, as RFC 7643 §2.1 makes attribute names
/// ("Attribute names are case insensitive"), so <c>userName</c>, <c>UserName</c> and <c>USERNAME</c> read the same.
/// </summary>
public static class ScimJson
{
    public static JsonNodeOptions NodeOptions { get; } = new() { PropertyNameCaseInsensitive = true };

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 64 };

    /// <summary>How bodies go on the wire: quotes escaped as <c>\"</c>, non-ASCII as itself, as Entra's requests read.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes a body with <see cref="WriteOptions"/>.</summary>
    public static string Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(WriteOptions);
    }

    /// <summary>Parses a body; throws <see cref="JsonException"/> for malformed JSON (callers turn it into invalidSyntax).</summary>
    public static JsonNode? Parse(string json)
    {
        var node = JsonNode.Parse(json, NodeOptions, DocumentOptions);
        try
        {
            // JsonNode builds objects lazily; build them now, so that a name given twice in different casing
            // ({"userName":..,"UserName":..}) fails here as malformed JSON, not later at first access.
            Materialize(node);
        }
        catch (ArgumentException exception)
        {
            throw new JsonException($"The body names an attribute twice (attribute names are case-insensitive): {exception.Message}", exception);
        }

        return node;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    public static JsonObject ParseObject(string json) =>
        Parse(json) as JsonObject ?? throw new JsonException("The body is not a JSON object.");

    public static JsonObject NewObject() => new(NodeOptions);

    /// <summary>A deep copy that keeps case-insensitive names on every object inside it.</summary>
    public static JsonNode? Copy(JsonNode? node) => node is null ? null : Parse(node.ToJsonString());

    /// <summary>A string, number or boolean as text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
