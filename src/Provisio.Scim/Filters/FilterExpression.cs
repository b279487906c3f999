using System.Text.Json.Nodes;

namespace Provisio.Scim.Filters;

/// <summary>A parsed SCIM filter (RFC 7644 §3.4.2.2). <see cref="object.ToString"/> prints it back in canonical form.</summary>
public abstract class FilterExpression
{
    private protected FilterExpression()
    {
    }

    /// <summary>True when <paramref name="resource"/> (a resource, or an element of a multi-valued attribute) matches.</summary>
    public bool Matches(JsonObject resource) => FilterEvaluator.Matches(this, resource, parent: null);

    /// <summary>Parses a filter; errors carry the position and scimType <c>invalidFilter</c>.</summary>
    public static FilterParseResult Parse(string text) => ScimFilterParser.Parse(text);
}

/// <summary><c>path op value</c> or <c>path pr</c>.</summary>
public sealed class AttributeFilter(AttributePath path, ComparisonOperator @operator, JsonNode? value) : FilterExpression
{
    public AttributePath Path { get; } = path;

    public ComparisonOperator Operator { get; } = @operator;

    /// <summary>The comparison value: a string, number, boolean, or null for <c>null</c> (and for <c>pr</c>).</summary>
    public JsonNode? Value { get; } = value;

    public override string ToString() => Operator == ComparisonOperator.Present
        ? $"{Path} pr"
        : $"{Path} {Operator.Keyword()} {(Value is null ? "null" : ScimJson.Serialize(Value))}";
}

/// <summary><c>left and right</c>, <c>left or right</c>.</summary>
public sealed class LogicalFilter(bool isAnd, FilterExpression left, FilterExpression right) : FilterExpression
{
    public bool IsAnd { get; } = isAnd;

    public FilterExpression Left { get; } = left;

    public FilterExpression Right { get; } = right;

    public override string ToString() => $"{Wrap(Left)} {(IsAnd ? "and" : "or")} {Wrap(Right)}";

    private string Wrap(FilterExpression inner) => IsAnd && inner is LogicalFilter { IsAnd: false } ? $"({inner})" : inner.ToString()!;
}

/// <summary><c>not (filter)</c>.</summary>
public sealed class NotFilter(FilterExpression inner) : FilterExpression
{
    public FilterExpression Inner { get; } = inner;

    public override string ToString() => $"not ({Inner})";
}

/// <summary><c>emails[type eq "work"]</c> on its own: some value of the attribute matches the inner filter.</summary>
public sealed class ValuePathFilter(AttributePath path) : FilterExpression
{
    public AttributePath Path { get; } = path;

    public override string ToString() => Path.ToString();
}

/// <summary>Either a filter or why it does not parse.</summary>
public readonly record struct FilterParseResult(FilterExpression? Filter, ScimParseError? Error)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Filter))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Filter is not null;
}
