using Microsoft.Data.Sqlite;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage.Sqlite;

/// <summary>
/// Filters in SQLite: properties read with <c>json_type</c>/<c>json_extract</c>, folded by the connection's
/// <c>pv_fold</c> function (<see cref="FilterValues.Fold"/>, registered by <see cref="RegisterFunctions"/>), so case is
/// ignored beyond ASCII as well; <c>userPrincipalName</c> uses the indexed <c>NOCASE</c> column when the value is ASCII.
/// </summary>
internal sealed class SqliteFilterTranslator : FilterTranslator
{
    public const string FoldFunction = "pv_fold";

    public List<(string Name, object? Value)> Parameters { get; } = [];

    /// <summary>Adds the functions the translated SQL calls to an open connection.</summary>
    public static void RegisterFunctions(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<object?, string?>(FoldFunction, value => value is string text ? FilterValues.Fold(text) : null, isDeterministic: true);
    }

    /// <summary>
    /// The folded sort key of a property: missing and non-string values sort as the empty string. displayName's is the
    /// indexed <c>sort_name</c> column (DirectoryRules.SortName), so such listings page by index.
    /// </summary>
    public string SortKey(string property) => property.Equals("displayName", StringComparison.OrdinalIgnoreCase) ? "sort_name" : $"COALESCE({FoldedText(property)}, '')";

    protected override string AddParameter(string name, object value)
    {
        Parameters.Add(("$" + name, value is Guid id ? id.ToString("D") : value));
        return "$" + name;
    }

    protected override string FoldedText(string property)
    {
        var path = Path(property);
        return $"{FoldFunction}(CASE WHEN json_type(properties, {path}) = 'text' THEN json_extract(properties, {path}) END)";
    }

    protected override string IsBoolean(string property, bool value) =>
        $"COALESCE(json_type(properties, {Path(property)}) = '{(value ? "true" : "false")}', 0)";

    protected override string IsNull(string property) => $"COALESCE(json_type(properties, {Path(property)}), 'null') NOT IN ('text', 'true', 'false')";

    protected override string StartsWith(string folded, string prefixParameter) => $"substr({folded}, 1, length({prefixParameter})) = {prefixParameter}";

    protected override string IdText => "id";

    protected override string InStrings(string property, string[] values)
    {
        var folded = values.Select(FilterValues.Fold).ToArray();
        var set = $"(SELECT value FROM json_each({Parameter(System.Text.Json.JsonSerializer.Serialize(folded))}))";
        return IsId(property) ? $"id IN {set}"
            : IsIndexedPrincipalName(property, folded) ? $"principal_name IN {set}"
            : $"COALESCE({FoldedText(property)} IN {set}, 0)";
    }

    // The column is COLLATE NOCASE, which folds ASCII only: exact for the names Entra accepts, which are ASCII.
    protected override string? PrincipalNameCondition(FilterOperator comparison, string folded)
    {
        if (!System.Text.Ascii.IsValid(folded))
        {
            return null;
        }

        return comparison == FilterOperator.StartsWith
            ? $"principal_name LIKE {Parameter(EscapeLike(folded) + "%")} ESCAPE '\\'"
            : $"principal_name = {Parameter(folded)}";
    }

    /// <summary>A JSON path parameter for a property (<c>a/b</c> → <c>$."a"."b"</c>).</summary>
    private string Path(string property)
    {
        var segments = property.Split('/');
        if (segments.Any(segment => segment.Length == 0 || segment.Contains('"', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{property}' is not a property path.", nameof(property));
        }

        return Parameter("$" + string.Concat(segments.Select(segment => $".\"{segment}\"")));
    }
}
