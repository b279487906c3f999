using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Filters;

/// <summary>
/// Evaluates a filter over a resource (RFC 7644 §3.4.2.2). A multi-valued attribute matches when any of its values
/// does; a complex multi-valued attribute without a sub-attribute compares its <c>value</c>; strings compare
/// case-insensitively unless the attribute is case-exact (<c>id</c>, <c>externalId</c>, references' <c>value</c>,
/// RFC 7643 §4 and §8.7.1); date strings order chronologically; numbers numerically.
/// </summary>
internal static class FilterEvaluator
{
    public static bool Matches(FilterExpression filter, JsonObject scope, string? parent) => filter switch
    {
        LogicalFilter { IsAnd: true } logical => Matches(logical.Left, scope, parent) && Matches(logical.Right, scope, parent),
        LogicalFilter logical => Matches(logical.Left, scope, parent) || Matches(logical.Right, scope, parent),
        NotFilter not => !Matches(not.Inner, scope, parent),
        ValuePathFilter valuePath => Resolve(scope, valuePath.Path).Any(),
        AttributeFilter attribute => Compare(attribute, scope, parent),
        _ => false,
    };

    /// <summary>The values a path names in <paramref name="scope"/>, multi-valued attributes flattened.</summary>
    public static IEnumerable<JsonNode?> Resolve(JsonObject scope, AttributePath path)
    {
        JsonObject? container = scope;
        if (!path.IsCore)
        {
            container = scope[path.Schema!] as JsonObject;
        }

        if (container is null || !container.TryGetPropertyValue(path.Name, out var node) || node is null)
        {
            yield break;
        }

        IEnumerable<JsonNode?> values = node is JsonArray array ? array : new[] { node };
        if (path.ValueFilter is { } filter)
        {
            values = values.Where(value => value is JsonObject element && Matches(filter, element, path.Name));
        }

        foreach (var value in values)
        {
            if (path.SubAttribute is { } sub)
            {
                if (value is JsonObject complex && complex.TryGetPropertyValue(sub, out var inner) && inner is not null)
                {
                    if (inner is JsonArray innerArray)
                    {
                        foreach (var item in innerArray)
                        {
                            yield return item;
                        }
                    }
                    else
                    {
                        yield return inner;
                    }
                }
            }
            else
            {
                yield return value;
            }
        }
    }

    private static bool Compare(AttributeFilter filter, JsonObject scope, string? parent)
    {
        var raw = Resolve(scope, filter.Path).ToList();
        var values = raw.Select(value => value is JsonObject complex && filter.Path.SubAttribute is null
            ? complex["value"]
            : value).ToList();
        var comparison = IsCaseExact(filter.Path, parent) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return filter.Operator switch
        {
            // pr and null look at the attribute itself: a complex value such as name is present without a value sub-attribute.
            ComparisonOperator.Present => raw.Any(IsPresent),
            ComparisonOperator.Equal when filter.Value is null => !raw.Any(IsPresent),
            ComparisonOperator.NotEqual when filter.Value is null => raw.Any(IsPresent),
            ComparisonOperator.NotEqual => !values.Any(value => Satisfies(value, ComparisonOperator.Equal, filter.Value, comparison)),
            _ => values.Any(value => Satisfies(value, filter.Operator, filter.Value!, comparison)),
        };
    }

    private static bool IsPresent(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>().Length > 0,
        JsonValue scalar => scalar.GetValueKind() != JsonValueKind.Null,
        _ => true,
    };

    private static bool Satisfies(JsonNode? actual, ComparisonOperator @operator, JsonNode expected, StringComparison comparison)
    {
        if (actual is not JsonValue actualValue)
        {
            return false;
        }

        switch (expected.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                var wanted = expected.GetValueKind() == JsonValueKind.True;
                var actualBoolean = actualValue.GetValueKind() switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when bool.TryParse(actualValue.GetValue<string>(), out var parsed) => parsed,
                    _ => (bool?)null,
                };
                return @operator == ComparisonOperator.Equal && actualBoolean == wanted;
            case JsonValueKind.Number:
                // Doubles, so that any JSON number (1e400 included) compares instead of failing.
                var expectedNumber = double.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                double? actualNumber = actualValue.GetValueKind() switch
                {
                    JsonValueKind.Number => double.Parse(actualValue.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
                    JsonValueKind.String when double.TryParse(actualValue.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => null,
                };
                return actualNumber is { } number && Order(@operator, number.CompareTo(expectedNumber));
        }

        var text = ScimJson.Text(actualValue);
        var wantedText = ScimJson.Text(expected);
        if (text is null || wantedText is null)
        {
            return false;
        }

        return @operator switch
        {
            ComparisonOperator.Equal => string.Equals(text, wantedText, comparison),
            ComparisonOperator.Contains => text.Contains(wantedText, comparison),
            ComparisonOperator.StartsWith => text.StartsWith(wantedText, comparison),
            ComparisonOperator.EndsWith => text.EndsWith(wantedText, comparison),
            _ => Order(@operator, OrderOf(text, wantedText, comparison)),
        };
    }

    /// <summary>Dates (RFC 7643 §2.3.5, xsd:dateTime) chronologically; other strings lexicographically.</summary>
    private static int OrderOf(string actual, string expected, StringComparison comparison) =>
        actual.Contains('T', StringComparison.Ordinal) && expected.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var left)
        && DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var right)
            ? left.CompareTo(right)
            : string.Compare(actual, expected, comparison);

    private static bool Order(ComparisonOperator @operator, int order) => @operator switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.GreaterThan => order > 0,
        ComparisonOperator.GreaterOrEqual => order >= 0,
        ComparisonOperator.LessThan => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        _ => false,
    };

    private static bool IsCaseExact(AttributePath path, string? parent)
    {
        var name = path.SubAttribute ?? path.Name;
        var owner = path.SubAttribute is null ? parent : path.Name;
        return name.Equals("id", StringComparison.OrdinalIgnoreCase)
            || name.Equals("externalId", StringComparison.OrdinalIgnoreCase)
            || name.Equals("$ref", StringComparison.OrdinalIgnoreCase)
            || (name.Equals("value", StringComparison.OrdinalIgnoreCase) && owner is not null
                && (owner.Equals("members", StringComparison.OrdinalIgnoreCase)
                    || owner.Equals("manager", StringComparison.OrdinalIgnoreCase)
                    || owner.Equals("groups", StringComparison.OrdinalIgnoreCase)));
    }
}
