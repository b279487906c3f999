namespace Provisio.Synchronization.Storage;

/// <summary>
/// The WHERE clause of a newest-first keyset listing of activities (provisioning logs, directory audits), the same SQL
/// on SQLite and PostgreSQL: every condition ANDed, then the keyset <c>(activity_date_time, id) &lt; cursor</c>, read in
/// <see cref="OrderBy"/>. Parameters are named without a prefix and written <c>@name</c> in the text; values are text
/// or bigint.
/// </summary>
internal abstract class ActivityFilter
{
    public const string OrderBy = "activity_date_time DESC, id DESC";

    /// <summary>The order of an oldest-first listing; the same indexes serve it, scanned backwards.</summary>
    public const string OrderByAscending = "activity_date_time ASC, id ASC";

    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _parameters = [];

    /// <summary>The conditions, ANDed (<c>1 = 1</c> when there are none).</summary>
    public string Where => _conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", _conditions);

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    /// <summary><c>column = @column</c> when <paramref name="value"/> is given.</summary>
    protected void Equal(string column, string? value)
    {
        if (value is not null)
        {
            Add($"{column} = @{column}", column, value);
        }
    }

    /// <summary><c>column IN (@column_0, ...)</c> when <paramref name="values"/> are given; no value matches nothing.</summary>
    protected void OneOf(string column, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            _conditions.Add(values.Count == 0 ? "1 = 0" : $"{column} IN {List(column, values)}");
        }
    }

    /// <summary>The values as a parenthesized parameter list, <c>(@name_0, @name_1)</c>, each added as a parameter.</summary>
    protected string List(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = new string[values.Count];
        for (var index = 0; index < values.Count; index++)
        {
            names[index] = $"@{name}_{index}";
            _parameters.Add(($"{name}_{index}", values[index]));
        }

        return $"({string.Join(", ", names)})";
    }

    protected void Condition(string condition) => _conditions.Add(condition);

    protected void Add(string condition, string name, object value)
    {
        _conditions.Add(condition);
        _parameters.Add((name, value));
    }

    /// <summary>Strictly after the cursor's entry in <see cref="OrderBy"/> order, or <see cref="OrderByAscending"/>'s when <paramref name="ascending"/>.</summary>
    protected void After(DateTimeOffset activityDateTime, string id, bool ascending = false)
    {
        Add($"(activity_date_time, id) {(ascending ? ">" : "<")} (@after_time, @after_id)", "after_time", ColumnEncoding.Ticks(activityDateTime));
        _parameters.Add(("after_id", id));
    }

    /// <summary>A parameter that no condition names yet (<c>c0</c>, <c>c1</c>, ...), for conditions built from a tree.</summary>
    protected string Parameter(object value)
    {
        var name = $"c{_parameters.Count}";
        _parameters.Add((name, value));
        return "@" + name;
    }
}
