namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Whether one object is in provisioning scope, what follows, and how the <c>EntrySynchronizationScoping</c> step (and,
/// when skipped, the <c>EntrySynchronizationSkip</c> step) logs it. Made by <see cref="ProvisioningScope.Decide"/>.
/// </summary>
public sealed record ScopeDecision
{
    /// <summary>Active, effectively entitled, and passing the scoping filter.</summary>
    public required bool IsInScope { get; init; }

    /// <summary>A user enabled and not soft-deleted; a group not soft-deleted.</summary>
    public required bool IsActive { get; init; }

    /// <summary>Assigned to the application directly, or through a security group it is a direct member of.</summary>
    public required bool IsAssigned { get; init; }

    /// <summary>Sync all, or an assignment whose role entitles provisioning (the on-demand "User has required role").</summary>
    public required bool IsEffectivelyEntitled { get; init; }

    public required ScopingFilterResult Filter { get; init; }

    /// <summary>
    /// The computed source attribute <c>IsSoftDeleted</c>: true when the object is unassigned, fails the scoping filter,
    /// is soft-deleted or has <c>accountEnabled</c> = false (reference §1.7, S5), i.e. whenever it is not in scope.
    /// </summary>
    public bool IsSoftDeleted => !IsInScope;

    public required ScopeAction Action { get; init; }

    /// <summary><see cref="ScopingStep.NotEffectivelyEntitled"/> when <see cref="Action"/> is Skip; otherwise null.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The scoping step's description: "Determine if User in scope by evaluating against each scoping filter".</summary>
    public required string StepDescription { get; init; }

    /// <summary>The scoping step's details, in Entra's key order (<see cref="ScopingStep"/>), values "True"/"False".</summary>
    public required IReadOnlyDictionary<string, string> Details { get; init; }

    /// <summary>Why the object is out of scope, in Entra's words ("The User 'x' will be skipped due to the following reasons: 1) …"); null in scope.</summary>
    public string? Description { get; init; }

    /// <summary>The skip step's details (<c>SkipReason</c>, <c>IsActive</c>, <c>Assigned</c>, <c>IsInProvisioningScope</c>, <c>ScopeEvaluationResult</c>); null unless skipped.</summary>
    public IReadOnlyDictionary<string, string>? SkipDetails { get; init; }

    /// <summary>
    /// One line for the log entry; for a skip the older log's form, "Skip reason = NotEffectivelyEntitled, Active = True,
    /// Assigned = False, Passed scope filter: True" (azure-docs issue 22948); null in scope.
    /// </summary>
    public string? Reason { get; init; }
}
