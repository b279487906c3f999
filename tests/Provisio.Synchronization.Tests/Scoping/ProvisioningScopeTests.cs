using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Scoping;
using static Provisio.Synchronization.Tests.Scoping.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

public sealed class ProvisioningScopeTests
{
    private const string NotAssigned = "This object is not assigned to the application. If you did not expect the object to be skipped, " +
        "assign the object to the application or change your scoping filter to allow all users and groups to be in scope for provisioning.";

    private const string NotEntitled = "This object does not have required entitlement for provisioning. If you did not expect the object " +
        "to be skipped, update the provisioning scope to 'Sync all users and groups' or assign the object to the application with " +
        "entitlement of provisioning category";

    private const string FailedFilter = "This object did not pass a scoping filter. If you did not expect the object to be skipped, please " +
        "review your scoping filters and ensure that the object passes your specified scoping criteria.";

    private static readonly Guid SalesRole = Guid.Parse("7c4a2b7e-2f0e-4c5e-9d53-64c1b1f0a001");

    private static EntitlementFacts User(params ApplicationAssignment[] assignments) =>
        new() { ObjectTypeName = "User", ReportableIdentifier = "alice@contoso.com", Assignments = assignments };

    private static EntitlementFacts Group(params ApplicationAssignment[] assignments) =>
        new() { ObjectTypeName = "Group", ReportableIdentifier = "Sales", Assignments = assignments };

    private static ScopingFilterResult Failing { get; } = ScopingFilterEvaluator
        .Compile(Filter(Scoping.Group("Sales", Clause("department", "EQUALS", "Sales"))))
        .Evaluate(new AttributeBag().Set("department", "Support"));

    private static ScopeDecision Decide(EntitlementFacts facts, ScopingFilterResult? filter = null) =>
        ProvisioningScope.Decide(facts, filter ?? ScopingFilterResult.NoFilter);

    [Fact]
    public void Decide_AssignedActiveUserWithoutFilter_IsInScopeWithEntrasDetails()
    {
        var decision = Decide(User(ApplicationAssignment.Direct()));

        decision.IsInScope.ShouldBeTrue();
        decision.IsSoftDeleted.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Provision);
        decision.SkipReason.ShouldBeNull();
        decision.Reason.ShouldBeNull();
        decision.Description.ShouldBeNull();
        decision.SkipDetails.ShouldBeNull();
        // Graph's provisionOnDemand example, step EntrySynchronizationScoping.
        decision.StepDescription.ShouldBe("Determine if User in scope by evaluating against each scoping filter");
        decision.Details.ToArray().ShouldBe(
        [
            new("IsActive", "True"),
            new("Assigned", "True"),
            new("IsEffectivelyEntitledForProvisioning", "True"),
            new("IsInProvisioningScopeDisplayName", "True"),
            new("ScopeEvaluationResult", "{}"),
        ]);
    }

    [Fact]
    public void Decide_UnassignedUserSyncAssigned_IsSkippedAsNotEffectivelyEntitled()
    {
        var decision = Decide(User());

        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.SkipReason.ShouldBe("NotEffectivelyEntitled");
        // azure-docs issue 22948: "Skip reason = NotEffectivelyEntitled, Active = True, Assigned = False, Passed scope filter: True"
        decision.Reason.ShouldBe("Skip reason = NotEffectivelyEntitled, Active = True, Assigned = False, Passed scope filter: True");
        decision.Description.ShouldBe($"The User 'alice@contoso.com' will be skipped due to the following reasons: 1) {NotAssigned} 2) {NotEntitled}");
        decision.Details[ScopingStep.Assigned].ShouldBe("False");
        decision.Details[ScopingStep.IsEffectivelyEntitledForProvisioning].ShouldBe("False");
    }

    [Fact]
    public void Decide_UnassignedUserSyncAll_IsInScope()
    {
        var decision = Decide(User() with { SyncAll = true });

        decision.IsInScope.ShouldBeTrue();
        decision.IsAssigned.ShouldBeFalse();
        decision.IsEffectivelyEntitled.ShouldBeTrue();
        decision.Details[ScopingStep.Assigned].ShouldBe("False");
    }

    [Fact]
    public void Decide_SyncAllButFailingFilter_IsSkippedForTheFilterOnly()
    {
        var decision = Decide(User() with { SyncAll = true }, Failing);

        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.Description.ShouldBe($"The User 'alice@contoso.com' will be skipped due to the following reasons: 1) {FailedFilter}");
        decision.Details[ScopingStep.IsInProvisioningScopeDisplayName].ShouldBe("False");
        decision.Details[ScopingStep.ScopeEvaluationResult].ShouldBe("""{"Sales.department EQUALS Sales":false}""");
    }

    [Fact]
    public void Decide_ObservedLog_UnassignedAndFailingFilter_ListsEveryReason()
    {
        // learn.microsoft.com/answers/a/12571236: SkipReason NotEffectivelyEntitled, IsActive True, Assigned False,
        // IsInProvisioningScope False, {"On-prem Owned Users.dirSyncEnabled IS TRUE": false}, all three reasons.
        var filter = ScopingFilterEvaluator.Compile(Filter(Scoping.Group("On-prem Owned Users", Clause("dirSyncEnabled", "IS TRUE"))))
            .Evaluate(new AttributeBag().Set("dirSyncEnabled", ExpressionValue.False));

        var decision = Decide(User() with { ReportableIdentifier = "demo02" }, filter);

        decision.Description.ShouldBe($"The User 'demo02' will be skipped due to the following reasons: 1) {NotAssigned} 2) {NotEntitled} 3) {FailedFilter}");
        decision.SkipDetails!.ToArray().ShouldBe(
        [
            new("SkipReason", "NotEffectivelyEntitled"),
            new("IsActive", "True"),
            new("Assigned", "False"),
            new("IsInProvisioningScope", "False"),
            new("ScopeEvaluationResult", """{"On-prem Owned Users.dirSyncEnabled IS TRUE":false}"""),
        ]);
    }

    [Fact]
    public void Decide_DirectMemberOfAssignedSecurityGroup_IsAssigned()
    {
        var decision = Decide(User(ApplicationAssignment.ThroughGroup("g-sales")));

        decision.IsAssigned.ShouldBeTrue();
        decision.IsInScope.ShouldBeTrue();
    }

    [Fact]
    public void Decide_MemberOfAssignedNonSecurityGroup_IsNotAssigned()
    {
        // §1.5: the group must be securityEnabled.
        var decision = Decide(User(ApplicationAssignment.ThroughGroup("m365-sales", securityEnabled: false)));

        decision.IsAssigned.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Skip);
    }

    [Fact]
    public void Decide_NestedMemberOfAssignedGroup_IsNotAssigned()
    {
        // §1.5: "only direct members of an assigned group are in scope".
        var decision = Decide(User(ApplicationAssignment.ThroughGroup("g-sales", isDirectMember: false)));

        decision.IsAssigned.ShouldBeFalse();
        decision.IsInScope.ShouldBeFalse();
    }

    [Fact]
    public void Decide_NestedAndDirectAssignments_DirectOneCounts()
    {
        Decide(User(ApplicationAssignment.ThroughGroup("g-parent", isDirectMember: false), ApplicationAssignment.Direct()))
            .IsInScope.ShouldBeTrue();
    }

    [Fact]
    public void Decide_DefaultAccessOnAnOldConfiguration_IsAssignedButNotEntitled()
    {
        // S14: configurations before 2020-04-16 skipped default-access users as not effectively entitled.
        var decision = Decide(User(ApplicationAssignment.Direct()) with { DefaultAccessEntitled = false });

        decision.IsAssigned.ShouldBeTrue();
        decision.IsEffectivelyEntitled.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.Description.ShouldBe($"The User 'alice@contoso.com' will be skipped due to the following reasons: 1) {NotEntitled}");
    }

    [Fact]
    public void Decide_RealRoleOnAnOldConfiguration_IsEntitled()
    {
        Decide(User(ApplicationAssignment.Direct(SalesRole)) with { DefaultAccessEntitled = false }).IsInScope.ShouldBeTrue();
        Decide(User(ApplicationAssignment.ThroughGroup("g-sales", appRoleId: SalesRole)) with { DefaultAccessEntitled = false })
            .IsInScope.ShouldBeTrue();
    }

    [Fact]
    public void Decide_DisabledUserNeverProvisioned_IsSkippedAsNotEffectivelyEntitled()
    {
        // §1.5: users must be active; S14: disabled accounts are skipped as NotEffectivelyEntitled.
        var decision = Decide(User(ApplicationAssignment.Direct()) with { AccountEnabled = false });

        decision.IsActive.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.SkipReason.ShouldBe(ScopingStep.NotEffectivelyEntitled);
        decision.Reason.ShouldBe("Skip reason = NotEffectivelyEntitled, Active = False, Assigned = True, Passed scope filter: True");
        decision.Details[ScopingStep.IsActive].ShouldBe("False");
    }

    [Fact]
    public void Decide_ProvisionedUserNowDisabled_IsDisabledEvenWithSkipOutOfScopeDeletions()
    {
        // §1.3 step 8: accountEnabled = false → disable via update; S1: only removing the IsSoftDeleted mapping stops that.
        var decision = Decide(User(ApplicationAssignment.Direct()) with { AccountEnabled = false, WasInScope = true, SkipOutOfScopeDeletions = true });

        decision.Action.ShouldBe(ScopeAction.Disable);
        decision.IsSoftDeleted.ShouldBeTrue();
        decision.SkipReason.ShouldBeNull();
        decision.SkipDetails.ShouldBeNull();
        decision.Reason.ShouldBe("Out of scope, disabled in the target: Active = False, Assigned = True, Passed scope filter: True");
    }

    [Fact]
    public void Decide_ProvisionedUserNowSoftDeleted_IsDisabled()
    {
        var decision = Decide(User(ApplicationAssignment.Direct()) with { SoftDeleted = true, WasInScope = true });

        decision.IsActive.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Disable);
        decision.Description.ShouldBe("The User 'alice@contoso.com' is no longer in scope and will be disabled in the target (IsSoftDeleted = True). " +
            "Reasons: 1) This object is not active in the source system: it is disabled or deleted, and provisioning a disabled or deleted object isn't supported.");
    }

    [Fact]
    public void Decide_ProvisionedUserNowUnassigned_IsDisabled()
    {
        // §1.3 step 7: previously in scope, now out of scope (incl. unassigned) → disable via update.
        Decide(User() with { WasInScope = true }).Action.ShouldBe(ScopeAction.Disable);
        Decide(User(ApplicationAssignment.Direct()) with { WasInScope = true }, Failing).Action.ShouldBe(ScopeAction.Disable);
    }

    [Fact]
    public void Decide_ProvisionedUserOutOfScopeWithSkipOutOfScopeDeletions_IsLeftAlone()
    {
        // S8: accounts going out of scope are not disabled.
        var decision = Decide(User() with { WasInScope = true, SkipOutOfScopeDeletions = true });

        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.IsSoftDeleted.ShouldBeTrue();
        decision.SkipReason.ShouldBe(ScopingStep.NotEffectivelyEntitled);
        decision.Description.ShouldBe("The User 'alice@contoso.com' went out of scope, but SkipOutOfScopeDeletions is set, so it is left as it is " +
            $"in the target. Reasons: 1) {NotAssigned} 2) {NotEntitled}");
    }

    [Fact]
    public void Decide_ProvisionedUserStillInScope_IsProvisioned()
    {
        Decide(User(ApplicationAssignment.Direct()) with { WasInScope = true }).Action.ShouldBe(ScopeAction.Provision);
    }

    public static TheoryData<string, EntitlementFacts, bool> OutOfScopeCases => new()
    {
        { "unassigned", User(), false },
        { "failing the scoping filter", User(ApplicationAssignment.Direct()), true },
        { "soft-deleted", User(ApplicationAssignment.Direct()) with { SoftDeleted = true }, false },
        { "accountEnabled = false", User(ApplicationAssignment.Direct()) with { AccountEnabled = false }, false },
    };

    [Theory]
    [MemberData(nameof(OutOfScopeCases))]
    public void Decide_AnyOutOfScopeCause_ReadsAsIsSoftDeleted(string cause, EntitlementFacts facts, bool failFilter)
    {
        // §1.7, S5: IsSoftDeleted is true when unassigned, failing scoping filter, soft-deleted, or accountEnabled = false.
        var decision = Decide(facts with { WasInScope = true }, failFilter ? Failing : null);

        decision.IsSoftDeleted.ShouldBeTrue(cause);
        decision.Action.ShouldBe(ScopeAction.Disable, cause);
    }

    [Fact]
    public void Decide_AssignedGroup_IsInScopeAndIgnoresAccountEnabled()
    {
        var decision = Decide(Group(ApplicationAssignment.Direct()) with { AccountEnabled = false });

        decision.IsInScope.ShouldBeTrue();
        decision.StepDescription.ShouldBe("Determine if Group in scope by evaluating against each scoping filter");
    }

    [Fact]
    public void Decide_GroupInsideAnAssignedGroup_IsNotAssigned()
    {
        // S9: provisioning nested groups beyond the first level is not supported.
        var decision = Decide(Group(ApplicationAssignment.ThroughGroup("g-parent")));

        decision.IsAssigned.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Skip);
        decision.Description.ShouldBe($"The Group 'Sales' will be skipped due to the following reasons: 1) {NotAssigned} 2) {NotEntitled}");
    }

    [Fact]
    public void Decide_UnassignedGroupSyncAll_IsInScope()
    {
        Decide(Group() with { SyncAll = true }).IsInScope.ShouldBeTrue();
    }

    [Fact]
    public void Decide_SoftDeletedGroupThatWasProvisioned_IsDisabled()
    {
        var decision = Decide(Group(ApplicationAssignment.Direct()) with { SoftDeleted = true, WasInScope = true });

        decision.IsActive.ShouldBeFalse();
        decision.Action.ShouldBe(ScopeAction.Disable);
    }

    [Fact]
    public void Decide_NoIdentifier_NamesTheObjectType()
    {
        Decide(User() with { ReportableIdentifier = null }).Description.ShouldStartWith("The User will be skipped due to the following reasons: 1) ");
    }
}
