using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Provisio.Scim.Filters;
using Provisio.Scim.Patch;
using Provisio.Scim.Server.Http;
using Provisio.Scim.Server.Resources;
using Provisio.Scim.Server.Storage;

namespace Provisio.Scim.Server.Endpoints;

/// <summary>
/// <c>/Users</c> and <c>/Groups</c> (RFC 7644 §3.3-§3.6) as Entra calls them (reference B.2, B.9): POST 201 with
/// <c>Location</c>; GET by id or 404; list with <c>filter</c>, paging and attribute selection, always a ListResponse;
/// PUT; PATCH answering users with 200 and the resource, groups with 204; DELETE 204. Every resource answer carries
/// <c>ETag</c> and honours <c>If-Match</c> (RFC 7644 §3.14).
/// </summary>
internal static class ResourceEndpoints
{
    public static void Map(IEndpointRouteBuilder scim, string prefix, ScimResourceKind kind)
    {
        var resources = scim.MapGroup("/" + kind.Endpoint);
        resources.MapPost("", (HttpContext http, [FromServices] ScimServerState state, CancellationToken cancellationToken) =>
            CreateAsync(http, state, prefix, kind, cancellationToken));
        resources.MapGet("", (HttpContext http, [FromServices] ScimServerState state) => List(http, state, prefix, kind));
        resources.MapGet("/{id}", (string id, HttpContext http, [FromServices] ScimServerState state) => Get(id, http, state, prefix, kind));
        resources.MapPut("/{id}", (string id, HttpContext http, [FromServices] ScimServerState state, CancellationToken cancellationToken) =>
            ReplaceAsync(id, http, state, prefix, kind, cancellationToken));
        resources.MapPatch("/{id}", (string id, HttpContext http, [FromServices] ScimServerState state, CancellationToken cancellationToken) =>
            PatchAsync(id, http, state, prefix, kind, cancellationToken));
        resources.MapDelete("/{id}", (string id, HttpContext http, [FromServices] ScimServerState state) => Delete(id, http, state, kind));
    }

    private static async Task<ScimResponse> CreateAsync(HttpContext http, ScimServerState state, string prefix, ScimResourceKind kind,
        CancellationToken cancellationToken)
    {
        var (body, error) = await ScimRequestBody.ReadObjectAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Rejected(http, state, error!);
        }

        ResourceNormalizer.Normalize(body, kind, incoming: true);
        if (MissingRequiredAttribute(http, kind, body) is { } missing)
        {
            return Rejected(http, state, missing);
        }

        var result = state.Store.For(kind).Create(body);
        if (!result.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(result.Error));
        }

        var id = ScimJson.Text(result.Resource["id"])!;
        state.Logger.Created(kind.Name, id, result.Version);
        return Resource(http, prefix, kind, StatusCodes.Status201Created, result) with { Location = LocationOf(http, prefix, kind, id) };
    }

    private static ScimResponse Get(string id, HttpContext http, ScimServerState state, string prefix, ScimResourceKind kind)
    {
        var result = state.Store.For(kind).Get(id);
        if (!result.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(result.Error));
        }

        // REF (reference B.13): GET /Users/{id}?filter=... answers the resource only when it matches.
        if (http.Request.Query["filter"].ToString() is { Length: > 0 } filterText)
        {
            var parsed = FilterExpression.Parse(filterText);
            if (!parsed.Succeeded)
            {
                return Rejected(http, state, ScimResponse.Error(400, parsed.Error.Message, parsed.Error.ScimType));
            }

            if (!parsed.Filter.Matches(result.Resource))
            {
                return Rejected(http, state, ScimResponse.Error(404, $"Resource {id} not found"));
            }
        }

        // RFC 7644 §3.14: a matching If-None-Match is 304.
        if (http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch && ETags.Matches(ifNoneMatch, result.Version))
        {
            return new ScimResponse(StatusCodes.Status304NotModified, null) { ETag = ETags.Of(result.Version) };
        }

        return Resource(http, prefix, kind, StatusCodes.Status200OK, result);
    }

    private static ScimResponse List(HttpContext http, ScimServerState state, string prefix, ScimResourceKind kind)
    {
        var faults = FaultInjection.Of(http);
        var query = http.Request.Query;
        if (!TryReadPaging(query, state.Options.MaxResults, out var startIndex, out var count, out var pagingError))
        {
            return Rejected(http, state, pagingError);
        }

        FilterExpression? filter = null;
        if (query["filter"].ToString() is { Length: > 0 } filterText && !faults.IgnoreFilter)
        {
            var parsed = FilterExpression.Parse(filterText);
            if (!parsed.Succeeded)
            {
                // RFC 7644 §3.4.2.2: an unparsable filter is 400 invalidFilter; the detail says where and why.
                return Rejected(http, state, ScimResponse.Error(400, parsed.Error.Message, parsed.Error.ScimType));
            }

            filter = parsed.Filter;
        }

        var page = state.Store.For(kind).Query(filter, startIndex, count);
        if (page.TotalResults == 0 && faults.NotFoundForEmptyQuery)
        {
            return Rejected(http, state, ScimResponse.Error(404, "No resource matches the query (fault profile not-found-for-empty-query)."));
        }

        var projection = Projection(http);
        if (kind.IsGroup && faults.MembersInGroupQuery)
        {
            projection = projection.Including("members");
        }

        var resources = new JsonArray();
        foreach (var resource in page.Resources)
        {
            resources.Add(projection.Apply(WithLocation(resource, http, prefix, kind), kind));
        }

        return ScimResponse.Json(StatusCodes.Status200OK, new JsonObject(ScimJson.NodeOptions)
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = page.TotalResults,
            ["Resources"] = resources,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = resources.Count,
        });
    }

    private static async Task<ScimResponse> ReplaceAsync(string id, HttpContext http, ScimServerState state, string prefix,
        ScimResourceKind kind, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimRequestBody.ReadObjectAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Rejected(http, state, error!);
        }

        ResourceNormalizer.Normalize(body, kind, incoming: true);
        if (MissingRequiredAttribute(http, kind, body) is { } missing)
        {
            return Rejected(http, state, missing);
        }

        var result = state.Store.For(kind).Replace(id, body, http.Request.Headers.IfMatch.ToString());
        if (!result.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(result.Error));
        }

        state.Logger.Updated(kind.Name, id, http.Request.Method, result.Version);
        return Resource(http, prefix, kind, StatusCodes.Status200OK, result);
    }

    private static async Task<ScimResponse> PatchAsync(string id, HttpContext http, ScimServerState state, string prefix,
        ScimResourceKind kind, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimRequestBody.ReadObjectAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Rejected(http, state, error!);
        }

        var request = PatchRequest.Read(body);
        if (!request.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(400, request.Error.Message, request.Error.ScimType));
        }

        var result = state.Store.For(kind).Patch(id, http.Request.Headers.IfMatch.ToString(), resource =>
        {
            if (PatchApplier.Apply(resource, request.Operations) is { } failure)
            {
                return new ScimErrorBody(StatusCodes.Status400BadRequest, failure.ScimType, failure.Message);
            }

            ResourceNormalizer.Normalize(resource, kind, incoming: false);
            return null;
        });
        if (!result.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(result.Error));
        }

        state.Logger.Updated(kind.Name, id, http.Request.Method, result.Version);

        // Reference B.5, B.6.6: groups answer 204 (never the member list), users 200 with the resource.
        return kind.IsGroup
            ? new ScimResponse(StatusCodes.Status204NoContent, null) { ETag = ETags.Of(result.Version) }
            : Resource(http, prefix, kind, StatusCodes.Status200OK, result);
    }

    private static ScimResponse Delete(string id, HttpContext http, ScimServerState state, ScimResourceKind kind)
    {
        var result = state.Store.For(kind).Delete(id, http.Request.Headers.IfMatch.ToString());
        if (!result.Succeeded)
        {
            return Rejected(http, state, ScimResponse.Error(result.Error));
        }

        state.Logger.Deleted(kind.Name, id);
        if (!kind.IsGroup)
        {
            state.Store.RemoveMemberships(id);
        }

        return ScimResponse.Empty(StatusCodes.Status204NoContent);
    }

    /// <summary>The <c>require-attribute:NAME</c> fault: a user without NAME is 400, as targets with extra required attributes answer.</summary>
    private static ScimResponse? MissingRequiredAttribute(HttpContext http, ScimResourceKind kind, JsonObject body) =>
        !kind.IsGroup && FaultInjection.Of(http).MissingAttribute(body) is { } name
            ? ScimResponse.Error(StatusCodes.Status400BadRequest, $"Required attribute {name} is missing", "invalidValue")
            : null;

    private static ScimResponse Resource(HttpContext http, string prefix, ScimResourceKind kind, int status, StoreResult result)
    {
        var resource = Projection(http).Apply(WithLocation(result.Resource!, http, prefix, kind), kind);
        return new ScimResponse(status, resource) { ETag = ETags.Of(result.Version) };
    }

    private static AttributeProjection Projection(HttpContext http) =>
        AttributeProjection.From(http.Request.Query["attributes"].ToString(), http.Request.Query["excludedAttributes"].ToString());

    private static JsonObject WithLocation(JsonObject resource, HttpContext http, string prefix, ScimResourceKind kind)
    {
        if (resource["meta"] is JsonObject meta && ScimJson.Text(resource["id"]) is { } id)
        {
            meta["location"] = LocationOf(http, prefix, kind, id);
        }

        return resource;
    }

    private static string LocationOf(HttpContext http, string prefix, ScimResourceKind kind, string id)
    {
        var request = http.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/{kind.Endpoint}/{Uri.EscapeDataString(id)}";
    }

    /// <summary>RFC 7644 §3.4.2.4: <c>startIndex</c> below 1 means 1, a negative <c>count</c> means 0, and the page never exceeds maxResults.</summary>
    private static bool TryReadPaging(IQueryCollection query, int maxResults, out int startIndex, out int count,
        [NotNullWhen(false)] out ScimResponse? error)
    {
        startIndex = 1;
        count = maxResults;
        error = null;
        if (query["startIndex"].ToString() is { Length: > 0 } startText)
        {
            if (!long.TryParse(startText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start))
            {
                error = ScimResponse.Error(400, $"startIndex \"{startText}\" is not an integer.", "invalidValue");
                return false;
            }

            startIndex = (int)Math.Clamp(start, 1, int.MaxValue);
        }

        if (query["count"].ToString() is { Length: > 0 } countText)
        {
            if (!long.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var requested))
            {
                error = ScimResponse.Error(400, $"count \"{countText}\" is not an integer.", "invalidValue");
                return false;
            }

            count = (int)Math.Clamp(requested, 0, maxResults);
        }

        return true;
    }

    private static ScimResponse Rejected(HttpContext http, ScimServerState state, ScimResponse response)
    {
        var scimType = response.Body is JsonObject body ? ScimJson.Text(body["scimType"]) : null;
        state.Logger.Rejected(http.Request.Method, http.Request.Path.Value ?? "/", response.StatusCode, scimType);
        return response;
    }
}
