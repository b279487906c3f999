using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Endpoints;

/// <summary>
/// <c>GET /_requests</c>: the SCIM requests answered so far, oldest first,
/// <c>{"requests":[{"sequence","timestamp","method","path","status","body"?}]}</c>; <c>DELETE /_requests</c> clears
/// it. Token-protected; these calls are neither logged nor faulted.
/// </summary>
internal static class RequestLogEndpoints
{
    public static void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/_requests", ([FromServices] ScimServerState state) =>
        {
            var requests = new JsonArray();
            foreach (var record in state.Requests.Snapshot())
            {
                var entry = new JsonObject
                {
                    ["sequence"] = record.Sequence,
                    ["timestamp"] = record.Timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["method"] = record.Method,
                    ["path"] = record.Path,
                    ["status"] = record.Status,
                };
                if (record.Body is not null)
                {
                    entry["body"] = record.Body;
                }

                requests.Add(entry);
            }

            return ScimResponse.Json(StatusCodes.Status200OK, new JsonObject { ["requests"] = requests });
        });
        admin.MapDelete("/_requests", ([FromServices] ScimServerState state) =>
        {
            state.Requests.Clear();
            return ScimResponse.Empty(StatusCodes.Status204NoContent);
        });
    }
}
