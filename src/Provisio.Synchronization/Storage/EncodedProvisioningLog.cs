using System.Buffers;
using System.Text.Json;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// A provisioning log entry already written as the record the stores keep (UTF-8 JSON exactly as
/// <see cref="ProvisioningLogRow.WriteRecord"/> writes it) with the columns the log queries use. A cycle encodes an
/// object's entry when its journey ends, so until the page's write only these bytes wait, not the entry's steps, details
/// and modified properties: a page's objects outlive a collection or two, and the collector copies and traces all they
/// still hold.
/// </summary>
public sealed class EncodedProvisioningLog
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly byte[] _record;

    private EncodedProvisioningLog(ProvisioningLogRow columns, byte[] record)
    {
        Columns = columns;
        _record = record;
    }

    /// <summary>The columns (<see cref="ProvisioningLogRow.Record"/> empty: the record is <see cref="Record"/>).</summary>
    internal ProvisioningLogRow Columns { get; }

    /// <summary>The record as UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> Record => _record;

    public string Id => Columns.Id;

    public static EncodedProvisioningLog Encode(ProvisioningObjectSummary log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var options = SynchronizationJson.Options;
        if (t_writer is { } writer)
        {
            writer.Reset(buffer);
        }
        else
        {
            t_writer = writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                MaxDepth = options.MaxDepth,
                SkipValidation = true,
            });
        }

        ProvisioningLogRow.WriteRecord(writer, log);
        writer.Flush();
        var record = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 256 * 1024)
        {
            t_buffer = null; // one huge entry (a group of thousands of members) does not stay with the thread
            t_writer = null;
        }

        return new EncodedProvisioningLog(ProvisioningLogRow.From(log, record: string.Empty), record);
    }
}
