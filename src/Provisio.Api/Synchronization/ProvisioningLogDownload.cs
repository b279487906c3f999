using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Provisio.Api.OData;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// The API's export of provisioning logs: every entry a query matches, streamed as CSV or JSON lines by
/// <see cref="ProvisioningLogExport"/> (which the portal's downloads share), with the format taken from the request.
/// </summary>
internal sealed class ProvisioningLogDownload(ISynchronizationStore store, ProvisioningLogListing listing) : IResult
{
    /// <summary>
    /// The format a request asks for: <c>?format=csv</c> or <c>jsonl</c> (<c>json</c> is the Graph page), else its
    /// <c>Accept</c> header (<c>text/csv</c>, <c>application/x-ndjson</c>), else the Graph page.
    /// </summary>
    public static ODataResult<ProvisioningLogExportFormat> Format(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (name, values) in request.Query)
        {
            if (!name.Equals("format", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return values.Count == 1 && values[0]?.ToUpperInvariant() is { } value && value switch
            {
                "CSV" => ProvisioningLogExportFormat.Csv,
                "JSONL" or "NDJSON" => ProvisioningLogExportFormat.JsonLines,
                "JSON" => ProvisioningLogExportFormat.None,
                _ => (ProvisioningLogExportFormat?)null,
            } is { } format
                ? ODataResult<ProvisioningLogExportFormat>.Success(format)
                : ODataQueryError.Invalid($"Invalid value '{values}' for format: use csv, jsonl or json.");
        }

        foreach (var accepted in request.GetTypedHeaders().Accept)
        {
            if (accepted.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return ODataResult<ProvisioningLogExportFormat>.Success(ProvisioningLogExportFormat.Csv);
            }

            if (accepted.MediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
                || accepted.MediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase))
            {
                return ODataResult<ProvisioningLogExportFormat>.Success(ProvisioningLogExportFormat.JsonLines);
            }
        }

        return ODataResult<ProvisioningLogExportFormat>.Success(ProvisioningLogExportFormat.None);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var format = listing.Export == ProvisioningLogExportFormat.Csv ? ProvisioningLogFileFormat.Csv : ProvisioningLogFileFormat.JsonLines;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ProvisioningLogExport.ContentType(format);
        response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{ProvisioningLogExport.FileName(format)}\"";
        await ProvisioningLogExport.WriteAsync(store, listing.Query, format, response.BodyWriter, listing.Limit, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
