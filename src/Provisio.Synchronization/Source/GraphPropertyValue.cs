using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Source;

/// <summary>
/// A Graph property of a directory object as an expression value: strings as they are, booleans (which read
/// <c>True</c>/<c>False</c>, reference entra-expressions-and-scim A.2), numbers, string collections as multi-valued;
/// null, absent, objects and empty collections as null ("a Null is expressed by the absence of the attribute").
/// </summary>
internal static class GraphPropertyValue
{
    public static ExpressionValue Of(JsonObject properties, string name) =>
        properties.TryGetPropertyValue(name, out var node) ? From(node) : ExpressionValue.Null;

    /// <summary>The first value of a collection property (<c>businessPhones[0]</c>).</summary>
    public static ExpressionValue FirstOf(JsonObject properties, string name) =>
        properties.TryGetPropertyValue(name, out var node) && node is JsonArray { Count: > 0 } values ? From(values[0]) : ExpressionValue.Null;

    /// <summary>A property of an object property (<c>onPremisesExtensionAttributes.extensionAttribute1</c>).</summary>
    public static ExpressionValue Nested(JsonObject properties, string name, string inner) =>
        properties.TryGetPropertyValue(name, out var node) && node is JsonObject nested ? Of(nested, inner) : ExpressionValue.Null;

    public static ExpressionValue From(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => ExpressionValue.From(value.GetValue<string>()),
                    JsonValueKind.True => ExpressionValue.True,
                    JsonValueKind.False => ExpressionValue.False,
                    JsonValueKind.Number when value.TryGetValue<long>(out var integer) => ExpressionValue.From(integer),
                    JsonValueKind.Number => ExpressionValue.From(value.GetValue<double>()),
                    _ => ExpressionValue.Null,
                };
            case JsonArray array:
                var values = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (From(item).AsString() is { } text)
                    {
                        values.Add(text);
                    }
                }

                return values.Count == 0 ? ExpressionValue.Null : ExpressionValue.From(values);
            default:
                return ExpressionValue.Null;
        }
    }
}
