namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Decides whether an object is in provisioning scope (reference: entra-engine-and-api §1.5) from facts the caller
/// gathered and the object's scoping-filter result, and what follows: provision it, skip it, or disable what was
/// provisioned (§1.3, §1.7). A pure function: no directory, no clock, no I/O.
/// </summary>
public static class ProvisioningScope
{
    // Entra's skip description, reason by reason, as a provisioning log shows it (Microsoft Q&A 1023522,
    // https://learn.microsoft.com/answers/questions/1023522); only the reasons that apply are listed, numbered from 1
    // (https://pinter.org/archives/11249 shows "1) This object does not have required entitlement …" alone).
    private const string NotAssignedText = "This object is not assigned to the application. If you did not expect the object to be " +
        "skipped, assign the object to the application or change your scoping filter to allow all users and groups to be in scope for provisioning.";

    private const string NotEntitledText = "This object does not have required entitlement for provisioning. If you did not expect the " +
        "object to be skipped, update the provisioning scope to 'Sync all users and groups' or assign the object to the application " +
        "with entitlement of provisioning category";

    private const string FailedFilterText = "This object did not pass a scoping filter. If you did not expect the object to be skipped, " +
        "please review your scoping filters and ensure that the object passes your specified scoping criteria.";

    // Ours: Entra skips disabled users as NotEffectivelyEntitled (S14) without a documented sentence.
    private const string InactiveText = "This object is not active in the source system: it is disabled or deleted, and provisioning " +
        "a disabled or deleted object isn't supported.";

    public static ScopeDecision Decide(EntitlementFacts facts, ScopingFilterResult filter)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(filter);
        var isGroup = string.Equals(facts.ObjectTypeName, "Group", StringComparison.OrdinalIgnoreCase);

        // §1.5: "Users must be active in source to be provisioned"; §1.7: soft-deleted objects are not in scope.
        var isActive = !facts.SoftDeleted && (isGroup || facts.AccountEnabled);

        // §1.5: assignment through a group needs a security group, and "only direct members of an assigned group are in
        // scope"; groups in an assigned group are nested groups, not provisioned (S9 "beyond the first level", S6).
        var counted = facts.Assignments.Where(assignment => assignment.Through is null
            || (!isGroup && assignment.Through.SecurityEnabled && assignment.Through.IsDirectMember)).ToArray();
        var isAssigned = counted.Length > 0;

        // §1.5: Sync all entitles everyone; otherwise an assignment must carry a role that entitles provisioning, the
        // default access role only on configurations that evaluate it (S14).
        var isEntitled = facts.SyncAll
            || counted.Any(assignment => assignment.AppRoleId != ApplicationAssignment.DefaultAccess || facts.DefaultAccessEntitled);

        var isInScope = isActive && isEntitled && filter.Passed;
        var action = Act(facts, isInScope, isActive);

        var details = new OrderedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ScopingStep.IsActive] = Flag(isActive),
            [ScopingStep.Assigned] = Flag(isAssigned),
            [ScopingStep.IsEffectivelyEntitledForProvisioning] = Flag(isEntitled),
            [ScopingStep.IsInProvisioningScopeDisplayName] = Flag(filter.Passed),
            [ScopingStep.ScopeEvaluationResult] = filter.ScopeEvaluationResult,
        };

        var reasons = new List<string>();
        if (!facts.SyncAll && !isAssigned)
        {
            reasons.Add(NotAssignedText);
        }

        if (!isEntitled)
        {
            reasons.Add(NotEntitledText);
        }

        if (!filter.Passed)
        {
            reasons.Add(FailedFilterText);
        }

        if (!isActive)
        {
            reasons.Add(InactiveText);
        }

        var summary = $"Active = {Flag(isActive)}, Assigned = {Flag(isAssigned)}, Passed scope filter: {Flag(filter.Passed)}";
        return new()
        {
            IsInScope = isInScope,
            IsActive = isActive,
            IsAssigned = isAssigned,
            IsEffectivelyEntitled = isEntitled,
            Filter = filter,
            Action = action,
            SkipReason = action == ScopeAction.Skip ? ScopingStep.NotEffectivelyEntitled : null,
            StepDescription = ScopingStep.Describe(facts.ObjectTypeName),
            Details = details,
            Description = action switch
            {
                ScopeAction.Provision => null,
                ScopeAction.Skip when facts.WasInScope => $"{Name(facts)} went out of scope, but SkipOutOfScopeDeletions is set, so it is " +
                    $"left as it is in the target. Reasons: {Number(reasons)}",
                ScopeAction.Skip => $"{Name(facts)} will be skipped due to the following reasons: {Number(reasons)}",
                _ => $"{Name(facts)} is no longer in scope and will be disabled in the target (IsSoftDeleted = True). Reasons: {Number(reasons)}",
            },
            SkipDetails = action != ScopeAction.Skip ? null : new OrderedDictionary<string, string>(StringComparer.Ordinal)
            {
                [ScopingStep.SkipReason] = ScopingStep.NotEffectivelyEntitled,
                [ScopingStep.IsActive] = Flag(isActive),
                [ScopingStep.Assigned] = Flag(isAssigned),
                [ScopingStep.IsInProvisioningScope] = Flag(filter.Passed),
                [ScopingStep.ScopeEvaluationResult] = filter.ScopeEvaluationResult,
            },
            Reason = action switch
            {
                ScopeAction.Provision => null,
                ScopeAction.Skip => $"Skip reason = {ScopingStep.NotEffectivelyEntitled}, {summary}",
                _ => $"Out of scope, disabled in the target: {summary}",
            },
        };
    }

    private static ScopeAction Act(EntitlementFacts facts, bool isInScope, bool isActive)
    {
        if (isInScope)
        {
            return ScopeAction.Provision;
        }

        if (!facts.WasInScope)
        {
            // Never provisioned: nothing to undo (§1.2 "out-of-scope objects appear as Skipped").
            return ScopeAction.Skip;
        }

        // §1.3 steps 7 and 8: previously in scope, now out of scope, unassigned, disabled or soft-deleted → disable by
        // update. SkipOutOfScopeDeletions keeps accounts that go out of scope (S8); a disabled or soft-deleted object still
        // flows IsSoftDeleted, which only removing that mapping stops (S1's deprovisioning table).
        return facts.SkipOutOfScopeDeletions && isActive ? ScopeAction.Skip : ScopeAction.Disable;
    }

    private static string Flag(bool value) => value ? "True" : "False";

    private static string Name(EntitlementFacts facts) => string.IsNullOrEmpty(facts.ReportableIdentifier)
        ? $"The {facts.ObjectTypeName}"
        : $"The {facts.ObjectTypeName} '{facts.ReportableIdentifier}'";

    private static string Number(List<string> reasons) => string.Join(" ", reasons.Select((reason, i) => $"{i + 1}) {reason}"));
}
