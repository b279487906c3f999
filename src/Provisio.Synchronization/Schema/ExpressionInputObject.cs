using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>expressionInputObject</c>: the test object <c>parseExpression</c> evaluates against, its attribute values
/// as <c>stringKeyObjectValuePair</c>s (<c>{"key":"preferredLanguage","value":"EN-US"}</c>; a multi-valued attribute's
/// value is an array, <c>"value@odata.type":"#Collection(String)"</c>) and optionally its <c>objectDefinition</c>.
/// </summary>
public sealed record ExpressionInputObject
{
    public ObjectDefinition? Definition { get; init; }

    public IReadOnlyList<StringKeyObjectValuePair> Properties { get; init; } = [];

    /// <summary>
    /// The properties as expression attributes: a string as it is, an array as a multi-valued attribute, a number as
    /// its JSON text, a boolean as <c>True</c>/<c>False</c> (reference A.2), null as absent. An object value, or a key
    /// missing, is an error naming the property.
    /// </summary>
    public bool TryGetAttributes(out AttributeBag attributes, out string? error)
    {
        attributes = new AttributeBag();
        error = null;
        // JSON may say "properties": null or [null] whatever the declared types promise.
        foreach (var property in Properties ?? [])
        {
            if (property is null || string.IsNullOrWhiteSpace(property.Key))
            {
                error = "Each property of testInputObject needs a 'key'.";
                return false;
            }

            switch (property.Value)
            {
                case null:
                    break;
                case JsonArray array:
                    var values = new List<string>(array.Count);
                    foreach (var item in array)
                    {
                        if (item is not JsonValue value || Text(value) is not { } text)
                        {
                            error = $"The values of the property '{property.Key}' must be strings, numbers or booleans.";
                            return false;
                        }

                        values.Add(text);
                    }

                    attributes.Set(property.Key, values);
                    break;
                case JsonValue value when Text(value) is { } text:
                    attributes.Set(property.Key, text);
                    break;
                default:
                    error = $"The value of the property '{property.Key}' must be a string, a number, a boolean or an array of them.";
                    return false;
            }
        }

        return true;
    }

    private static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => null,
    };
}

/// <summary>Graph's <c>stringKeyObjectValuePair</c>: a key and a value of any JSON type.</summary>
public sealed record StringKeyObjectValuePair(string Key, JsonNode? Value);
