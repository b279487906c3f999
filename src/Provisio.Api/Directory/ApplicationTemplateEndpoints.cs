using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Api.OData;
using Provisio.Directory;
using Provisio.Directory.Model;

namespace Provisio.Api.Directory;

/// <summary>
/// <c>applicationTemplates</c>: the non-gallery SCIM template, listed (Graph clients look it up with
/// <c>$filter=displayName eq '...'</c>, reference entra-engine-and-api §1.18), read, and instantiated into an
/// application and its service principal (../shared/INTERFACES.md).
/// </summary>
public static class ApplicationTemplateEndpoints
{
    /// <summary>The non-gallery SCIM application template ("Provisio SCIM app").</summary>
    public const string ScimTemplateId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    public static void MapApplicationTemplates(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var templates = v1.MapGroup("/applicationTemplates");
        templates.MapGet("/", ListTemplates);
        templates.MapGet("/{id}", GetTemplate);
        templates.MapPost("/{id}/instantiate", InstantiateAsync);
    }

    /// <summary>The templates Provisio offers: the non-gallery SCIM app, in Graph's <c>applicationTemplate</c> shape.</summary>
    private static JsonObject ScimTemplate() => new()
    {
        ["id"] = ScimTemplateId,
        ["displayName"] = "Provisio SCIM app",
        ["description"] = "Provision users and groups to any SCIM 2.0 endpoint (non-gallery application).",
        ["publisher"] = "Provisio",
        ["homePageUrl"] = null,
        ["logoUrl"] = null,
        ["supportedProvisioningTypes"] = new JsonArray("sync"),
        ["supportedSingleSignOnModes"] = new JsonArray(),
        ["categories"] = new JsonArray(),
    };

    /// <summary><c>GET /applicationTemplates?$filter=displayName eq 'Provisio SCIM app'</c>: Graph clients look templates up by name.</summary>
    private static IResult ListTemplates(HttpRequest request)
    {
        // applicationTemplates are not directory objects: $count needs no ConsistencyLevel there.
        var parsed = ODataQueryOptions.ParseCollection(request.Query, eventual: true, ODataResource.ApplicationTemplate);
        if (!parsed.Succeeded)
        {
            return parsed.Error.ToResult();
        }

        var options = parsed.Value!;
        var matching = new[] { ScimTemplate() }
            .Where(template => options.Filter?.Matches(Guid.Parse(GraphJson.Text(template["id"])!), template) ?? true)
            .ToList();
        var templates = matching.Take(options.Top).ToList();
        var body = new JsonObject { ["@odata.context"] = $"{GraphJson.Metadata(request)}#applicationTemplates{options.Selection?.ContextSuffix}" };
        if (options.Count)
        {
            body["@odata.count"] = matching.Count; // OData: the count ignores paging
        }

        body["value"] = new JsonArray([.. templates.Select(template => options.Selection?.Apply(template) ?? template)]);
        return Results.Json(body);
    }

    private static IResult GetTemplate(string id, HttpRequest request)
    {
        var selection = ODataQueryOptions.ParseEntity(request.Query, ODataResource.ApplicationTemplate);
        if (!selection.Succeeded)
        {
            return selection.Error.ToResult();
        }

        if (id != ScimTemplateId)
        {
            return GraphJson.NotFound(id);
        }

        var template = ScimTemplate();
        var json = selection.Value?.Apply(template) ?? template;
        json.Insert(0, "@odata.context", $"{GraphJson.Metadata(request)}#applicationTemplates{selection.Value?.ContextSuffix}/$entity");
        return Results.Json(json);
    }

    private static async Task<IResult> InstantiateAsync(string id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (id != ScimTemplateId)
        {
            return GraphJson.NotFound(id);
        }

        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (body["displayName"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            return GraphError.BadRequest("Property 'displayName' is required to instantiate an application template.");
        }

        var appId = Guid.NewGuid().ToString();
        var applicationId = Guid.NewGuid().ToString();
        var properties = new JsonObject
        {
            ["appId"] = appId,
            ["applicationObjectId"] = applicationId,
            ["applicationTemplateId"] = ScimTemplateId,
            ["displayName"] = name.GetValue<string>(),
            ["servicePrincipalType"] = "Application",
            ["tags"] = new JsonArray("WindowsAzureActiveDirectoryIntegratedApp", "WindowsAzureActiveDirectoryCustomSingleSignOnApplication"),
            ["appRoles"] = new JsonArray(new JsonObject
            {
                ["allowedMemberTypes"] = new JsonArray("User"),
                ["description"] = "User",
                ["displayName"] = "User",
                ["id"] = "18d14569-c3bd-439b-9a66-3a2aee01d14f",
                ["isEnabled"] = true,
                ["origin"] = "Application",
                ["value"] = null,
            }),
        };
        var created = await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, properties, cancellationToken).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return GraphJson.ToError(created.Error);
        }

        var servicePrincipal = GraphJson.ToGraph(request, created.Value!, entity: false);
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{GraphJson.Metadata(request)}#microsoft.graph.applicationServicePrincipal",
            ["application"] = new JsonObject
            {
                ["id"] = applicationId,
                ["appId"] = appId,
                ["displayName"] = name.GetValue<string>(),
                ["applicationTemplateId"] = ScimTemplateId,
            },
            ["servicePrincipal"] = servicePrincipal,
        }, statusCode: StatusCodes.Status201Created);
    }
}
