using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Endpoints;

/// <summary>
/// <c>GET /_faults</c> and <c>PUT /_faults</c> <c>{"profiles":[...], "seed"?: N}</c> (INTERFACES.md): read and
/// replace the fault profiles at runtime; <c>{"profiles":[]}</c> heals. Token-protected; faults never apply here.
/// An unknown or malformed profile is 400 and changes nothing.
/// </summary>
internal static class FaultEndpoints
{
    public static void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/_faults", ([FromServices] ScimServerState state) => ScimResponse.Json(StatusCodes.Status200OK, Describe(state.Faults)));
        admin.MapPut("/_faults", ReplaceAsync);
    }

    private static async Task<ScimResponse> ReplaceAsync(HttpContext http, [FromServices] ScimServerState state, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimRequestBody.ReadObjectAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (ScimFaults.ReadProfiles(body) is not { } profiles)
        {
            return ScimResponse.Error(StatusCodes.Status400BadRequest,
                "The body must be {\"profiles\":[...]} with one string per profile, as in {\"profiles\":[\"throttle:10\"]}.", "invalidSyntax");
        }

        int? seed = null;
        if (body["seed"] is { } seedNode)
        {
            if (seedNode is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<int>(out var parsed))
            {
                return ScimResponse.Error(StatusCodes.Status400BadRequest, "\"seed\" must be a whole number.", "invalidValue");
            }

            seed = parsed;
        }

        if (state.Faults.TryReplace(profiles, seed) is { } rejected)
        {
            state.Logger.FaultsRejected(rejected);
            return ScimResponse.Error(StatusCodes.Status400BadRequest, $"Nothing changed: {rejected}", "invalidValue");
        }

        state.Logger.FaultsReplaced(string.Join(", ", state.Faults.Profiles), state.Faults.Seed);
        return ScimResponse.Json(StatusCodes.Status200OK, Describe(state.Faults));
    }

    private static JsonObject Describe(ScimFaults faults) => new()
    {
        ["profiles"] = new JsonArray([.. faults.Profiles.Select(profile => (JsonNode)profile)]),
        ["seed"] = faults.Seed,
        ["known"] = new JsonArray([.. ScimFaults.KnownProfiles.Select(profile => (JsonNode)profile)]),
    };
}
