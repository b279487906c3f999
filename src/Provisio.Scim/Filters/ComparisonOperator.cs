namespace Provisio.Scim.Filters;

/// <summary>The attribute operators of RFC 7644 §3.4.2.2.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Contains,
    StartsWith,
    EndsWith,
    Present,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

public static class ComparisonOperators
{
    public static string Keyword(this ComparisonOperator @operator) => @operator switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.Contains => "co",
        ComparisonOperator.StartsWith => "sw",
        ComparisonOperator.EndsWith => "ew",
        ComparisonOperator.Present => "pr",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        _ => "le",
    };

    public static bool TryParse(string keyword, out ComparisonOperator @operator)
    {
        @operator = keyword.ToUpperInvariant() switch
        {
            "EQ" => ComparisonOperator.Equal,
            "NE" => ComparisonOperator.NotEqual,
            "CO" => ComparisonOperator.Contains,
            "SW" => ComparisonOperator.StartsWith,
            "EW" => ComparisonOperator.EndsWith,
            "PR" => ComparisonOperator.Present,
            "GT" => ComparisonOperator.GreaterThan,
            "GE" => ComparisonOperator.GreaterOrEqual,
            "LT" => ComparisonOperator.LessThan,
            "LE" => ComparisonOperator.LessOrEqual,
            _ => (ComparisonOperator)(-1),
        };
        return (int)@operator >= 0;
    }
}
