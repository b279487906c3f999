using Provisio.Synchronization.Logs;
using Provisio.Scim.Client;

namespace Provisio.Synchronization.Export;

/// <summary>
/// What updating one object exports: the changes for one PATCH (only what differs from what the target last received),
/// the <c>modifiedProperties</c> of its log entry, and the values to keep as last exported once the PATCH succeeds.
/// </summary>
public sealed record UpdateExport(IReadOnlyList<ScimChange> Changes, IReadOnlyList<ModifiedProperty> ModifiedProperties, ExportedValues State)
{
    /// <summary>
    /// Nothing to send: source and target already agree, which Entra logs as skipped with <c>RedundantExport</c>
    /// (reference entra-engine-and-api §1.4, <c>EntrySynchronizationSkip</c>).
    /// </summary>
    public bool IsRedundant => Changes.Count == 0;
}
