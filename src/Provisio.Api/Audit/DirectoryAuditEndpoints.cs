using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Api.OData;
using Provisio.Api.Synchronization;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Audit;

/// <summary>
/// <c>GET /auditLogs/directoryAudits</c> and <c>/auditLogs/directoryAudits/{id}</c>, Graph's <c>directoryAudit</c>: newest
/// first, <c>$top</c> (default 100, at most 1000), an opaque keyset <c>$skiptoken</c> with <c>@odata.nextLink</c> while
/// more follow, and the <c>$filter</c> of <see cref="DirectoryAuditFilter"/>. Behind the admin key, as every endpoint.
/// </summary>
public static class DirectoryAuditEndpoints
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1000;

    public static void MapDirectoryAudits(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var audits = version.MapGroup("/auditLogs/directoryAudits");
        audits.MapGet("/", ListAsync);
        audits.MapGet("/{id}", GetAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ISynchronizationStore store, CancellationToken cancellationToken)
    {
        var parsed = Parse(request.Query);
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var page = await store.QueryAuditsAsync(parsed.Value!, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject { ["@odata.context"] = $"{GraphJson.Metadata(request)}#auditLogs/directoryAudits" };
        if (page.Next is { } next)
        {
            body["@odata.nextLink"] = DirectoryListing.NextLink(request, DirectoryAuditSkipToken.Encode(next));
        }

        body["value"] = new JsonArray([.. page.Audits.Select(audit => (JsonNode)SynchronizationHttp.ToNode(audit))]);
        return SynchronizationHttp.Json(body);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, ISynchronizationStore store, CancellationToken cancellationToken) =>
        await store.GetAuditAsync(id, cancellationToken).ConfigureAwait(false) is { } audit
            ? SynchronizationHttp.Json(SynchronizationHttp.ToNode(audit, $"{GraphJson.Metadata(request)}#auditLogs/directoryAudits/$entity"))
            : GraphJson.NotFound(id);

    /// <summary>The query options, checked before anything is read; option names are case-insensitive, custom options (no <c>$</c>) are ignored.</summary>
    internal static ODataResult<DirectoryAuditQuery> Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? filter = null;
        string? top = null;
        string? skipToken = null;
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith('$'))
            {
                continue;
            }

            if (values.Count > 1)
            {
                return ODataQueryError.Invalid($"The query option '{name}' was given more than once.");
            }

            switch (name.ToUpperInvariant())
            {
                case "$FILTER":
                    filter = values[0];
                    break;
                case "$TOP":
                    top = values[0];
                    break;
                case "$SKIPTOKEN":
                    skipToken = values[0];
                    break;
                case "$ORDERBY":
                    // The one order audits are read in.
                    if (!string.Equals(string.Join(' ', (values[0] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)), "activityDateTime desc", StringComparison.OrdinalIgnoreCase))
                    {
                        return ODataQueryError.Unsupported($"$orderby '{values[0]}' is not supported for directory audits: they are listed by activityDateTime desc.");
                    }

                    break;
                default:
                    return ODataQueryError.Unsupported($"The query option '{name}' is not supported for directory audits; use $filter, $top and $skiptoken.");
            }
        }

        var parsed = DirectoryAuditFilter.Parse(filter);
        if (!parsed.Succeeded)
        {
            return parsed;
        }

        var result = parsed.Value! with { Top = DefaultTop };
        if (top is not null)
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > MaxTop)
            {
                return ODataQueryError.Invalid($"Invalid value '{top}' for $top: it must be a whole number from 1 to {MaxTop}.");
            }

            result = result with { Top = count };
        }

        if (skipToken is not null)
        {
            var cursor = DirectoryAuditSkipToken.Decode(skipToken);
            if (!cursor.Succeeded)
            {
                return cursor.Error;
            }

            result = result with { After = cursor.Value };
        }

        return ODataResult<DirectoryAuditQuery>.Success(result);
    }
}
