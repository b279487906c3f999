using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Provisio.Scim.Server.Discovery;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Endpoints;

/// <summary>
/// RFC 7644 §4 discovery: <c>/ServiceProviderConfig</c> (one resource), <c>/ResourceTypes</c> and <c>/Schemas</c>
/// (ListResponses, and each entry by id). The configuration says what this server does: PATCH, filter with
/// maxResults, ETags; no bulk, sort or password change; OAuth bearer tokens.
/// </summary>
internal static class DiscoveryEndpoints
{
    public static void Map(IEndpointRouteBuilder scim, string prefix)
    {
        scim.MapGet("/ServiceProviderConfig", (HttpContext http, [FromServices] ScimServerState state) =>
            ScimResponse.Json(StatusCodes.Status200OK, ServiceProviderConfig(BaseUrl(http, prefix), state.Options.MaxResults)));
        scim.MapGet("/ResourceTypes", (HttpContext http) => ListResponse(ResourceTypes(BaseUrl(http, prefix))));
        scim.MapGet("/ResourceTypes/{id}", (string id, HttpContext http) => One(ResourceTypes(BaseUrl(http, prefix)), id));
        scim.MapGet("/Schemas", (HttpContext http) => ListResponse(SchemaDocuments.All(BaseUrl(http, prefix))));
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) => One(SchemaDocuments.All(BaseUrl(http, prefix)), id));
    }

    private static JsonObject ServiceProviderConfig(string baseUrl, int maxResults) => new(ScimJson.NodeOptions)
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["documentationUri"] = "https://www.rfc-editor.org/rfc/rfc7644",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = maxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "Authentication scheme using the OAuth Bearer Token Standard",
            ["specUri"] = "https://www.rfc-editor.org/info/rfc6750",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    private static IReadOnlyList<JsonObject> ResourceTypes(string baseUrl) =>
    [
        new JsonObject(ScimJson.NodeOptions)
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = "User",
            ["name"] = "User",
            ["endpoint"] = "/Users",
            ["description"] = "User Account",
            ["schema"] = ScimSchemas.User,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
        },
        new JsonObject(ScimJson.NodeOptions)
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = "Group",
            ["name"] = "Group",
            ["endpoint"] = "/Groups",
            ["description"] = "Group",
            ["schema"] = ScimSchemas.Group,
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/Group" },
        },
    ];

    private static ScimResponse ListResponse(IReadOnlyList<JsonObject> resources) => ScimResponse.Json(StatusCodes.Status200OK,
        new JsonObject(ScimJson.NodeOptions)
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = resources.Count,
            ["Resources"] = new JsonArray([.. resources]),
            ["startIndex"] = 1,
            ["itemsPerPage"] = resources.Count,
        });

    private static ScimResponse One(IReadOnlyList<JsonObject> resources, string id) =>
        resources.FirstOrDefault(resource => string.Equals(ScimJson.Text(resource["id"]), id, StringComparison.OrdinalIgnoreCase)) is { } found
            ? ScimResponse.Json(StatusCodes.Status200OK, found)
            : ScimResponse.Error(StatusCodes.Status404NotFound, $"Resource {id} not found");

    private static string BaseUrl(HttpContext http, string prefix) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{prefix}";
}
