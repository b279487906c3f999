using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Synchronization;
using Provisio.Synchronization.Schema;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET / PUT /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema</c>, Graph's <c>synchronizationSchema</c>
/// (reference entra-engine-and-api §5, §6.1): PUT replaces it whole after the engine checks that it compiles (204), and,
/// as a save in the portal does, makes the next cycle an initial one. The schema's directories and helpers (filterOperators,
/// functions, parseExpression) are mapped with it, from their own files.
/// </summary>
public static class SynchronizationSchemaEndpoints
{
    public static void MapSynchronizationSchema(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/schema", GetAsync);
        version.MapPut("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/schema", PutAsync);
        version.MapSynchronizationSchemaDirectories();
        version.MapSynchronizationSchemaFunctions();
    }

    private static async Task<IResult> GetAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is { } job
            ? SynchronizationHttp.Json(SynchronizationHttp.ToNode(job.Schema, SynchronizationHttp.Context(request, id, $"jobs('{jobId}')/schema/$entity")))
            : SynchronizationHttp.JobNotFound(id, jobId);

    private static async Task<IResult> PutAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        // The schema's id is the job's whatever the body says (a body copied from GET carries it, one written by hand may not).
        json.Remove("@odata.context");
        json["id"] = jobId;
        SynchronizationSchema? schema;
        try
        {
            schema = json.Deserialize<SynchronizationSchema>(SynchronizationJson.Options);
        }
        catch (JsonException exception)
        {
            return GraphError.BadRequest($"The body is not a synchronizationSchema: {exception.Message}", "InvalidSchema");
        }

        if (schema is null)
        {
            return GraphJson.UnreadableBody;
        }

        var saved = await engine.PutSchemaAsync(id, jobId, schema, cancellationToken).ConfigureAwait(false);
        return saved.Succeeded ? Results.NoContent() : SynchronizationHttp.ToError(saved.Error!);
    }
}
