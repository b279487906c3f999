using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Api.OData;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Api.Directory;

/// <summary>
/// Applications to provision: <c>servicePrincipals</c> (made by <see cref="ApplicationTemplateEndpoints"/> or posted)
/// and their <c>appRoleAssignedTo</c> (the users and groups "assigned" scoping reads), in Graph's shapes
/// (reference entra-engine-and-api §1.18; ../shared/INTERFACES.md).
/// </summary>
public static class ApplicationEndpoints
{
    /// <summary>Entra's "Default Access" role: an assignment without a specific role.</summary>
    public static readonly Guid DefaultAccessRole = Guid.Empty;

    public static void MapApplications(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var principals = v1.MapGroup("/servicePrincipals");
        principals.MapGet("/", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.ListAsync(request, store, DirectoryObjectKind.ServicePrincipal, deleted: false, cancellationToken));
        principals.MapGet("/$count", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.CountAsync(request, store, DirectoryObjectKind.ServicePrincipal, cancellationToken));
        principals.MapPost("/", CreateAsync);
        principals.MapGet("/{id:guid}", GetAsync);
        principals.MapMethods("/{id:guid}", ["PATCH"], UpdateAsync);
        principals.MapDelete("/{id:guid}", DeleteAsync);
        principals.MapPost("/{id:guid}/appRoleAssignedTo", AssignAsync);
        principals.MapGet("/{id:guid}/appRoleAssignedTo", AssignmentsAsync);
        principals.MapDelete("/{id:guid}/appRoleAssignedTo/{assignmentId}", UnassignAsync);
    }

    /// <summary>
    /// <c>POST /servicePrincipals {"appId": ...}</c>. Graph creates a service principal for an existing application;
    /// Provisio keeps no application objects, so the appId (a GUID) is taken as given and must be unique among
    /// service principals, as Graph's is. displayName and the other declared properties come from the body.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.ServicePrincipal.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.ServicePrincipal.Canonicalize(body);
        if (body["appId"] is null)
        {
            return GraphError.BadRequest("Property 'appId' is required when creating the service principal: the application's id (a GUID).");
        }

        if (!Guid.TryParse(GraphJson.Text(body["appId"]), out var appId))
        {
            return GraphError.BadRequest("Invalid value specified for property 'appId' of resource 'ServicePrincipal': it must be a GUID.");
        }

        body["appId"] = appId.ToString("D");
        if (await FindByAppIdAsync(appId, store, cancellationToken).ConfigureAwait(false) is not null)
        {
            return AppIdInUse(appId);
        }

        body.Remove("id");
        body["servicePrincipalType"] ??= "Application";
        body["accountEnabled"] ??= true;
        var created = await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, body, cancellationToken).ConfigureAwait(false);
        return created.Succeeded
            ? Results.Json(GraphJson.ToGraph(request, created.Value!, entity: true), statusCode: StatusCodes.Status201Created)
            : created.Error.Code == DirectoryError.Conflict
                ? AppIdInUse(appId) // another request created it between the check above and this write
                : GraphJson.ToError(created.Error);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var selection = ODataQueryOptions.ParseEntity(request.Query, ODataResource.ServicePrincipal);
        if (!selection.Succeeded)
        {
            return selection.Error.ToResult();
        }

        return await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is { } principal
            ? Results.Json(GraphJson.ToEntity(request, principal, selection.Value))
            : GraphJson.NotFound(id.ToString());
    }

    /// <summary><c>PATCH /servicePrincipals/{id}</c>: declared properties merged (null removes); appId cannot change, as in Graph.</summary>
    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is not { } principal)
        {
            return GraphJson.NotFound(id.ToString());
        }

        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.ServicePrincipal.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.ServicePrincipal.Canonicalize(body);
        if (body.ContainsKey("appId")
            && !(Guid.TryParse(GraphJson.Text(body["appId"]), out var appId) && Guid.TryParse(principal["appId"], out var current) && appId == current))
        {
            return GraphError.BadRequest("Property 'appId' of resource 'ServicePrincipal' is read-only: a service principal keeps its application's id.");
        }

        body.Remove("appId");
        var result = await store.UpdateAsync(id, body, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

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
            ["@odata.context"] = $"{GraphJson.Metadata(request)}#servicePrincipals('{id}')/appRoleAssignedTo",
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
            json["@odata.context"] = $"{GraphJson.Metadata(request)}#servicePrincipals('{principal.Id}')/appRoleAssignedTo/$entity";
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

    private static async Task<DirectoryObject?> FindByAppIdAsync(Guid appId, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync(new DirectoryQuery
        {
            Kind = DirectoryObjectKind.ServicePrincipal,
            Filter = new PropertyFilter("appId", FilterOperator.Equal, appId.ToString("D")),
            Top = 1,
        }, cancellationToken).ConfigureAwait(false);
        return page.Items.FirstOrDefault();
    }

    /// <summary>Graph's answer to a second service principal for one application.</summary>
    private static IResult AppIdInUse(Guid appId) => GraphError.Conflict(
        $"The service principal cannot be created, updated, or restored because the service principal name {appId} is already in use.");

    private static async Task<DirectoryObject?> FindAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: DirectoryObjectKind.ServicePrincipal, IsSoftDeleted: false } found ? found : null;
}
