using Microsoft.AspNetCore.Http;
using Provisio.Synchronization.Logs;

namespace Provisio.Portal.Model;

/// <summary>
/// <c>GET applications/{id}/logs/export?format=csv|json&amp;...filters</c>: the portal's "Download CSV" and "Download JSON"
/// (reference entra-engine-and-api §7.3), every entry the logs page's filters match, written by
/// <see cref="ProvisioningLogExport"/> as the Graph API's export is. It takes the portal's cookie, not a bearer token.
/// </summary>
internal static class PortalLogDownload
{
    public static async Task<IResult> GetAsync(Guid id, HttpContext httpContext, PortalData data)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(data);
        var request = httpContext.Request;
        ProvisioningLogFileFormat? format = request.Query["format"].FirstOrDefault()?.ToUpperInvariant() switch
        {
            null or "" or "CSV" => ProvisioningLogFileFormat.Csv,
            "JSON" => ProvisioningLogFileFormat.Json,
            "JSONL" => ProvisioningLogFileFormat.JsonLines,
            _ => null,
        };
        if (format is not { } chosen)
        {
            return Results.BadRequest("Unknown format: use csv, json or jsonl.");
        }

        if (await data.GetApplicationAsync(id, httpContext.RequestAborted).ConfigureAwait(false) is not { Job: { } job })
        {
            return Results.NotFound($"There is no application with id {id:D} or it has no provisioning job.");
        }

        var (query, problems) = LogFilter.Of(request.Query).ToQuery(job.Id);
        if (problems.Count > 0)
        {
            return Results.BadRequest(string.Join(" ", problems));
        }

        var store = data.Engine.Store;
        return Results.Stream(stream => ProvisioningLogExport.WriteAsync(store, query, chosen, stream, null, httpContext.RequestAborted),
            ProvisioningLogExport.ContentType(chosen), ProvisioningLogExport.FileName(chosen));
    }
}
