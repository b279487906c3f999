using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Synchronization;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET .../jobs/{jobId}/schema/directories</c> and <c>.../directories/{directoryId}</c>: the job's schema's
/// <c>directoryDefinition</c>s (reference entra-engine-and-api §5.2, §6.1); a scim job has the Entra source
/// (<c>Azure Active Directory</c>) and the SCIM target (<c>customappsso</c>).
/// </summary>
public static class SynchronizationSchemaDirectoryEndpoints
{
    public static void MapSynchronizationSchemaDirectories(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/schema/directories", ListAsync);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/schema/directories/{directoryId}", GetAsync);
    }

    private static async Task<IResult> ListAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is { } job
            ? SynchronizationHttp.Collection(SynchronizationHttp.Context(request, id, $"jobs('{jobId}')/schema/directories"), job.Schema.Directories)
            : SynchronizationHttp.JobNotFound(id, jobId);

    private static async Task<IResult> GetAsync(Guid id, string jobId, string directoryId, HttpRequest request, SynchronizationEngine engine,
        CancellationToken cancellationToken)
    {
        if (await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return SynchronizationHttp.JobNotFound(id, jobId);
        }

        // Directory ids are GUIDs in the scim template; compared as Graph compares keys, without case.
        return job.Schema.Directories.FirstOrDefault(directory => directory.Id.Equals(directoryId, StringComparison.OrdinalIgnoreCase)) is { } found
            ? SynchronizationHttp.Json(SynchronizationHttp.ToNode(found, SynchronizationHttp.Context(request, id, $"jobs('{jobId}')/schema/directories/$entity")))
            : SynchronizationHttp.ToError(EngineError.NotFound($"The directory '{directoryId}' does not exist in the schema of the job '{jobId}'."));
    }
}
