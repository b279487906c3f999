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

/// <summary><c>/v1.0/users</c> in Graph's shapes (issue 5 §3); soft-deleted users are under <see cref="DeletedItemEndpoints"/>.</summary>
public static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var users = v1.MapGroup("/users");
        users.MapGet("/", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.ListAsync(request, store, DirectoryObjectKind.User, deleted: false, cancellationToken));
        users.MapGet("/$count", (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
            DirectoryListing.CountAsync(request, store, DirectoryObjectKind.User, cancellationToken));
        users.MapPost("/", CreateAsync);
        users.MapGet("/{key}", GetAsync);
        users.MapMethods("/{key}", ["PATCH"], UpdateAsync);
        users.MapDelete("/{key}", DeleteAsync);
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
        var selection = ODataQueryOptions.ParseEntity(request.Query, ODataResource.User);
        if (!selection.Succeeded)
        {
            return selection.Error.ToResult();
        }

        var user = await FindAsync(key, store, cancellationToken).ConfigureAwait(false);
        return user is null
            ? GraphJson.NotFound(key)
            : Results.Json(GraphJson.ToEntity(request, user, selection.Value));
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

    /// <summary>By id, or by userPrincipalName as Graph allows (<c>/users/ana@contoso.com</c>); soft-deleted users are not found.</summary>
    internal static async Task<DirectoryObject?> FindAsync(string key, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var found = Guid.TryParse(key, out var id)
            ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            : await store.FindUserByPrincipalNameAsync(key, cancellationToken).ConfigureAwait(false);
        return found is { Kind: DirectoryObjectKind.User, IsSoftDeleted: false } ? found : null;
    }
}
