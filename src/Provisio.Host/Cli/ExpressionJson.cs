using System.Globalization;
using System.Text.Json;
using Provisio.Expressions;
using Provisio.Expressions.Evaluation;

namespace Provisio.Host.Cli;

/// <summary>How expression attributes are read from JSON and values and errors written to it.</summary>
internal static class ExpressionJson
{
    /// <summary>
    /// Strings are strings; null is an absent attribute; arrays of strings are multi-valued; an array of objects with
    /// <c>value</c> (and <c>id</c>, <c>displayName</c>) is app role assignments; booleans and numbers keep their type.
    /// </summary>
    public static AttributeBag ReadAttributes(JsonElement element)
    {
        var bag = new AttributeBag();
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return bag;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"attributes\" must be an object of name to value.");
        }

        foreach (var property in element.EnumerateObject())
        {
            bag.Set(property.Name, ReadValue(property.Name, property.Value));
        }

        return bag;
    }

    private static ExpressionValue ReadValue(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ExpressionValue.From(value.GetString());
            case JsonValueKind.True:
                return ExpressionValue.True;
            case JsonValueKind.False:
                return ExpressionValue.False;
            case JsonValueKind.Number:
                return value.TryGetInt64(out var integer) ? ExpressionValue.From(integer) : ExpressionValue.From(value.GetDouble());
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.Count > 0 && items.All(item => item.ValueKind == JsonValueKind.Object))
                {
                    return ExpressionValue.From(items.Select(item => new AppRoleAssignment(
                        Text(item, "id"), Text(item, "value") ?? Text(item, "displayName") ?? string.Empty, Text(item, "displayName"))).ToArray());
                }

                return ExpressionValue.From(items.Select(item => item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString()!,
                    JsonValueKind.Null => throw new FormatException($"attribute \"{name}\" has a null among its values."),
                    _ => item.GetRawText(),
                }).ToArray());
            case JsonValueKind.Null:
                return ExpressionValue.Null;
            default:
                throw new FormatException($"attribute \"{name}\" must be a string, a number, a boolean, an array or null.");
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static void WriteValue(Utf8JsonWriter writer, in ExpressionValue value)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case ExpressionValueKind.Integer:
                writer.WriteNumberValue(value.AsInteger());
                break;
            case ExpressionValueKind.Decimal:
                writer.WriteNumberValue(value.AsDecimal());
                break;
            case ExpressionValueKind.MultiValued:
                writer.WriteStartArray();
                foreach (var item in value.AsList())
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case ExpressionValueKind.AppRoleAssignments:
                writer.WriteStartArray();
                foreach (var role in value.AsAppRoleAssignments())
                {
                    writer.WriteStartObject();
                    if (role.Id is not null)
                    {
                        writer.WriteString("id", role.Id);
                    }

                    writer.WriteString("value", role.Value);
                    if (role.DisplayName is not null)
                    {
                        writer.WriteString("displayName", role.DisplayName);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case ExpressionValueKind.Null or ExpressionValueKind.Omitted
                or ExpressionValueKind.IgnoreAttributeFlow or ExpressionValueKind.IgnoreObjectFlow:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(value.AsString());
                break;
        }
    }

    /// <summary><c>{"value": ...}</c>, plus <c>"ignoreFlow": "attribute"|"object"</c> when the result drops the flow.</summary>
    public static void WriteResult(Utf8JsonWriter writer, in EvaluationResult result)
    {
        if (!result.Succeeded)
        {
            WriteError(writer, result.Error);
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName("value");
        WriteValue(writer, result.Value);
        if (result.IsAttributeFlowIgnored || result.IsObjectFlowIgnored)
        {
            writer.WriteString("ignoreFlow", result.IsAttributeFlowIgnored ? "attribute" : "object");
        }

        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, ExpressionError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteNumber("position", error.Position.Offset);
        if (error.Expected is not null)
        {
            writer.WriteString("expected", error.Expected);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string Describe(in ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.String => value.AsString()!,
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => "null",
        ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments => value.ToString(),
        _ => value.AsString() ?? value.ToString(),
    };

    public static string Format(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
