using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisio.Api.OData;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Api.Directory;

/// <summary>
/// The one listing behind <c>GET /users</c>, <c>/groups</c>, <c>/servicePrincipals</c> and
/// <c>/directory/deletedItems/microsoft.graph.{type}</c>: OData options checked first, then one store page,
/// in Graph's shape <c>{"@odata.context", "@odata.count"?, "@odata.nextLink"?, "value"}</c> (graph/paging).
/// </summary>
internal static class DirectoryListing
{
    public static async Task<IResult> ListAsync(HttpRequest request, IDirectoryStore store, DirectoryObjectKind kind, bool deleted,
        CancellationToken cancellationToken)
    {
        var resource = ODataResource.For(kind);
        var parsed = ODataQueryOptions.ParseCollection(request.Query, IsEventual(request), resource);
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var options = parsed.Value!;
        var query = new DirectoryQuery
        {
            Kind = kind,
            Deleted = deleted,
            Filter = options.Filter,
            OrderBy = options.Order.Property,
            Descending = options.Order.Descending,
            After = options.After,
            Top = options.Top,
        };
        var page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject { ["@odata.context"] = $"{GraphJson.Metadata(request)}#{resource.Collection}{options.Selection?.ContextSuffix}" };
        if (options.Count)
        {
            body["@odata.count"] = await store.CountAsync(query, cancellationToken).ConfigureAwait(false);
        }

        if (page.Next is { } next)
        {
            body["@odata.nextLink"] = NextLink(request, SkipToken.Encode(next, options.Order));
        }

        var value = new JsonArray();
        foreach (var item in page.Items)
        {
            var json = GraphJson.ToGraph(request, item, entity: false);
            value.Add(options.Selection?.Apply(json) ?? json);
        }

        body["value"] = value;
        return Results.Json(body);
    }

    /// <summary><c>GET /users/$count</c>: the number as <c>text/plain</c>; needs <c>ConsistencyLevel: eventual</c> as in Graph (user-list example 3).</summary>
    public static async Task<IResult> CountAsync(HttpRequest request, IDirectoryStore store, DirectoryObjectKind kind, CancellationToken cancellationToken)
    {
        if (!IsEventual(request))
        {
            return ODataQueryOptions.MissingConsistencyLevel().ToResult();
        }

        var parsed = ODataQueryOptions.ParseCollection(request.Query, eventual: true, ODataResource.For(kind));
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var count = await store.CountAsync(new DirectoryQuery { Kind = kind, Filter = parsed.Value!.Filter }, cancellationToken).ConfigureAwait(false);
        return Results.Text(count.ToString(CultureInfo.InvariantCulture), "text/plain");
    }

    /// <summary>Graph's advanced queries need <c>ConsistencyLevel: eventual</c> (aad-advanced-queries).</summary>
    public static bool IsEventual(HttpRequest request) =>
        request.Headers["ConsistencyLevel"].Any(value => string.Equals(value?.Trim(), "eventual", StringComparison.OrdinalIgnoreCase));

    /// <summary>The same URL with every option kept and <c>$skiptoken</c> replaced, absolute, as Graph's nextLinks are.</summary>
    internal static string NextLink(HttpRequest request, string token)
    {
        var link = new StringBuilder($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?");
        foreach (var (name, values) in request.Query)
        {
            if (name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                link.Append(Escape(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
            }
        }

        return link.Append("$skiptoken=").Append(token).ToString();
    }

    /// <summary>An option name escaped, keeping its leading <c>$</c> readable (<c>$top</c>, not <c>%24top</c>).</summary>
    private static string Escape(string name) =>
        name.StartsWith('$') ? "$" + Uri.EscapeDataString(name[1..]) : Uri.EscapeDataString(name);
}
