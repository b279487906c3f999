using Provisio.Api.Synchronization;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Tests.Synchronization;

/// <summary>The provisioning logs' <c>$filter</c> (reference entra-engine-and-api §7.1, §7.2) into a <see cref="ProvisioningLogQuery"/>.</summary>
public sealed class ProvisioningLogFilterTests
{
    private static readonly DateTimeOffset NewYear = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_NoFilter_EveryEntry()
    {
        ProvisioningLogFilter.Parse(null).Value.ShouldBe(new ProvisioningLogQuery());
        ProvisioningLogFilter.Parse("  ").Value.ShouldBe(new ProvisioningLogQuery());
    }

    [Fact]
    public void Parse_EveryEqualityProperty_MapsToTheQuery()
    {
        // Arrange
        var servicePrincipal = Guid.NewGuid();
        var filter = $"jobId eq 'scim.1' and cycleId eq 'c1' and changeId eq 'x1' and provisioningAction eq 'create' " +
            $"and provisioningStatusInfo/status eq 'failure' and provisioningStatusInfo/errorInformation/errorCode eq 'EntryConflict' " +
            $"and servicePrincipal/id eq '{servicePrincipal}' and sourceIdentity/id eq 'u1' and sourceIdentity/displayName eq 'Ana O''Neil'";

        // Act
        var query = ProvisioningLogFilter.Parse(filter).Value!;

        // Assert
        query.ShouldBe(new ProvisioningLogQuery
        {
            JobId = "scim.1",
            CycleId = "c1",
            ChangeId = "x1",
            Action = ProvisioningAction.Create,
            Status = ProvisioningResult.Failure,
            ErrorCode = "EntryConflict",
            ServicePrincipalId = servicePrincipal,
            IdentityId = "u1",
            IdentityDisplayName = "Ana O'Neil",
        });
    }

    [Theory]
    [InlineData("provisioningStatusInfo/status eq microsoft.graph.provisioningResult'failure'")]
    [InlineData("provisioningStatusInfo/status eq 'failure'")]
    [InlineData("ProvisioningStatusInfo/Status EQ 'Failure'")]
    [InlineData("(provisioningStatusInfo/status eq 'failure')")]
    public void Parse_StatusWrittenAnyGraphWay_Failure(string filter) =>
        ProvisioningLogFilter.Parse(filter).Value!.Status.ShouldBe(ProvisioningResult.Failure);

    [Theory]
    [InlineData("provisioningAction eq 'stagedDelete'", ProvisioningAction.StagedDelete)]
    [InlineData("provisioningAction eq 'stageddelete'", ProvisioningAction.StagedDelete)]
    [InlineData("provisioningAction eq microsoft.graph.provisioningAction'disable'", ProvisioningAction.Disable)]
    public void Parse_Action_GraphNames(string filter, ProvisioningAction expected) =>
        ProvisioningLogFilter.Parse(filter).Value!.Action.ShouldBe(expected);

    [Fact]
    public void Parse_TargetIdentity_MatchesEitherIdentity()
    {
        var query = ProvisioningLogFilter.Parse("targetIdentity/id eq 't1' and targetIdentity/displayName eq 'Bo'").Value!;

        query.IdentityId.ShouldBe("t1");
        query.IdentityDisplayName.ShouldBe("Bo");
    }

    [Theory]
    [InlineData("activityDateTime ge 2026-01-01T00:00:00Z", 0L, null)]
    [InlineData("activityDateTime gt 2026-01-01T00:00:00Z", 1L, null)]
    [InlineData("activityDateTime lt 2026-01-01T00:00:00Z", null, 0L)]
    [InlineData("activityDateTime le 2026-01-01T00:00:00Z", null, 1L)]
    [InlineData("activityDateTime eq 2026-01-01T00:00:00Z", 0L, 1L)]
    [InlineData("activityDateTime ge 2026-01-01T02:00:00+02:00", 0L, null)]
    [InlineData("activityDateTime ge 2026-01-01", 0L, null)]
    public void Parse_ActivityDateTime_InclusiveFromExclusiveTo(string filter, long? fromTicks, long? toTicks)
    {
        var query = ProvisioningLogFilter.Parse(filter).Value!;

        query.From.ShouldBe(fromTicks is { } from ? NewYear.AddTicks(from) : null);
        query.To.ShouldBe(toTicks is { } to ? NewYear.AddTicks(to) : null);
    }

    [Fact]
    public void Parse_SeveralBounds_TheNarrowestHold()
    {
        var query = ProvisioningLogFilter.Parse(
            "activityDateTime ge 2025-12-01T00:00:00Z and activityDateTime ge 2026-01-01T00:00:00Z and activityDateTime lt 2026-02-01T00:00:00Z and activityDateTime lt 2026-03-01T00:00:00Z").Value!;

        query.From.ShouldBe(NewYear);
        query.To.ShouldBe(NewYear.AddMonths(1));
    }

    [Theory]
    [InlineData("tenantId eq 'x'", "Request_UnsupportedQuery", "'tenantId'")]
    [InlineData("jobId ne 'x'", "Request_UnsupportedQuery", "'ne'")]
    [InlineData("startswith(provisioningAction, 'cr')", "Request_UnsupportedQuery", "'provisioningAction'")]
    [InlineData("endswith(jobId, 'x')", "Request_UnsupportedQuery", "'endswith'")]
    [InlineData("startswith(jobId, 12)", "Request_BadRequest", "startswith")]
    [InlineData("jobId eq 'a' or", "BadRequest", "position 15")]
    [InlineData("contains(jobId, 'x')", "Request_UnsupportedQuery", "'contains'")]
    [InlineData("not jobId eq 'x'", "Request_UnsupportedQuery", "'not'")]
    [InlineData("provisioningStatusInfo/status eq 'broken'", "Request_BadRequest", "'broken'")]
    [InlineData("provisioningStatusInfo/status eq microsoft.graph.provisioningAction'create'", "Request_BadRequest", "'provisioningStatusInfo/status'")]
    [InlineData("servicePrincipal/id eq 'not-a-guid'", "Request_BadRequest", "'not-a-guid'")]
    [InlineData("activityDateTime ge 2026-01-01T00:00:00", "Request_BadRequest", "'activityDateTime'")]
    [InlineData("activityDateTime ne 2026-01-01T00:00:00Z", "Request_UnsupportedQuery", "'ne'")]
    [InlineData("jobId eq scim", "Request_BadRequest", "'jobId'")]
    [InlineData("jobId eq 'x", "BadRequest", "unterminated string literal at position 9")]
    [InlineData("jobId eq", "BadRequest", "position 8")]
    [InlineData("jobId eq 'x' jobId", "BadRequest", "position 13")]
    [InlineData("(jobId eq 'x'", "BadRequest", "expected ')'")]
    [InlineData("jobId eq 'x' & cycleId eq 'y'", "BadRequest", "character '&'")]
    public void Parse_Unsupported_GraphErrorNamingIt(string filter, string code, string named)
    {
        var error = ProvisioningLogFilter.Parse(filter).Error!;

        error.Code.ShouldBe(code);
        error.Message.ShouldContain(named);
    }

    [Fact]
    public void Parse_UnknownProperty_PinsTheMessage() =>
        ProvisioningLogFilter.Parse("tenantId eq 'x'").Error!.Message.ShouldBe(
            "The property 'tenantId' is not supported in the $filter of provisioning logs; supported: jobId, cycleId, changeId, provisioningAction, " +
            "provisioningStatusInfo/status (or statusInfo/status), provisioningStatusInfo/errorInformation/errorCode (or statusInfo/errorCode), " +
            "servicePrincipal/id, sourceIdentity/id, targetIdentity/id, " +
            "sourceIdentity/displayName, targetIdentity/displayName (eq) and activityDateTime (eq, ge, gt, le, lt).");

    [Theory]
    [InlineData("statusInfo/status eq 'failure'")]
    [InlineData("provisioningStatusInfo/status eq 'failure'")]
    public void Parse_BetasStatusInfo_IsTheSameStatus(string filter) =>
        ProvisioningLogFilter.Parse(filter).Value!.Status.ShouldBe(Provisio.Synchronization.Logs.ProvisioningResult.Failure);

    [Fact]
    public void Parse_DeeplyNested_RefusedNotOverflowed()
    {
        var filter = new string('(', 100) + "jobId eq 'x'" + new string(')', 100);

        ProvisioningLogFilter.Parse(filter).Error!.Message.ShouldContain("nest more than");
    }

    [Fact]
    public void Parse_OrBetweenParenthesizedClauses_ConditionTreeBesideTheFoldedEqualities()
    {
        // Act
        var query = ProvisioningLogFilter.Parse(
            "jobId eq 'scim.1' and (provisioningStatusInfo/status eq 'failure' or provisioningStatusInfo/status eq 'warning') and activityDateTime ge 2026-01-01").Value!;

        // Assert: the equality and the bound stay indexed columns; the 'or' is the condition
        query.JobId.ShouldBe("scim.1");
        query.From.ShouldBe(NewYear);
        query.Status.ShouldBeNull();
        query.Condition.ShouldBe(new ProvisioningLogAny(
        [
            new ProvisioningLogComparison(ProvisioningLogProperty.Status, ProvisioningLogOperator.Equal, ProvisioningResult.Failure),
            new ProvisioningLogComparison(ProvisioningLogProperty.Status, ProvisioningLogOperator.Equal, ProvisioningResult.Warning),
        ]));
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var query = ProvisioningLogFilter.Parse("jobId eq 'a' and cycleId eq 'c' or jobId eq 'b'").Value!;

        query.JobId.ShouldBeNull();
        query.Condition.ShouldBe(new ProvisioningLogAny(
        [
            new ProvisioningLogAll(
            [
                new ProvisioningLogComparison(ProvisioningLogProperty.JobId, ProvisioningLogOperator.Equal, "a"),
                new ProvisioningLogComparison(ProvisioningLogProperty.CycleId, ProvisioningLogOperator.Equal, "c"),
            ]),
            new ProvisioningLogComparison(ProvisioningLogProperty.JobId, ProvisioningLogOperator.Equal, "b"),
        ]));
    }

    [Theory]
    [InlineData("startswith(sourceIdentity/displayName, 'Ana')", ProvisioningLogProperty.IdentityDisplayName, "Ana")]
    [InlineData("startswith(targetIdentity/displayName,'O''Ne') eq true", ProvisioningLogProperty.IdentityDisplayName, "O'Ne")]
    [InlineData("STARTSWITH(jobId, 'scim.')", ProvisioningLogProperty.JobId, "scim.")]
    [InlineData("startswith(provisioningStatusInfo/errorInformation/errorCode, 'Entry')", ProvisioningLogProperty.ErrorCode, "Entry")]
    [InlineData("startswith(targetIdentity/id, 'x-')", ProvisioningLogProperty.IdentityId, "x-")]
    public void Parse_StartsWith_APrefixCondition(string filter, ProvisioningLogProperty property, string prefix) =>
        ProvisioningLogFilter.Parse(filter).Value!.Condition.ShouldBe(new ProvisioningLogComparison(property, ProvisioningLogOperator.StartsWith, prefix));

    [Fact]
    public void Parse_SecondValueForAProperty_KeptAsACondition()
    {
        var query = ProvisioningLogFilter.Parse("jobId eq 'a' and jobId eq 'b'").Value!;

        query.JobId.ShouldBe("a");
        query.Condition.ShouldBe(new ProvisioningLogComparison(ProvisioningLogProperty.JobId, ProvisioningLogOperator.Equal, "b"));
    }

    [Fact]
    public void Parse_TooManyComparisons_Refused()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, ProvisioningLogFilter.MaximumComparisons + 1).Select(index => $"jobId eq 'j{index}'"));

        ProvisioningLogFilter.Parse(filter).Error!.Message.ShouldContain($"more than {ProvisioningLogFilter.MaximumComparisons} comparisons");
    }
}
