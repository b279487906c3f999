using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Directory.Model;

namespace Provisio.Api.Directory;

/// <summary><c>/v1.0/users</c> and <c>/v1.0/directory/deletedItems</c> in Graph's shapes (issue 5 §3).</summary>
public static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var users = v1.MapGroup("/users");
        users.MapPost("/", CreateAsync);
        users.MapGet("/{key}", GetAsync);
        users.MapMethods("/{key}", ["PATCH"], UpdateAsync);
        users.MapDelete("/{key}", DeleteAsync);

        var deleted = v1.MapGroup("/directory/deletedItems");
        deleted.MapPost("/{id:guid}/restore", RestoreAsync);
        deleted.MapDelete("/{id:guid}", PurgeAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.User.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.User.Canonicalize(body);

        foreach (var required in new[] { "userPrincipalName", "displayName" })
        {
            if (body[required] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                return GraphError.BadRequest($"Property '{required}' is required when creating the user.");
            }
        }

        body.Remove("id");
        var result = await store.CreateAsync(DirectoryObjectKind.User, body, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? Results.Json(GraphJson.ToGraph(request, result.Value!, entity: true), statusCode: StatusCodes.Status201Created)
            : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> GetAsync(string key, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var user = await FindAsync(key, store, cancellationToken).ConfigureAwait(false);
        return user is null
            ? GraphJson.NotFound(key)
            : Results.Json(GraphJson.ToGraph(request, user, entity: true));
    }

    private static async Task<IResult> UpdateAsync(string key, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var user = await FindAsync(key, store, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return GraphJson.NotFound(key);
        }

        if (await GraphJson.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphProperties.User.Check(body) is { } problem)
        {
            return GraphError.BadRequest(problem);
        }

        GraphProperties.User.Canonicalize(body);

        var result = await store.UpdateAsync(user.Id, body, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> DeleteAsync(string key, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var user = await FindAsync(key, store, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return GraphJson.NotFound(key);
        }

        var result = await store.SoftDeleteAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> RestoreAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var result = await store.RestoreAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.Json(GraphJson.ToGraph(request, result.Value!, entity: true)) : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> PurgeAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null || !current.IsSoftDeleted)
        {
            return GraphError.NotFound($"Resource '{id}' does not exist among the deleted items.");
        }

        var result = await store.PurgeAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    /// <summary>By id, or by userPrincipalName as Graph allows (<c>/users/ana@contoso.com</c>); soft-deleted users are not found.</summary>
    private static async Task<DirectoryObject?> FindAsync(string key, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var found = Guid.TryParse(key, out var id)
            ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            : await store.FindUserByPrincipalNameAsync(key, cancellationToken).ConfigureAwait(false);
        return found is { Kind: DirectoryObjectKind.User, IsSoftDeleted: false } ? found : null;
    }
}
