namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>keyValue</c>: one of a <see cref="DirectoryAudit"/>'s <c>additionalDetails</c>.</summary>
public sealed record KeyValue(string? Key, string? Value);
