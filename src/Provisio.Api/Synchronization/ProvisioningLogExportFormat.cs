namespace Provisio.Api.Synchronization;

/// <summary>How <c>GET /auditLogs/provisioning</c> answers: a Graph page of JSON, or every matching entry streamed.</summary>
internal enum ProvisioningLogExportFormat
{
    /// <summary><c>{"value": [...], "@odata.nextLink"}</c>, at most <see cref="ProvisioningLogEndpoints.MaxTop"/> entries.</summary>
    None,

    /// <summary><c>text/csv</c> (<c>?format=csv</c>): one row per entry, RFC 4180.</summary>
    Csv,

    /// <summary><c>application/x-ndjson</c> (<c>?format=jsonl</c>): one Graph JSON entry per line.</summary>
    JsonLines,
}
