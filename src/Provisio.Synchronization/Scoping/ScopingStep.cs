namespace Provisio.Synchronization.Scoping;

/// <summary>
/// The names Entra logs for the scoping step and the skip that follows it (reference: entra-engine-and-api §1.4): the
/// <c>EntrySynchronizationScoping</c> step's details keys, as in Graph's provisionOnDemand example
/// (<c>{"IsActive":"True","Assigned":"True","IsEffectivelyEntitledForProvisioning":"True",
/// "IsInProvisioningScopeDisplayName":"True","ScopeEvaluationResult":"{}"}</c>), and the skip reason.
/// </summary>
public static class ScopingStep
{
    public const string Name = "EntrySynchronizationScoping";

    public const string SkipStepName = "EntrySynchronizationSkip";

    /// <summary>
    /// The skip reason of an object out of scope, whatever the cause: not assigned, not entitled, failing a scoping filter
    /// (Microsoft Q&amp;A 1023522, 12571236), or disabled in the source (S14).
    /// </summary>
    public const string NotEffectivelyEntitled = "NotEffectivelyEntitled";

    public const string IsActive = "IsActive";

    public const string Assigned = "Assigned";

    public const string IsEffectivelyEntitledForProvisioning = "IsEffectivelyEntitledForProvisioning";

    /// <summary>Whether the object passed the scoping filter [inference: the older log line's "Passed scope filter"].</summary>
    public const string IsInProvisioningScopeDisplayName = "IsInProvisioningScopeDisplayName";

    public const string ScopeEvaluationResult = "ScopeEvaluationResult";

    public const string SkipReason = "SkipReason";

    /// <summary>The skip step's name for <see cref="IsInProvisioningScopeDisplayName"/>, as a 2026 log shows it (Q&amp;A 12571236).</summary>
    public const string IsInProvisioningScope = "IsInProvisioningScope";

    /// <summary>"Determine if User in scope by evaluating against each scoping filter" (Graph's provisionOnDemand example).</summary>
    public static string Describe(string objectTypeName) => $"Determine if {objectTypeName} in scope by evaluating against each scoping filter";
}
