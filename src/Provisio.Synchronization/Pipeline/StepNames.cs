namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The <c>provisioningStep.name</c> values a log entry carries (reference entra-engine-and-api §1.4: the names seen in
/// Graph's examples, the provisionOnDemand example and Microsoft's digest script). Names Entra does not document are
/// marked as ours and follow its pattern.
/// </summary>
public static class StepNames
{
    /// <summary>Import, initial cycle: "Retrieved User 'x' from Azure Active Directory".</summary>
    public const string EntryImport = "EntryImport";

    /// <summary>Import, incremental: "Received Group 'X' change of type (Add) from Azure Active Directory".</summary>
    public const string EntryImportAdd = "EntryImportAdd";

    public const string EntryImportUpdate = "EntryImportUpdate";

    public const string EntryImportDelete = "EntryImportDelete";

    public const string EntrySynchronizationScoping = "EntrySynchronizationScoping";

    /// <summary>Matching: no match, the object will be created.</summary>
    public const string EntrySynchronizationAdd = "EntrySynchronizationAdd";

    /// <summary>Matching: linked or matched, the object will be updated (ours, after EntrySynchronizationAdd).</summary>
    public const string EntrySynchronizationUpdate = "EntrySynchronizationUpdate";

    /// <summary>Matching: the object will be disabled in the target (ours).</summary>
    public const string EntrySynchronizationSoftDelete = "EntrySynchronizationSoftDelete";

    /// <summary>Matching: the object will be deleted in the target (ours).</summary>
    public const string EntrySynchronizationDelete = "EntrySynchronizationDelete";

    /// <summary>Nothing to do: out of scope, or source and target already agree (<c>SkipReason</c>).</summary>
    public const string EntrySynchronizationSkip = "EntrySynchronizationSkip";

    /// <summary>A delete or disable held by accidental-deletion protection (Provisio's name; Entra logs the action as <c>StagedDelete</c>).</summary>
    public const string EntrySynchronizationStaged = "EntrySynchronizationStaged";

    /// <summary>On-demand: the attribute mapping table, each target attribute's mapping and value (ours).</summary>
    public const string EntryAttributeMapping = "EntryAttributeMapping";

    /// <summary>Processing failed: an attribute could not be mapped (ours).</summary>
    public const string EntrySynchronizationError = "EntrySynchronizationError";

    public const string EntryExportAdd = "EntryExportAdd";

    public const string EntryExportUpdate = "EntryExportUpdate";

    public const string EntryExportUpdateSoftDelete = "EntryExportUpdateSoftDelete";

    public const string EntryExportDelete = "EntryExportDelete";

    /// <summary>A reference (manager, members) resolved to target ids and exported (ours).</summary>
    public const string EntryReferenceResolution = "EntryReferenceResolution";
}
