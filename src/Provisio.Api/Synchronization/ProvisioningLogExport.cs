using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Provisio.Api.OData;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// Every provisioning log a query matches, streamed as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line
/// break quoted, quotes doubled) or as JSON lines (one Graph <c>provisioningObjectSummary</c> per line, as the JSON
/// listing writes it). Read page by page through the store's keyset, <see cref="PageSize"/> at a time and flushed after
/// each, so memory stays the same for any number of rows. The portal offers the same download (reference
/// entra-engine-and-api §7.3); the CSV has the columns of its main file.
/// </summary>
internal sealed class ProvisioningLogExport(ISynchronizationStore store, ProvisioningLogListing listing) : IResult
{
    public const int PageSize = 1000;

    public static readonly string[] CsvColumns =
    [
        "activityDateTime", "jobId", "cycleId", "changeId", "provisioningAction", "status", "errorCode", "errorReason",
        "sourceId", "sourceDisplayName", "targetId", "targetDisplayName", "durationInMilliseconds",
    ];

    private const string DateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

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
        var cancellationToken = httpContext.RequestAborted;
        var response = httpContext.Response;
        var csv = listing.Export == ProvisioningLogExportFormat.Csv;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = csv ? "attachment; filename=\"ProvisioningLogs.csv\"" : "attachment; filename=\"ProvisioningLogs.jsonl\"";
        var body = response.BodyWriter;
        var line = new StringBuilder();
        if (csv)
        {
            line.AppendJoin(',', CsvColumns).Append("\r\n");
            Write(body, line);
        }

        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = SynchronizationJson.Options.Encoder, SkipValidation = true });
        var remaining = listing.Limit ?? long.MaxValue;
        var query = listing.Query;
        while (remaining > 0)
        {
            var page = await store.QueryLogsAsync(query with { Top = (int)Math.Min(PageSize, remaining) }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                if (csv)
                {
                    Row(line, entry);
                    Write(body, line);
                }
                else
                {
                    JsonSerializer.Serialize(json, entry, SynchronizationJson.Options);
                    json.Flush();
                    json.Reset();
                    body.Write("\n"u8);
                }
            }

            remaining -= page.Entries.Count;
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.Next is not { } next)
            {
                break;
            }

            query = query with { After = next };
        }
    }

    /// <summary>One CSV row, CRLF-terminated, into <paramref name="line"/> (cleared first).</summary>
    internal static void Row(StringBuilder line, ProvisioningObjectSummary entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(entry);
        line.Clear();
        var error = entry.ProvisioningStatusInfo.ErrorInformation;
        string?[] fields =
        [
            entry.ActivityDateTime.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture),
            entry.JobId,
            entry.CycleId,
            entry.ChangeId,
            GraphName(entry.ProvisioningAction),
            GraphName(entry.ProvisioningStatusInfo.Status),
            error?.ErrorCode,
            error?.Reason,
            entry.SourceIdentity.Id,
            entry.SourceIdentity.DisplayName,
            entry.TargetIdentity.Id,
            entry.TargetIdentity.DisplayName,
            entry.DurationInMilliseconds.ToString(CultureInfo.InvariantCulture),
        ];
        for (var index = 0; index < fields.Length; index++)
        {
            if (index > 0)
            {
                line.Append(',');
            }

            Field(line, fields[index]);
        }

        line.Append("\r\n");
    }

    /// <summary>RFC 4180 §2: a field with a comma, a quote or a line break is quoted, and its quotes doubled.</summary>
    private static void Field(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string GraphName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonSerializer.Serialize(value, SynchronizationJson.Options).Trim('"');

    private static void Write(System.IO.Pipelines.PipeWriter body, StringBuilder line)
    {
        foreach (var chunk in line.GetChunks())
        {
            var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            body.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
        }
    }
}
