using System.Globalization;
using Microsoft.Extensions.Primitives;
using Provisio.Directory.Query;

namespace Provisio.Api.OData;

/// <summary>
/// A directory listing's OData query options (<c>$filter</c>, <c>$select</c>, <c>$orderby</c>, <c>$top</c>,
/// <c>$count</c>, <c>$skiptoken</c>), parsed and checked against the resource before anything is read. Option names
/// are case-insensitive; a <c>$</c> option Provisio does not know is refused as Graph's directory refuses it, and
/// options without <c>$</c> are custom options and ignored (OData URL conventions §5.2).
/// </summary>
internal sealed record ODataQueryOptions
{
    /// <summary>Graph: "the GET /users endpoint returns a default of 100 results in a single page" (graph/paging).</summary>
    public const int DefaultTop = 100;

    private static readonly string[] CollectionOptions = ["$filter", "$select", "$orderby", "$top", "$count", "$skiptoken"];

    private static readonly string[] UnsupportedOptions = ["$search", "$expand", "$format", "$apply", "$compute", "$levels", "$deltatoken", "$index", "$schemaversion"];

    public DirectoryFilter? Filter { get; init; }

    public ODataSelection? Selection { get; init; }

    public ODataOrder Order { get; init; } = ODataOrder.ById;

    public int Top { get; init; } = DefaultTop;

    /// <summary><c>$count=true</c>: the response carries <c>@odata.count</c>.</summary>
    public bool Count { get; init; }

    /// <summary>From <c>$skiptoken</c>: the page starts after this position.</summary>
    public DirectoryCursor? After { get; init; }

    /// <summary>
    /// Parses a collection's query options. <paramref name="eventual"/> says the request sent
    /// <c>ConsistencyLevel: eventual</c>, which Graph requires for <c>$count</c> on directory objects (aad-advanced-queries).
    /// </summary>
    public static ODataResult<ODataQueryOptions> ParseCollection(IEnumerable<KeyValuePair<string, StringValues>> query, bool eventual, ODataResource resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resource);
        var options = Collect(query, CollectionOptions);
        if (!options.Succeeded)
        {
            return options.Error;
        }

        var values = options.Value!;
        var result = new ODataQueryOptions();
        if (values.TryGetValue("$orderby", out var orderBy))
        {
            var order = ODataOrder.Parse(orderBy, resource);
            if (!order.Succeeded)
            {
                return order.Error;
            }

            result = result with { Order = order.Value! };
        }

        if (values.TryGetValue("$filter", out var filterText))
        {
            var filter = FilterParser.Parse(filterText, resource);
            if (!filter.Succeeded)
            {
                return filter.Error;
            }

            result = result with { Filter = filter.Value };
        }

        if (values.TryGetValue("$select", out var selectText))
        {
            var selection = ODataSelection.Parse(selectText, resource);
            if (!selection.Succeeded)
            {
                return selection.Error;
            }

            result = result with { Selection = selection.Value };
        }

        if (values.TryGetValue("$top", out var topText))
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && !long.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Invalid value '{topText}' for $top query option found. The $top query option requires a non-negative integer value.");
            }

            // Graph's answer, word for word: Request_UnsupportedQuery "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."
            if (top is < 1 or > DirectoryQuery.MaximumTop)
            {
                return ODataQueryError.Unsupported($"Invalid page size specified: '{topText}'. Must be between 1 and {DirectoryQuery.MaximumTop} inclusive.");
            }

            result = result with { Top = top };
        }

        if (values.TryGetValue("$count", out var countText))
        {
            var count = ParseBoolean(countText);
            if (count is null)
            {
                return new ODataQueryError(ODataQueryError.BadRequest, $"Invalid value '{countText}' for $count query option found: use true or false.");
            }

            if (count == true && !eventual)
            {
                return MissingConsistencyLevel();
            }

            result = result with { Count = count.Value };
        }

        if (values.TryGetValue("$skiptoken", out var token))
        {
            var cursor = SkipToken.Decode(token, result.Order);
            if (!cursor.Succeeded)
            {
                return cursor.Error;
            }

            result = result with { After = cursor.Value };
        }

        return ODataResult<ODataQueryOptions>.Success(result);
    }

    /// <summary>Parses a single entity's query options: only <c>$select</c> applies (Graph refuses collection options there).</summary>
    public static ODataResult<ODataSelection?> ParseEntity(IEnumerable<KeyValuePair<string, StringValues>> query, ODataResource resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resource);
        var options = Collect(query, CollectionOptions);
        if (!options.Succeeded)
        {
            return options.Error;
        }

        if (options.Value!.Keys.FirstOrDefault(name => name != "$select") is { } collectionOnly)
        {
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"The query specified in the URI is not valid. The requested resource is not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only on collections ('{collectionOnly}' was given).");
        }

        return options.Value.TryGetValue("$select", out var select)
            ? ODataSelection.Parse(select, resource)
            : ODataResult<ODataSelection?>.Success(null);
    }

    /// <summary>Graph's answer to <c>$count</c> without <c>ConsistencyLevel: eventual</c>, with the fix.</summary>
    public static ODataQueryError MissingConsistencyLevel() => ODataQueryError.Invalid(
        "$count is not currently supported. Counting directory objects is an advanced query: send the header 'ConsistencyLevel: eventual' with it.");

    /// <summary>The <c>$</c> options by lower-case name; unknown, unsupported and repeated ones are refused.</summary>
    private static ODataResult<Dictionary<string, string>> Collect(IEnumerable<KeyValuePair<string, StringValues>> query, string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValues) in query)
        {
            if (!rawName.StartsWith('$'))
            {
                continue;
            }

            var name = rawName.ToLowerInvariant();
            if (name == "$skip")
            {
                // Graph's users: "$skip isn't supported" (user-list); paging is by @odata.nextLink.
                return ODataQueryError.Invalid("'$skip' is not supported by the service. Page with $top and follow @odata.nextLink.");
            }

            if (UnsupportedOptions.Contains(name))
            {
                return ODataQueryError.Unsupported($"The query option '{rawName}' is not supported by Provisio's directory; use $filter, $select, $orderby, $top, $count or $skiptoken.");
            }

            if (!known.Contains(name))
            {
                // Graph's directory words it so: "Unrecognized query argument specified: 'select'."
                return ODataQueryError.Invalid($"Unrecognized query argument specified: '{rawName}'.");
            }

            if (rawValues.Count != 1 || values.ContainsKey(name))
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Query option '{name}' was specified more than once, but it must be specified at most once.");
            }

            values[name] = rawValues[0] ?? "";
        }

        return ODataResult<Dictionary<string, string>>.Success(values);
    }

    private static bool? ParseBoolean(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : null;
}
