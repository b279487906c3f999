using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Directory;
using Provisio.Synchronization;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET /servicePrincipals/{id}/synchronization/templates</c>: the templates a job can be made from, Graph's
/// <c>synchronizationTemplate</c> collection (reference entra-engine-and-api §1.18 step 2, §6.11).
/// </summary>
public static class SynchronizationTemplateEndpoints
{
    public static void MapSynchronizationTemplates(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/templates", ListAsync);
    }

    private static async Task<IResult> ListAsync(Guid id, HttpRequest request, IDirectoryStore directory, CancellationToken cancellationToken) =>
        await SynchronizationHttp.ServicePrincipalExistsAsync(directory, id, cancellationToken).ConfigureAwait(false)
            ? SynchronizationHttp.Collection(SynchronizationHttp.Context(request, id, "templates"), SynchronizationEngine.Templates)
            : SynchronizationHttp.ServicePrincipalNotFound(id);
}
