namespace Provisio.Synchronization.Pipeline;

/// <summary>The engine's own error codes for log entries and escrows, Entra's where it has one (reference entra-engine-and-api §7.4).</summary>
public static class ProvisioningErrorCodes
{
    /// <summary>The object has no value for any matching attribute.</summary>
    public const string ImportSkipped = "ImportSkipped";

    /// <summary>No action needed, or out of scope.</summary>
    public const string EntrySynchronizationSkipped = "EntrySynchronizationSkipped";

    /// <summary>Source and target already agree (on-demand's <c>RedundantExport</c>).</summary>
    public const string RedundantExport = "RedundantExport";

    /// <summary>A delete or disable held because the cycle would exceed the accidental-deletion threshold (reference §3).</summary>
    public const string DeletionThresholdExceeded = "DeletionThresholdExceeded";

    /// <summary>A referenced object (manager, member) is not in the target: it failed to provision (reference §1.4, S19).</summary>
    public const string UnableToResolveReferenceAttributeValue = "UnableToResolveReferenceAttributeValue";

    /// <summary>
    /// Ours: a reference whose object comes later in the same cycle; resolved before the cycle ends, never counted as a
    /// failure once the cycle is over.
    /// </summary>
    public const string ReferencePending = "ReferencePending";

    /// <summary>An error inside the service.</summary>
    public const string InternalError = "InternalError";
}
