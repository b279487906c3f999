using System.Text;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage;

/// <summary>
/// Turns a <see cref="DirectoryFilter"/> into a SQL condition with the meaning of <see cref="DirectoryFilter.Matches"/>:
/// the tree walk and the three-valued logic live here once, each database says how to read a property.
/// </summary>
/// <remarks>
/// Every primitive yields true or false, never SQL NULL, so <c>NOT</c> and <c>ne</c> mean what they mean in
/// <see cref="DirectoryFilter.Matches"/> (a missing property is not equal to 'x').
/// </remarks>
internal abstract class FilterTranslator
{
    private int _parameters;

    /// <summary>The condition for <paramref name="filter"/>, adding its parameters through <see cref="AddParameter"/>.</summary>
    public string Translate(DirectoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder();
        Write(filter, sql);
        return sql.ToString();
    }

    /// <summary>
    /// Whether the filter selects at most a handful of objects through a unique index: <c>id</c> or
    /// <c>userPrincipalName</c> equal to, or in, given strings, alone or ANDed with anything. A store then looks those up
    /// by that index and sorts them, rather than walking the whole kind in page order (SQLite's planner, without
    /// statistics, prefers the latter, which made bulk name lookups scan a million rows each).
    /// </summary>
    public static bool IsBounded(DirectoryFilter? filter) => filter switch
    {
        AndFilter and => IsBounded(and.Left) || IsBounded(and.Right),
        InFilter @in => IsUnique(@in.Property) && @in.Values.All(value => value is string),
        PropertyFilter { Operator: FilterOperator.Equal, Value: string } equal => IsUnique(equal.Property),
        _ => false,
    };

    private static bool IsUnique(string property) =>
        property.Equals("id", StringComparison.OrdinalIgnoreCase) || property.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The keyset condition (<c>AND (sort key, id) &gt; (cursor)</c>, empty on the first page) and the ORDER BY of a
    /// query's page, sorted by <paramref name="sortKey"/> (an SQL expression, null for id alone) and then id.
    /// </summary>
    public (string Condition, string Order) Page(DirectoryQuery query, string? sortKey)
    {
        ArgumentNullException.ThrowIfNull(query);
        var direction = query.Descending ? "DESC" : "ASC";
        var order = sortKey is null ? $"id {direction}" : $"{sortKey} {direction}, id {direction}";
        if (query.After is not { } after)
        {
            return (string.Empty, order);
        }

        var comparison = query.Descending ? "<" : ">";
        var id = Parameter(after.Id);
        return (sortKey is null
            ? $" AND id {comparison} {id}"
            : $" AND ({sortKey}, id) {comparison} ({SortValue(Parameter(after.SortValue ?? string.Empty))}, {id})", order);
    }

    /// <summary>A sort value parameter as the sort key compares (PostgreSQL: in code point order).</summary>
    protected virtual string SortValue(string parameter) => parameter;

    /// <summary>A new parameter's placeholder (<c>$f1</c>, <c>@f1</c>) holding <paramref name="value"/> (a string, a GUID or a path).</summary>
    protected string Parameter(object value) => AddParameter($"f{++_parameters}", value);

    protected abstract string AddParameter(string name, object value);

    /// <summary>The property's value folded (<see cref="FilterValues.Fold"/>) when it is a string, else SQL NULL.</summary>
    protected abstract string FoldedText(string property);

    /// <summary>True when the property holds the JSON boolean <paramref name="value"/>.</summary>
    protected abstract string IsBoolean(string property, bool value);

    /// <summary>True when the property is missing or holds neither a string nor a boolean (what <see cref="FilterValues.Read"/> reads as null).</summary>
    protected abstract string IsNull(string property);

    /// <summary>True when the folded text <paramref name="folded"/> (never NULL-valued) starts with the folded parameter.</summary>
    protected abstract string StartsWith(string folded, string prefixParameter);

    /// <summary>
    /// True when the property (or <c>id</c>) folded is one of <paramref name="values"/> folded, never NULL; a user's
    /// <c>userPrincipalName</c> may use its index when every value is ASCII.
    /// </summary>
    protected abstract string InStrings(string property, string[] values);

    /// <summary>A string value as a parameter folded the way <see cref="FoldedText"/> folds the stored value.</summary>
    protected virtual string TextParameter(string text) => Parameter(FilterValues.Fold(text));

    /// <summary>Whether a property name is <c>id</c>, or <c>userPrincipalName</c> whose index serves ASCII values.</summary>
    protected static bool IsId(string property) => property.Equals("id", StringComparison.OrdinalIgnoreCase);

    protected static bool IsIndexedPrincipalName(string property, string[] folded) =>
        property.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase) && folded.All(value => System.Text.Ascii.IsValid(value));

    /// <summary>The object's id as folded text (<c>id</c> compares as a lower-case GUID string).</summary>
    protected abstract string IdText { get; }

    /// <summary><c>id eq 'x'</c> as a condition the primary key serves, or null to compare the id as text.</summary>
    protected virtual string? IdEquals(string folded) => null;

    /// <summary>A condition on a user's <c>userPrincipalName</c> that an index can serve, or null to read it as any property.</summary>
    protected virtual string? PrincipalNameCondition(FilterOperator comparison, string folded) => null;

    /// <summary><paramref name="text"/> as a literal LIKE pattern with <c>\</c> as the escape character.</summary>
    protected static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private void Write(DirectoryFilter filter, StringBuilder sql)
    {
        switch (filter)
        {
            case AndFilter and:
                Binary(and.Left, " AND ", and.Right, sql);
                break;
            case OrFilter or:
                Binary(or.Left, " OR ", or.Right, sql);
                break;
            case NotFilter not:
                sql.Append("(NOT ");
                Write(not.Operand, sql);
                sql.Append(')');
                break;
            case InFilter @in when @in.Values.Count == 0:
                sql.Append("(1 = 0)");
                break;
            case InFilter @in when @in.Values.Count > 1 && @in.Values.All(value => value is string):
                // One set membership test, not an OR chain: long chains plan poorly (PostgreSQL) or hit the expression depth limit (SQLite).
                sql.Append('(').Append(InStrings(@in.Property, [.. @in.Values.Cast<string>().DistinctBy(FilterValues.Fold, StringComparer.Ordinal)])).Append(')');
                break;
            case InFilter @in:
                sql.Append('(');
                for (var i = 0; i < @in.Values.Count; i++)
                {
                    sql.Append(i == 0 ? string.Empty : " OR ").Append(Compare(@in.Property, FilterOperator.Equal, @in.Values[i]));
                }

                sql.Append(')');
                break;
            case PropertyFilter { Operator: FilterOperator.NotEqual } comparison:
                sql.Append("(NOT ").Append(Compare(comparison.Property, FilterOperator.Equal, comparison.Value)).Append(')');
                break;
            case PropertyFilter comparison:
                sql.Append(Compare(comparison.Property, comparison.Operator, comparison.Value));
                break;
            default:
                throw new ArgumentException($"Unknown filter {filter.GetType().Name}.", nameof(filter));
        }
    }

    private void Binary(DirectoryFilter left, string op, DirectoryFilter right, StringBuilder sql)
    {
        sql.Append('(');
        Write(left, sql);
        sql.Append(op);
        Write(right, sql);
        sql.Append(')');
    }

    /// <summary>Equal or StartsWith, as a condition that is never NULL.</summary>
    private string Compare(string property, FilterOperator comparison, object? value)
    {
        var isId = property.Equals("id", StringComparison.OrdinalIgnoreCase);
        switch (value)
        {
            case null:
                return comparison == FilterOperator.Equal && !isId ? $"({IsNull(property)})" : "(1 = 0)";
            case bool flag:
                return comparison == FilterOperator.Equal && !isId ? $"({IsBoolean(property, flag)})" : "(1 = 0)";
            case string text:
                var folded = FilterValues.Fold(text);
                if (!isId && property.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase) && PrincipalNameCondition(comparison, folded) is { } indexed)
                {
                    return $"({indexed})";
                }

                if (isId && comparison == FilterOperator.Equal && IdEquals(folded) is { } byKey)
                {
                    return $"({byKey})";
                }

                var expression = isId ? IdText : FoldedText(property);
                var parameter = isId ? Parameter(folded) : TextParameter(text);
                return comparison == FilterOperator.StartsWith
                    ? $"(COALESCE({StartsWith(expression, parameter)}, 1 = 0))"
                    : $"(COALESCE({expression} = {parameter}, 1 = 0))";
            default:
                throw new ArgumentException($"A filter value must be a string, a boolean or null, not {value.GetType().Name}.", nameof(value));
        }
    }
}
