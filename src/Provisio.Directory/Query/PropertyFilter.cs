using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Directory.Query;

/// <summary><c>property eq value</c>, <c>property ne value</c>, <c>startswith(property, 'prefix')</c>.</summary>
public sealed record PropertyFilter(string Property, FilterOperator Operator, object? Value) : DirectoryFilter
{
    public override bool Matches(Guid id, JsonObject properties)
    {
        var actual = FilterValues.Read(id, properties, Property);
        return Operator switch
        {
            FilterOperator.Equal => FilterValues.AreEqual(actual, Value),
            FilterOperator.NotEqual => !FilterValues.AreEqual(actual, Value),
            _ => actual is string text && Value is string prefix && FilterValues.Fold(text).StartsWith(FilterValues.Fold(prefix), StringComparison.Ordinal),
        };
    }
}

/// <summary>The comparisons of <see cref="PropertyFilter"/>.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    StartsWith,
}

/// <summary><c>property in ('a', 'b')</c>.</summary>
public sealed record InFilter(string Property, IReadOnlyList<object?> Values) : DirectoryFilter
{
    public override bool Matches(Guid id, JsonObject properties)
    {
        var actual = FilterValues.Read(id, properties, Property);
        return Values.Any(value => FilterValues.AreEqual(actual, value));
    }
}

public sealed record AndFilter(DirectoryFilter Left, DirectoryFilter Right) : DirectoryFilter
{
    public override bool Matches(Guid id, JsonObject properties) => Left.Matches(id, properties) && Right.Matches(id, properties);
}

public sealed record OrFilter(DirectoryFilter Left, DirectoryFilter Right) : DirectoryFilter
{
    public override bool Matches(Guid id, JsonObject properties) => Left.Matches(id, properties) || Right.Matches(id, properties);
}

public sealed record NotFilter(DirectoryFilter Operand) : DirectoryFilter
{
    public override bool Matches(Guid id, JsonObject properties) => !Operand.Matches(id, properties);
}

/// <summary>How filters read and compare property values; the stores' SQL does the same.</summary>
public static class FilterValues
{
    /// <summary>The case folding of string comparisons and of <c>$orderby</c>: invariant lower case.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant();
    }

    /// <summary>A property's value as a string, a boolean, or null (missing, null, or neither a string nor a boolean).</summary>
    public static object? Read(Guid id, JsonObject properties, string property)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(property);
        if (property.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return id.ToString("D");
        }

        JsonNode? node = properties;
        foreach (var segment in property.Split('/'))
        {
            node = node is JsonObject json ? json[segment] : null;
        }

        return node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;
    }

    public static bool AreEqual(object? actual, object? expected) => (actual, expected) switch
    {
        (null, null) => true,
        (string a, string b) => string.Equals(Fold(a), Fold(b), StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        _ => false,
    };
}
