using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisio.Api.Errors;
using Provisio.Api.OData;
using Provisio.Directory;
using Provisio.Directory.Model;

namespace Provisio.Api.Directory;

/// <summary>Reading Graph request bodies and writing directory objects in Graph's shape.</summary>
internal static class GraphJson
{
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    public static IResult UnreadableBody => GraphError.BadRequest(
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");

    public static async Task<JsonObject?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, NodeOptions, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Collection(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => "users",
        DirectoryObjectKind.Group => "groups",
        _ => "servicePrincipals",
    };

    public static string ODataType(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => "#microsoft.graph.user",
        DirectoryObjectKind.Group => "#microsoft.graph.group",
        _ => "#microsoft.graph.servicePrincipal",
    };

    /// <summary>The service's metadata URL for <c>@odata.context</c>, in the request's version: <c>https://host/v1.0/$metadata</c> or <c>.../beta/$metadata</c>.</summary>
    public static string Metadata(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = request.Path.StartsWithSegments("/beta", StringComparison.OrdinalIgnoreCase) ? "beta" : "v1.0";
        return $"{request.Scheme}://{request.Host}{request.PathBase}/{version}/$metadata";
    }

    /// <summary>An object as Graph returns it: <c>@odata.context</c> for a single entity, <c>@odata.type</c> inside collections of mixed kinds.</summary>
    public static JsonObject ToGraph(HttpRequest request, DirectoryObject item, bool entity, bool typed = false)
    {
        var json = new JsonObject();
        if (entity)
        {
            json["@odata.context"] = $"{Metadata(request)}#{Collection(item.Kind)}/$entity";
        }

        if (typed)
        {
            json["@odata.type"] = ODataType(item.Kind);
        }

        json["id"] = item.Id.ToString();
        foreach (var (name, value) in item.Properties)
        {
            // Kept but never shown: a user's password (Graph never returns it) and a service principal's link to its
            // application object (not a servicePrincipal property in Graph; instantiate answers it as application.id).
            if (!name.Equals("passwordProfile", StringComparison.OrdinalIgnoreCase) && !name.Equals("applicationObjectId", StringComparison.OrdinalIgnoreCase))
            {
                json[name] = value?.DeepClone();
            }
        }

        if (item.DeletedDateTime is { } deleted)
        {
            json["deletedDateTime"] = deleted.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        return json;
    }

    /// <summary>
    /// A single entity as Graph returns it, with <c>$select</c> applied: only the selected properties, and
    /// <c>@odata.context</c> naming them (<c>$metadata#users(id,department)/$entity</c>).
    /// </summary>
    public static JsonObject ToEntity(HttpRequest request, DirectoryObject item, ODataSelection? selection, bool typed = false,
        string? collection = null)
    {
        var json = ToGraph(request, item, entity: true, typed);
        var context = collection ?? Collection(item.Kind);
        if (selection is null)
        {
            json["@odata.context"] = $"{Metadata(request)}#{context}/$entity";
            return json;
        }

        var selected = selection.Apply(json);
        selected["@odata.context"] = $"{Metadata(request)}#{context}{selection.ContextSuffix}/$entity";
        return selected;
    }

    /// <summary>A JSON string's value; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The id in a reference body, <c>{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{id}"}</c>.</summary>
    public static Guid? ReferencedId(JsonObject body)
    {
        if (Text(body["@odata.id"]) is not { } reference)
        {
            return null;
        }

        var last = reference.TrimEnd('/').Split('/')[^1];
        return Guid.TryParse(last, out var id) ? id : null;
    }

    public static IResult ToError(DirectoryError error) => error.Code switch
    {
        DirectoryError.NotFound => GraphError.NotFound(error.Message),
        _ => GraphError.BadRequest(error.Message),
    };

    public static IResult NotFound(string key) =>
        GraphError.NotFound($"Resource '{key}' does not exist or one of its queried reference-property objects are not present.");
}
