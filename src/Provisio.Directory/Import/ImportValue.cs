using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Directory.Import;

/// <summary>
/// Turns what a file gives for a property into the JSON value the directory keeps, or says why it cannot: a CSV cell
/// (text: <c>true</c>/<c>false</c> for booleans, <c>;</c> between the values of a multi-valued property, a JSON object
/// for a complex one) or a JSON value. Messages name the value, not the place; the caller adds line and column.
/// </summary>
internal static class ImportValue
{
    public const char ValueSeparator = ';';

    /// <summary>The value of a CSV cell that is not empty (an empty cell sets nothing).</summary>
    public static (JsonNode? Value, string? Error) FromCell(string property, IReadOnlyList<JsonValueKind> kinds, string cell)
    {
        var shown = $"'{cell}'";
        if (kinds.Contains(JsonValueKind.True))
        {
            return cell.Trim().ToLowerInvariant() switch
            {
                "true" => (JsonValue.Create(true), null),
                "false" => (JsonValue.Create(false), null),
                _ => (null, $"{shown} is not a boolean (true or false)"),
            };
        }

        if (kinds.Contains(JsonValueKind.Array))
        {
            var values = new JsonArray();
            foreach (var value in cell.Split(ValueSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                values.Add(value);
            }

            return (values, null);
        }

        if (kinds.Contains(JsonValueKind.Object))
        {
            try
            {
                return JsonNode.Parse(cell, DirectoryRules.NodeOptions) is JsonObject json
                    ? (json, null)
                    : (null, $"{shown} is not a JSON object");
            }
            catch (JsonException)
            {
                return (null, $"{shown} is not a JSON object");
            }
        }

        return FromText(property, cell, shown);
    }

    /// <summary>The value of a property of a JSON object (null values are dropped by the caller).</summary>
    public static (JsonNode? Value, string? Error) FromJson(string property, IReadOnlyList<JsonValueKind> kinds, JsonNode value)
    {
        var kind = value.GetValueKind();
        var shown = value.ToJsonString();
        if (kinds.Contains(JsonValueKind.True))
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? (value.DeepClone(), null) : (null, $"{shown} is not a boolean (true or false)");
        }

        if (kinds.Contains(JsonValueKind.Array))
        {
            return value is JsonArray array && array.All(item => item?.GetValueKind() == JsonValueKind.String)
                ? (value.DeepClone(), null)
                : (null, $"{shown} is not an array of strings");
        }

        if (kinds.Contains(JsonValueKind.Object))
        {
            return value is JsonObject ? (value.DeepClone(), null) : (null, $"{shown} is not an object");
        }

        if (kinds.Count > 0 || property.StartsWith("extension_", StringComparison.OrdinalIgnoreCase))
        {
            if (kind != JsonValueKind.String)
            {
                return kinds.Count == 0 && kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    ? (value.DeepClone(), null)
                    : (null, $"{shown} is not a string");
            }

            return FromText(property, value.GetValue<string>(), shown);
        }

        return (null, $"{shown} is not a valid value");
    }

    /// <summary>An <c>id</c>: a GUID.</summary>
    public static (Guid? Id, string? Error) Id(string text) =>
        Guid.TryParse(text.Trim(), out var id) ? (id, null) : (null, $"'{text}' is not an id (a GUID such as 6f1c2b1e-0d3a-4f7e-9a8b-2c4d5e6f7a8b)");

    private static (JsonNode? Value, string? Error) FromText(string property, string text, string shown)
    {
        if (property.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase))
        {
            // Graph: alias@domain, one @, no spaces.
            var at = text.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1 || text.Any(char.IsWhiteSpace))
            {
                return (null, $"{shown} is not a userPrincipalName (alias@domain)");
            }
        }

        if (property.Equals("employeeHireDate", StringComparison.OrdinalIgnoreCase))
        {
            // Graph's Edm.DateTimeOffset, kept in UTC with Z (STYLE.md §5).
            if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
                || !text.Trim().All(character => char.IsAsciiDigit(character) || character is '-' or ':' or 'T' or 'Z' or '.' or '+' or 't' or 'z'))
            {
                return (null, $"{shown} is not a date and time (ISO 8601, such as 2024-03-01 or 2024-03-01T09:00:00Z)");
            }

            return (JsonValue.Create(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), null);
        }

        return (JsonValue.Create(text), null);
    }
}
