using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Logs;

/// <summary>
/// Every provisioning log a query matches, written as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line
/// break quoted, quotes doubled), as JSON lines (one Graph <c>provisioningObjectSummary</c> per line, as the JSON
/// listing writes it) or as one JSON array. Read page by page through the store's keyset, <see cref="PageSize"/> at a
/// time and flushed after each, so memory stays the same for any number of rows. The Graph API's
/// <c>GET /auditLogs/provisioning?format=csv|jsonl</c> and the portal's downloads (reference entra-engine-and-api §7.3)
/// both write through it; the CSV has the columns of the portal's main file.
/// </summary>
public static class ProvisioningLogExport
{
    public const int PageSize = 1000;

    /// <summary>The CSV header, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "activityDateTime", "jobId", "cycleId", "changeId", "provisioningAction", "status", "errorCode", "errorReason",
        "sourceId", "sourceDisplayName", "targetId", "targetDisplayName", "durationInMilliseconds",
    ];

    private const string DateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>The response's content type for <paramref name="format"/>.</summary>
    public static string ContentType(ProvisioningLogFileFormat format) => format switch
    {
        ProvisioningLogFileFormat.Csv => "text/csv; charset=utf-8",
        ProvisioningLogFileFormat.JsonLines => "application/x-ndjson; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The download's file name: <paramref name="name"/> with the format's extension.</summary>
    public static string FileName(ProvisioningLogFileFormat format, string name = "ProvisioningLogs") => format switch
    {
        ProvisioningLogFileFormat.Csv => name + ".csv",
        ProvisioningLogFileFormat.JsonLines => name + ".jsonl",
        _ => name + ".json",
    };

    /// <summary>Writes the entries <paramref name="query"/> matches (from its <c>After</c>, in its order), at most <paramref name="limit"/>.</summary>
    /// <returns>How many entries were written.</returns>
    public static async Task<long> WriteAsync(ISynchronizationStore store, ProvisioningLogQuery query, ProvisioningLogFileFormat format, Stream destination,
        long? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        var written = await WriteAsync(store, query, format, writer, limit, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync().ConfigureAwait(false);
        return written;
    }

    /// <inheritdoc cref="WriteAsync(ISynchronizationStore, ProvisioningLogQuery, ProvisioningLogFileFormat, Stream, long?, CancellationToken)"/>
    public static async Task<long> WriteAsync(ISynchronizationStore store, ProvisioningLogQuery query, ProvisioningLogFileFormat format, PipeWriter body,
        long? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(body);
        var line = new StringBuilder();
        if (format == ProvisioningLogFileFormat.Csv)
        {
            line.AppendJoin(',', CsvColumns).Append("\r\n");
            Write(body, line);
        }
        else if (format == ProvisioningLogFileFormat.Json)
        {
            body.Write("["u8);
        }

        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = SynchronizationJson.Options.Encoder, SkipValidation = true });
        var remaining = limit ?? long.MaxValue;
        long written = 0;
        while (remaining > 0)
        {
            var page = await store.QueryLogsAsync(query with { Top = (int)Math.Min(PageSize, remaining) }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                switch (format)
                {
                    case ProvisioningLogFileFormat.Csv:
                        Row(line, entry);
                        Write(body, line);
                        break;
                    case ProvisioningLogFileFormat.Json:
                        if (written > 0)
                        {
                            body.Write(","u8);
                        }

                        body.Write("\n"u8);
                        JsonSerializer.Serialize(json, entry, SynchronizationJson.Options);
                        json.Flush();
                        json.Reset();
                        break;
                    default:
                        JsonSerializer.Serialize(json, entry, SynchronizationJson.Options);
                        json.Flush();
                        json.Reset();
                        body.Write("\n"u8);
                        break;
                }

                written++;
            }

            remaining -= page.Entries.Count;
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.Next is not { } next)
            {
                break;
            }

            query = query with { After = next };
        }

        if (format == ProvisioningLogFileFormat.Json)
        {
            body.Write("\n]\n"u8);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>One CSV row, CRLF-terminated, into <paramref name="line"/> (cleared first).</summary>
    public static void Row(StringBuilder line, ProvisioningObjectSummary entry)
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

    /// <summary>Graph's name of an enum value (<c>stagedDelete</c>, <c>failure</c>), as the JSON writes it.</summary>
    public static string GraphName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonSerializer.Serialize(value, SynchronizationJson.Options).Trim('"');

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

    private static void Write(PipeWriter body, StringBuilder line)
    {
        foreach (var chunk in line.GetChunks())
        {
            var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            body.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
        }
    }
}
