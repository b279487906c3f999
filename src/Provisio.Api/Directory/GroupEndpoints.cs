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

/// <summary><c>/v1.0/groups</c>, their members (<c>members/$ref</c>) and users' managers (<c>manager/$ref</c>), in Graph's shapes.</summary>
public static class GroupEndpoints
{
    public static void MapGroups(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var groups = v1.MapGroup("/groups");
        groups.MapGet("/", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.ListAsync(request, store, DirectoryObjectKind.Group, deleted: false, cancellationToken));
        groups.MapGet("/$count", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.CountAsync(request, store, DirectoryObjectKind.Group, cancellationToken));
        groups.MapPost("/", CreateAsync);
        groups.MapGet("/{id:guid}", GetAsync);
        groups.MapMethods("/{id:guid}", ["PATCH"], UpdateAsync);
        groups.MapDelete("/{id:guid}", DeleteAsync);
        groups.MapGet("/{id:guid}/members", MembersAsync);
        groups.MapPost("/{id:guid}/members/$ref", AddMemberAsync);
        groups.MapDelete("/{id:guid}/members/{memberId:guid}/$ref", RemoveMemberAsync);

        var users = v1.MapGroup("/users");
        users.MapGet("/{key}/manager", ManagerAsync);
        users.MapPut("/{key}/manager/$ref", SetManagerAsync);
        users.MapDelete("/{key}/manager/$ref", RemoveManagerAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.Group.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.Group.Canonicalize(body);

        if (body["displayName"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            return GraphError.BadRequest("Property 'displayName' is required when creating the group.");
        }

        body.Remove("id");
        var result = await store.CreateAsync(DirectoryObjectKind.Group, body, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? Results.Json(GraphJson.ToGraph(request, result.Value!, entity: true), statusCode: StatusCodes.Status201Created)
            : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var selection = ODataQueryOptions.ParseEntity(request.Query, ODataResource.Group);
        if (!selection.Succeeded)
        {
            return selection.Error.ToResult();
        }

        return await FindAsync(id, DirectoryObjectKind.Group, store, cancellationToken).ConfigureAwait(false) is { } group
            ? Results.Json(GraphJson.ToEntity(request, group, selection.Value))
            : GraphJson.NotFound(id.ToString());
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, DirectoryObjectKind.Group, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return GraphJson.NotFound(id.ToString());
        }

        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.Group.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.Group.Canonicalize(body);

        var result = await store.UpdateAsync(id, body, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> DeleteAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, DirectoryObjectKind.Group, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return GraphJson.NotFound(id.ToString());
        }

        var result = await store.SoftDeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> MembersAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, DirectoryObjectKind.Group, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return GraphJson.NotFound(id.ToString());
        }

        var members = new JsonArray();
        await foreach (var reference in store.GetReferencesAsync(id, DirectoryRelation.Member, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(reference.TargetId, cancellationToken).ConfigureAwait(false) is { IsSoftDeleted: false } member)
            {
                members.Add(GraphJson.ToGraph(request, member, entity: false, typed: true));
            }
        }

        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{GraphJson.Metadata(request)}#directoryObjects",
            ["value"] = members,
        });
    }

    private static Task<IResult> AddMemberAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
        AddReferenceAsync(id, DirectoryRelation.Member, request, store, cancellationToken);

    private static async Task<IResult> RemoveMemberAsync(Guid id, Guid memberId, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var result = await store.RemoveReferenceAsync(new DirectoryReference(id, DirectoryRelation.Member, memberId), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    // The user by id or by userPrincipalName, as Graph allows (/users/ana@contoso.com/manager).
    private static async Task<IResult> ManagerAsync(string key, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await UserEndpoints.FindAsync(key, store, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return GraphJson.NotFound(key);
        }

        await foreach (var reference in store.GetReferencesAsync(user.Id, DirectoryRelation.Manager, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(reference.TargetId, cancellationToken).ConfigureAwait(false) is { } manager)
            {
                var json = GraphJson.ToGraph(request, manager, entity: false, typed: true);
                json.Insert(0, "@odata.context", $"{GraphJson.Metadata(request)}#directoryObjects/$entity");
                return Results.Json(json);
            }
        }

        return GraphJson.NotFound("manager");
    }

    private static async Task<IResult> SetManagerAsync(string key, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
        await UserEndpoints.FindAsync(key, store, cancellationToken).ConfigureAwait(false) is { } user
            ? await AddReferenceAsync(user.Id, DirectoryRelation.Manager, request, store, cancellationToken).ConfigureAwait(false)
            : GraphJson.NotFound(key);

    private static async Task<IResult> RemoveManagerAsync(string key, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await UserEndpoints.FindAsync(key, store, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return GraphJson.NotFound(key);
        }

        await foreach (var reference in store.GetReferencesAsync(user.Id, DirectoryRelation.Manager, cancellationToken).ConfigureAwait(false))
        {
            var result = await store.RemoveReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
        }

        return GraphJson.NotFound("manager");
    }

    private static async Task<IResult> AddReferenceAsync(Guid id, DirectoryRelation relation, HttpRequest request, IDirectoryStore store,
        CancellationToken cancellationToken)
    {
        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphJson.ReferencedId(body) is not { } target)
        {
            return GraphError.BadRequest("Invalid object identifier: the body must be {\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/{id}\"}.");
        }

        var result = await store.AddReferenceAsync(new DirectoryReference(id, relation, target), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<DirectoryObject?> FindAsync(Guid id, DirectoryObjectKind kind, IDirectoryStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { IsSoftDeleted: false } found && found.Kind == kind ? found : null;
}
