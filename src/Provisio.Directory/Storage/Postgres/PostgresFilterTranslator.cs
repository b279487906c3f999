using Npgsql;
using NpgsqlTypes;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage.Postgres;

/// <summary>
/// Filters in PostgreSQL: properties read from <c>jsonb</c> by path (<c>#&gt;</c>, <c>#&gt;&gt;</c>) and folded with
/// <c>lower()</c> under the ICU root collation when the server has it (so case is ignored beyond ASCII whatever the
/// database's locale), compared and sorted in code point order (<c>COLLATE "C"</c>), as SQLite does;
/// <c>userPrincipalName</c> uses the <c>lower(principal_name)</c> index when the value is ASCII.
/// </summary>
internal sealed class PostgresFilterTranslator(bool icu) : FilterTranslator
{
    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>
    /// The folded sort key of a property: missing and non-string values sort as the empty string. displayName's is the
    /// indexed <c>sort_name</c> column (DirectoryRules.SortName, in code point order), so such listings page by index.
    /// </summary>
    public string SortKey(string property) =>
        property.Equals("displayName", StringComparison.OrdinalIgnoreCase) ? "sort_name" : $"(COALESCE({FoldedText(property)}, '') COLLATE \"C\")";

    protected override string AddParameter(string name, object value)
    {
        Parameters.Add(value switch
        {
            string[] texts => new NpgsqlParameter<string[]>(name, texts) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            Guid[] ids => new NpgsqlParameter<Guid[]>(name, ids) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            Guid id => new NpgsqlParameter<Guid>(name, id),
            _ => new NpgsqlParameter<string>(name, (string)value) { NpgsqlDbType = NpgsqlDbType.Text },
        });
        return "@" + name;
    }

    protected override string SortValue(string parameter) => $"({parameter} COLLATE \"C\")";

    protected override string FoldedText(string property)
    {
        var path = Path(property);
        return $"(CASE WHEN jsonb_typeof(properties #> {path}) = 'string' THEN {Fold($"properties #>> {path}")} END)";
    }

    protected override string IsBoolean(string property, bool value) => $"COALESCE(properties #> {Path(property)} = '{(value ? "true" : "false")}'::jsonb, false)";

    protected override string IsNull(string property) => $"COALESCE(jsonb_typeof(properties #> {Path(property)}), 'null') NOT IN ('string', 'boolean')";

    protected override string StartsWith(string folded, string prefixParameter) => $"starts_with({folded}, {prefixParameter})";

    protected override string IdText => "(id::text COLLATE \"C\")";

    // The uuid primary key, not id::text (which no index serves); a value that is no GUID matches nothing.
    protected override string? IdEquals(string folded) => Guid.TryParse(folded, out var id) ? $"id = {Parameter(id)}" : "1 = 0";

    protected override string InStrings(string property, string[] values) =>
        IsId(property) ? $"id = ANY({Parameter(values.Select(value => Guid.TryParse(value, out var id) ? id : (Guid?)null).OfType<Guid>().ToArray())})"
        : IsIndexedPrincipalName(property, values) ? $"lower(principal_name) = ANY({Parameter(values.Select(FilterValues.Fold).ToArray())})"
        : $"COALESCE({FoldedText(property)} = ANY(SELECT {Fold("value")} FROM unnest({Parameter(values)}) AS value), false)";

    // Values fold in SQL as the stored text does (ICU's lowercasing is context-sensitive, unlike .NET's per character).
    protected override string TextParameter(string text) => Fold(Parameter(text));

    private string Fold(string text) => icu ? $"(lower(({text}) COLLATE \"und-x-icu\") COLLATE \"C\")" : $"(lower({text}) COLLATE \"C\")";

    // lower() of ASCII is the same in every collation, so the unique index on lower(principal_name) serves these.
    protected override string? PrincipalNameCondition(FilterOperator comparison, string folded)
    {
        if (!System.Text.Ascii.IsValid(folded))
        {
            return null;
        }

        return comparison == FilterOperator.StartsWith
            ? $"lower(principal_name) LIKE {Parameter(EscapeLike(folded) + "%")} ESCAPE '\\'"
            : $"lower(principal_name) = {Parameter(folded)}";
    }

    private string Path(string property)
    {
        var segments = property.Split('/');
        if (segments.Any(segment => segment.Length == 0))
        {
            throw new ArgumentException($"'{property}' is not a property path.", nameof(property));
        }

        return Parameter(segments);
    }
}
