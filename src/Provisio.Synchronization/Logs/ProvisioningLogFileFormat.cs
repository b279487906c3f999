namespace Provisio.Synchronization.Logs;

/// <summary>How <see cref="ProvisioningLogExport"/> writes the entries of a query.</summary>
public enum ProvisioningLogFileFormat
{
    /// <summary><c>text/csv</c>: a header, then one row per entry (RFC 4180), the columns of <see cref="ProvisioningLogExport.CsvColumns"/>.</summary>
    Csv,

    /// <summary><c>application/x-ndjson</c>: one Graph <c>provisioningObjectSummary</c> per line.</summary>
    JsonLines,

    /// <summary><c>application/json</c>: one JSON array of Graph <c>provisioningObjectSummary</c> (the portal's "Download JSON").</summary>
    Json,
}
