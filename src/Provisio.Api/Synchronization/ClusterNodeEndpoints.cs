using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Synchronization.Cluster;
using Provisio.Synchronization.Schema;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET /v1.0/provisio/nodes</c>: the nodes of the service (one, or each node of a cluster) with their last check-in,
/// whether the others count them alive, and the jobs whose cycles run on each now. Provisio's own, not Graph's.
/// </summary>
public static class ClusterNodeEndpoints
{
    public const string Path = "/provisio/nodes";

    public static RouteGroupBuilder MapClusterNodes(this RouteGroupBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet(Path, ListAsync);
        return version;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IClusterMembership membership, CancellationToken cancellationToken)
    {
        var nodes = await membership.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        var value = new JsonArray();
        foreach (var node in nodes)
        {
            value.Add(new JsonObject
            {
                ["id"] = node.Id,
                ["state"] = node.Alive ? "alive" : "lost",
                ["isSelf"] = node.Self,
                ["lastCheckInDateTime"] = node.LastCheckIn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["checkInInterval"] = Iso8601Duration.Format(node.CheckInInterval),
                ["runningJobs"] = new JsonArray([.. node.RunningJobs.Select(job => (JsonNode?)JsonValue.Create(job))]),
            });
        }

        return SynchronizationHttp.Json(new JsonObject
        {
            ["@odata.context"] = $"{GraphJson.Metadata(request)}#provisio/nodes",
            ["clustered"] = membership.Clustered,
            ["value"] = value,
        });
    }
}
