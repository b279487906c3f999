using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Synchronization;
using Provisio.Synchronization.Health;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>GET .../jobs/{jobId}/diagnosis[?testConnection=false]</c>, Provisio's own: the job's <see cref="DiagnosisReport"/>,
/// the seed 000 troubleshooting checklist walked over the job's state, escrows, logs and a live Test Connection (skipped
/// with <c>testConnection=false</c>). Reads only.
/// </summary>
public static class SynchronizationDiagnosisEndpoints
{
    public static void MapSynchronizationDiagnosis(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/diagnosis", GetAsync);
    }

    private static async Task<IResult> GetAsync(Guid id, string jobId, HttpRequest request, IDirectoryStore directory, SynchronizationEngine engine,
        CancellationToken cancellationToken)
    {
        var testConnection = true;
        if (request.Query["testConnection"] is { Count: > 0 } given && !bool.TryParse(given[^1], out testConnection))
        {
            return GraphError.BadRequest($"The query option testConnection must be true or false, not '{given[^1]}'.");
        }

        if (!await SynchronizationHttp.ServicePrincipalExistsAsync(directory, id, cancellationToken).ConfigureAwait(false))
        {
            return SynchronizationHttp.ServicePrincipalNotFound(id);
        }

        var report = await new JobDiagnostician(engine, directory).DiagnoseAsync(id, jobId, testConnection, cancellationToken).ConfigureAwait(false);
        return report is null
            ? SynchronizationHttp.JobNotFound(id, jobId)
            : SynchronizationHttp.Json(SynchronizationHttp.ToNode(report, SynchronizationHttp.Context(request, id, $"jobs('{jobId}')/diagnosis/$entity")));
    }
}
