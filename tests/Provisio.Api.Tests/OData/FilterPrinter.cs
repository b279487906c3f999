using Provisio.Directory.Query;

namespace Provisio.Api.Tests.OData;

/// <summary>Prints a filter back as fully parenthesized <c>$filter</c> text: one way to compare trees, and the other half of the round trip.</summary>
internal static class FilterPrinter
{
    public static string Print(DirectoryFilter filter) => filter switch
    {
        PropertyFilter { Operator: FilterOperator.StartsWith } starts => $"startswith({starts.Property},{Literal(starts.Value)})",
        PropertyFilter compare => $"{compare.Property} {(compare.Operator == FilterOperator.Equal ? "eq" : "ne")} {Literal(compare.Value)}",
        InFilter @in => $"{@in.Property} in ({string.Join(",", @in.Values.Select(Literal))})",
        AndFilter and => $"({Print(and.Left)} and {Print(and.Right)})",
        OrFilter or => $"({Print(or.Left)} or {Print(or.Right)})",
        NotFilter not => $"not ({Print(not.Operand)})",
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "not a filter the printer knows"),
    };

    private static string Literal(object? value) => value switch
    {
        null => "null",
        true => "true",
        false => "false",
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a filter value"),
    };
}
