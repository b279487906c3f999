using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Api.OData;
using Provisio.Synchronization;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET /auditLogs/provisioning</c> and <c>/auditLogs/provisioning/{id}</c>, Graph's <c>provisioningObjectSummary</c>
/// (reference entra-engine-and-api §7): newest first (or <c>$orderby=activityDateTime asc</c>), <c>$top</c> (default 50,
/// at most 1000), an opaque keyset <c>$skiptoken</c> with <c>@odata.nextLink</c> while more follow, <c>$count=true</c>
/// for <c>@odata.count</c>, and the <c>$filter</c> of <see cref="ProvisioningLogFilter"/>. The same query exports every
/// match as CSV or JSON lines (<see cref="ProvisioningLogDownload"/>), streamed page by page.
/// </summary>
public static class ProvisioningLogEndpoints
{
    public const int DefaultTop = 50;
    public const int MaxTop = 1000;

    public static void MapProvisioningLogs(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var logs = version.MapGroup("/auditLogs/provisioning");
        logs.MapGet("/", ListAsync);
        logs.MapGet("/{id}", GetAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var format = ProvisioningLogDownload.Format(request);
        if (!format.Succeeded)
        {
            return format.Error.ToResult();
        }

        // Every option is checked before a row is read, so a bad one is a 400 and never a broken stream.
        var parsed = Parse(request.Query, format.Value);
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var listing = parsed.Value!;
        if (listing.Export != ProvisioningLogExportFormat.None)
        {
            return new ProvisioningLogDownload(engine.Store, listing);
        }

        var query = listing.Query;
        var body = new JsonObject { ["@odata.context"] = $"{GraphJson.Metadata(request)}#auditLogs/provisioning" };
        if (listing.Count)
        {
            body["@odata.count"] = await engine.Store.CountLogsAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var page = await engine.Store.QueryLogsAsync(query, cancellationToken).ConfigureAwait(false);
        if (page.Next is { } next)
        {
            body["@odata.nextLink"] = DirectoryListing.NextLink(request, ProvisioningLogSkipToken.Encode(next, query.Ascending));
        }

        body["value"] = new JsonArray([.. page.Entries.Select(entry => (JsonNode)SynchronizationHttp.ToNode(entry))]);
        return SynchronizationHttp.Json(body);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.Store.GetLogAsync(id, cancellationToken).ConfigureAwait(false) is { } entry
            ? SynchronizationHttp.Json(SynchronizationHttp.ToNode(entry, $"{GraphJson.Metadata(request)}#auditLogs/provisioning/$entity"))
            : GraphJson.NotFound(id);

    /// <summary>
    /// The query options, checked before anything is read; option names are case-insensitive, custom options (no
    /// <c>$</c>, such as <c>format</c>) are ignored here. An export takes any <c>$top</c> (the most entries to export)
    /// and no <c>$count</c>.
    /// </summary>
    internal static ODataResult<ProvisioningLogListing> Parse(IQueryCollection query, ProvisioningLogExportFormat export = ProvisioningLogExportFormat.None)
    {
        string? filter = null;
        string? top = null;
        string? skipToken = null;
        var ascending = false;
        var count = false;
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
                case "$COUNT":
                    if (!bool.TryParse(values[0], out count))
                    {
                        return ODataQueryError.Invalid($"Invalid value '{values[0]}' for $count: use true or false.");
                    }

                    if (count && export != ProvisioningLogExportFormat.None)
                    {
                        return ODataQueryError.Unsupported("$count is not supported with an export (format=csv or jsonl); an export streams every matching entry.");
                    }

                    break;
                case "$ORDERBY":
                    // The portal's order (§7.2), and its reverse, which the same keyset reads backwards.
                    switch (string.Join(' ', (values[0] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant())
                    {
                        case "ACTIVITYDATETIME DESC":
                            ascending = false;
                            break;
                        case "ACTIVITYDATETIME ASC" or "ACTIVITYDATETIME":
                            ascending = true;
                            break;
                        default:
                            return ODataQueryError.Unsupported(
                                $"$orderby '{values[0]}' is not supported for provisioning logs: they are listed by activityDateTime desc (the default) or activityDateTime asc.");
                    }

                    break;
                default:
                    return ODataQueryError.Unsupported(
                        $"The query option '{name}' is not supported for provisioning logs; use $filter, $orderby, $top, $count and $skiptoken.");
            }
        }

        var parsed = ProvisioningLogFilter.Parse(filter);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var result = parsed.Value! with { Top = DefaultTop, Ascending = ascending };
        long? limit = null;
        if (top is not null)
        {
            var maximum = export == ProvisioningLogExportFormat.None ? MaxTop : long.MaxValue;
            if (!long.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > maximum)
            {
                return ODataQueryError.Invalid(export == ProvisioningLogExportFormat.None
                    ? $"Invalid value '{top}' for $top: it must be a whole number from 1 to {MaxTop}."
                    : $"Invalid value '{top}' for $top: it must be a whole number from 1 (an export has no upper limit).");
            }

            result = result with { Top = (int)Math.Min(size, MaxTop) };
            limit = size;
        }

        if (skipToken is not null)
        {
            var cursor = ProvisioningLogSkipToken.Decode(skipToken, ascending);
            if (!cursor.Succeeded)
            {
                return cursor.Error;
            }

            result = result with { After = cursor.Value };
        }

        return ODataResult<ProvisioningLogListing>.Success(new ProvisioningLogListing(result, count, export, export == ProvisioningLogExportFormat.None ? null : limit));
    }
}
