using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Api.OData;
using Provisio.Directory;
using Provisio.Directory.Model;

namespace Provisio.Api.Directory;

/// <summary>
/// <c>/v1.0/directory/deletedItems</c>: soft-deleted users and groups (service principals are deleted permanently,
/// so theirs is always empty), listed by OData cast as Graph requires, read, restored and purged (directory-deleteditems-list).
/// </summary>
public static class DeletedItemEndpoints
{
    private static readonly (string Cast, DirectoryObjectKind Kind)[] Casts =
    [
        ("microsoft.graph.user", DirectoryObjectKind.User),
        ("microsoft.graph.group", DirectoryObjectKind.Group),
        ("microsoft.graph.servicePrincipal", DirectoryObjectKind.ServicePrincipal),
        // The namespace's alias, which the Graph SDKs write (GET /directory/deletedItems/graph.user).
        ("graph.user", DirectoryObjectKind.User),
        ("graph.group", DirectoryObjectKind.Group),
        ("graph.servicePrincipal", DirectoryObjectKind.ServicePrincipal),
    ];

    public static void MapDeletedItems(this IEndpointRouteBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var deleted = v1.MapGroup("/directory/deletedItems");
        foreach (var (cast, kind) in Casts)
        {
            deleted.MapGet("/" + cast, (HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken) =>
                DirectoryListing.ListAsync(request, store, kind, deleted: true, cancellationToken));
        }

        // Graph: "The OData cast type is a required part of the URI and calling GET /directory/deleteditems without a type is not supported."
        deleted.MapGet("/", () => GraphError.BadRequest(
            "Listing deleted items needs the OData cast: GET /directory/deletedItems/microsoft.graph.user, microsoft.graph.group or microsoft.graph.servicePrincipal."));
        deleted.MapGet("/{id:guid}", GetAsync);
        deleted.MapPost("/{id:guid}/restore", RestoreAsync);
        deleted.MapDelete("/{id:guid}", PurgeAsync);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is not { } item)
        {
            return NotDeleted(id);
        }

        var selection = ODataQueryOptions.ParseEntity(request.Query, ODataResource.For(item.Kind));
        return selection.Succeeded
            ? Results.Json(GraphJson.ToEntity(request, item, selection.Value, typed: true, collection: "directoryObjects"))
            : selection.Error.ToResult();
    }

    private static async Task<IResult> RestoreAsync(Guid id, HttpRequest request, IDirectoryStore store, CancellationToken cancellationToken)
    {
        var result = await store.RestoreAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.Json(GraphJson.ToGraph(request, result.Value!, entity: true)) : GraphJson.ToError(result.Error);
    }

    private static async Task<IResult> PurgeAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotDeleted(id);
        }

        var result = await store.PurgeDeletedAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : GraphJson.ToError(result.Error);
    }

    private static async Task<DirectoryObject?> FindAsync(Guid id, IDirectoryStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { IsSoftDeleted: true } found ? found : null;

    private static IResult NotDeleted(Guid id) => GraphError.NotFound($"Resource '{id}' does not exist among the deleted items.");
}
