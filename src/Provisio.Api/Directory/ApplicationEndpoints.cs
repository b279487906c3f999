using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Directory.Model;

namespace Provisio.Api.Directory;

/// <summary>
/// Applications to provision: <c>applicationTemplates/{id}/instantiate</c> (the non-gallery SCIM template),
/// <c>servicePrincipals</c> and their <c>appRoleAssignedTo</c> (the users and groups "assigned" scoping reads),
/// in Graph's shapes (reference entra-engine-and-api §1.18; ../shared/INTERFACES.md).
/// </summary>
public static class ApplicationEndpoints
{
    /// <summary>The non-gallery SCIM application template ("Provisio SCIM app").</summary>
    public const string ScimTemplateId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    /// <summary>Entra's "Default Access" role: an assignment without a specific role.</summary>
    public static readonly Guid DefaultAccessRole = Guid.Empty;

    public static void MapApplications(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/applicationTemplates/{id}", GetTemplate);
        v1.MapPost("/applicationTemplates/{id}/instantiate", InstantiateAsync);
        var principals = v1.MapGroup("/servicePrincipals");
        principals.MapGet("/{id:guid}", GetAsync);
        principals.MapDelete("/{id:guid}", DeleteAsync);
        principals.MapPost("/{id:guid}/appRoleAssignedTo", AssignAsync);
        principals.MapGet("/{id:guid}/appRoleAssignedTo", AssignmentsAsync);
        principals.MapDelete("/{id:guid}/appRoleAssignedTo/{assignmentId}", UnassignAsync);
    }

    private static IResult GetTemplate(string id, HttpRequest request) => id == ScimTemplateId
        ? Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{request.Scheme}://{request.Host}/v1.0/$metadata#applicationTemplates/$entity",
            ["id"] = ScimTemplateId,
            ["displayName"] = "Provisio SCIM app",
            ["supportedProvisioningTypes"] = new JsonArray("sync"),
            ["supportedSingleSignOnModes"] = new JsonArray(),
            ["categories"] = new JsonArray(),
        })
        : GraphJson.NotFound(id);

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
        servicePrincipal.Remove("applicationObjectId");
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{request.Scheme}://{request.Host}/v1.0/$metadata#microsoft.graph.applicationServicePrincipal",
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

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
        await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is { } principal
            ? Results.Json(GraphJson.ToGraph(request, principal, entity: true))
            : GraphJson.NotFound(id.ToString());

    private static async Task<IResult> DeleteAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return GraphJson.NotFound(id.ToString());
        }

        var result = await store.PurgeAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> AssignAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is not { } principal)
        {
            return GraphJson.NotFound(id.ToString());
        }

        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (!Guid.TryParse(GraphJson.Text(body["principalId"]), out var assignee))
        {
            return GraphError.BadRequest("Property 'principalId' must be the id of a user or group.");
        }

        var role = DefaultAccessRole;
        if (body["appRoleId"] is { } roleNode && !Guid.TryParse(GraphJson.Text(roleNode), out role))
        {
            return GraphError.BadRequest("Property 'appRoleId' must be a GUID.");
        }

        if (role != DefaultAccessRole && !Roles(principal).Contains(role))
        {
            return GraphError.BadRequest($"Permission being assigned was not found on application '{id}'.");
        }

        var result = await store.AddReferenceAsync(new DirectoryReference(id, DirectoryRelation.AppRoleAssignment, assignee, role), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.Error.Code == DirectoryError.BadRequest && result.Error.Message.Contains("already exist", StringComparison.Ordinal)
                ? GraphError.BadRequest("Permission being assigned already exists on the object.")
                : GraphJson.ToError(result.Error);
        }

        var assigned = await store.GetAsync(assignee, cancellationToken).ConfigureAwait(false);
        return Results.Json(Assignment(request, principal, assigned!, role, entity: true), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> AssignmentsAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is not { } principal)
        {
            return GraphJson.NotFound(id.ToString());
        }

        var value = new JsonArray();
        await foreach (var reference in store.GetReferencesAsync(id, DirectoryRelation.AppRoleAssignment, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(reference.TargetId, cancellationToken).ConfigureAwait(false) is { IsSoftDeleted: false } assigned)
            {
                value.Add(Assignment(request, principal, assigned, reference.AppRoleId ?? DefaultAccessRole, entity: false));
            }
        }

        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{request.Scheme}://{request.Host}/v1.0/$metadata#servicePrincipals('{id}')/appRoleAssignedTo",
            ["value"] = value,
        });
    }

    private static async Task<IResult> UnassignAsync(Guid id, string assignmentId, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (!TryReadAssignmentId(assignmentId, out var assignee, out var role))
        {
            return GraphJson.NotFound(assignmentId);
        }

        var result = await store.RemoveReferenceAsync(new DirectoryReference(id, DirectoryRelation.AppRoleAssignment, assignee, role), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    /// <summary>An appRoleAssignment as Graph returns it; its id encodes the assignee and the role (base64url of both GUIDs).</summary>
    private static JsonObject Assignment(HttpRequest request, DirectoryObject principal, DirectoryObject assigned, Guid role, bool entity)
    {
        var json = new JsonObject();
        if (entity)
        {
            json["@odata.context"] = $"{request.Scheme}://{request.Host}/v1.0/$metadata#servicePrincipals('{principal.Id}')/appRoleAssignedTo/$entity";
        }

        json["id"] = AssignmentId(assigned.Id, role);
        json["appRoleId"] = role.ToString();
        json["createdDateTime"] = assigned.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        json["principalDisplayName"] = assigned["displayName"];
        json["principalId"] = assigned.Id.ToString();
        json["principalType"] = assigned.Kind == DirectoryObjectKind.Group ? "Group" : "User";
        json["resourceDisplayName"] = principal["displayName"];
        json["resourceId"] = principal.Id.ToString();
        return json;
    }

    private static string AssignmentId(Guid assignee, Guid role) =>
        Convert.ToBase64String([.. assignee.ToByteArray(), .. role.ToByteArray()]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryReadAssignmentId(string text, out Guid assignee, out Guid role)
    {
        assignee = role = Guid.Empty;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            if (bytes.Length != 32)
            {
                return false;
            }

            assignee = new Guid(bytes.AsSpan(0, 16));
            role = new Guid(bytes.AsSpan(16, 16));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static HashSet<Guid> Roles(DirectoryObject principal) =>
        [.. (principal.Properties["appRoles"] as JsonArray ?? []).Select(role => Guid.TryParse(GraphJson.Text(role?["id"]), out var id) ? id : Guid.Empty)];

    private static async Task<DirectoryObject?> FindAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: DirectoryObjectKind.ServicePrincipal, IsSoftDeleted: false } found ? found : null;
}
