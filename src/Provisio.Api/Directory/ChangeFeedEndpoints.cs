using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Directory;

namespace Provisio.Api.Directory;

/// <summary>
/// <c>GET /v1.0/provisio/changes?after=N&amp;top=M</c>: the directory's change feed, each changed object once in its latest
/// state, in commit order, with the watermark to ask from next. Provisio's own endpoint (Graph's nearest is delta
/// query); the engine reads the same feed in process.
/// </summary>
public static class ChangeFeedEndpoints
{
    public const int MaximumTop = 1000;

    public static void MapChangeFeed(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/provisio/changes", ReadAsync);
    }

    private static async Task<IResult> ReadAsync(HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var after = 0L;
        var top = 100;
        if (request.Query["after"] is { Count: > 0 } afterText && (!long.TryParse(afterText, out after) || after < 0))
        {
            return GraphError.BadRequest("'after' must be a watermark: a whole number, 0 or more.");
        }

        if (request.Query["top"] is { Count: > 0 } topText && (!int.TryParse(topText, out top) || top is < 1 or > MaximumTop))
        {
            return GraphError.BadRequest($"'top' must be between 1 and {MaximumTop}.");
        }

        var value = new JsonArray();
        var watermark = after;
        await foreach (var change in store.ReadChangesAsync(after, top, cancellationToken).ConfigureAwait(false))
        {
            watermark = change.Sequence;
            value.Add(new JsonObject
            {
                ["sequence"] = change.Sequence,
                ["id"] = change.Id.ToString(),
                ["kind"] = GraphJson.ODataType(change.Kind),
                ["changeType"] = change.IsPurged ? "purged" : change.Object!.IsSoftDeleted ? "softDeleted" : "upserted",
                ["object"] = change.Object is null ? null : GraphJson.ToGraph(request, change.Object, entity: false),
            });
        }

        return Results.Json(new JsonObject
        {
            ["value"] = value,
            ["watermark"] = watermark,
            ["@odata.nextLink"] = value.Count == top ? $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?after={watermark}&top={top}" : null,
        });
    }
}
