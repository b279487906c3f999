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
/// (reference entra-engine-and-api §7): newest first, <c>$top</c> (default 50, at most 1000), an opaque keyset
/// <c>$skiptoken</c> with <c>@odata.nextLink</c> while more follow, and the <c>$filter</c> of <see cref="ProvisioningLogFilter"/>.
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
        var parsed = Parse(request.Query);
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var page = await engine.Store.QueryLogsAsync(parsed.Value!, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject { ["@odata.context"] = $"{GraphJson.Metadata(request)}#auditLogs/provisioning" };
        if (page.Next is { } next)
        {
            body["@odata.nextLink"] = DirectoryListing.NextLink(request, ProvisioningLogSkipToken.Encode(next));
        }

        body["value"] = new JsonArray([.. page.Entries.Select(entry => (JsonNode)SynchronizationHttp.ToNode(entry))]);
        return SynchronizationHttp.Json(body);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.Store.GetLogAsync(id, cancellationToken).ConfigureAwait(false) is { } entry
            ? SynchronizationHttp.Json(SynchronizationHttp.ToNode(entry, $"{GraphJson.Metadata(request)}#auditLogs/provisioning/$entity"))
            : GraphJson.NotFound(id);

    /// <summary>The query options, checked before anything is read; option names are case-insensitive, custom options (no <c>$</c>) are ignored.</summary>
    internal static ODataResult<ProvisioningLogQuery> Parse(IQueryCollection query)
    {
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
                    // The one order the logs are read in (the portal's query asks for it, §7.2).
                    if (!string.Equals(string.Join(' ', (values[0] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)), "activityDateTime desc", StringComparison.OrdinalIgnoreCase))
                    {
                        return ODataQueryError.Unsupported($"$orderby '{values[0]}' is not supported for provisioning logs: they are listed by activityDateTime desc.");
                    }

                    break;
                default:
                    return ODataQueryError.Unsupported($"The query option '{name}' is not supported for provisioning logs; use $filter, $top and $skiptoken.");
            }
        }

        var parsed = ProvisioningLogFilter.Parse(filter);
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
            var cursor = ProvisioningLogSkipToken.Decode(skipToken);
            if (!cursor.Succeeded)
            {
                return cursor.Error;
            }

            result = result with { After = cursor.Value };
        }

        return ODataResult<ProvisioningLogQuery>.Success(result);
    }
}
