using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Pipeline;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>The checklist's judgments on reports made by hand, for the states an engine test cannot reach quickly.</summary>
public sealed class TroubleshootingChecklistTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_QuarantinedForMoreThanFourWeeksAndDisabled_SaysTheJobWasDisabled()
    {
        // Arrange
        var report = Report(state => state with
        {
            ScheduleState = SynchronizationScheduleState.Disabled,
            Quarantine = Quarantine(Now - QuarantineRules.DisableAfter - TimeSpan.FromHours(1)),
        });

        // Act
        var check = Check(report, TroubleshootingChecklist.InQuarantine);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Problem);
        check.Finding.ShouldContain("disabled after four weeks in quarantine");
        check.RecommendedAction.ShouldBe(QuarantineRules.RecommendedAction(QuarantineReason.EncounteredQuarantineException));
    }

    [Fact]
    public void Evaluate_QuarantinedJobNeverStarted_DoesNotClaimTheFourWeekDisable()
    {
        // Arrange: a job run by hand keeps its new schedule (Disabled)
        var report = Report(state => state with { ScheduleState = SynchronizationScheduleState.Disabled, Quarantine = Quarantine(Now - TimeSpan.FromHours(1)) });

        // Act
        var check = Check(report, TroubleshootingChecklist.InQuarantine);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Problem);
        check.Finding.ShouldNotContain("four weeks");
        check.Finding.ShouldContain("since 2026-12-01T08:00:00Z");
    }

    [Fact]
    public void Evaluate_SkippedCountTruncated_SaysOrMore()
    {
        // Arrange
        var report = Report() with
        {
            Skipped = new SkippedSummary
            {
                CycleId = "c1",
                Count = JobDiagnostician.SkippedRowLimit,
                Truncated = true,
                Groups = [new SkippedGroup { ErrorCode = ProvisioningErrorCodes.EntrySynchronizationSkipped, Reason = "Skip reason = NotEffectivelyEntitled", Count = JobDiagnostician.SkippedRowLimit, Examples = [] }],
            },
        };

        // Act
        var check = Check(report, TroubleshootingChecklist.UsersSkipped);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Warning);
        check.Finding.ShouldBe("The last cycle skipped 20,000 objects or more for scoping or matching, most with EntrySynchronizationSkipped (Skip reason = NotEffectivelyEntitled).");
    }

    [Fact]
    public void Evaluate_OnlyUnchangedObjectsSkipped_UsersSkippedOk()
    {
        // Arrange
        var report = Report() with
        {
            Skipped = new SkippedSummary
            {
                CycleId = "c1",
                Count = 3,
                Truncated = false,
                Groups = [new SkippedGroup { ErrorCode = ProvisioningErrorCodes.RedundantExport, Count = 3, Examples = [] }],
            },
        };

        // Act
        var check = Check(report, TroubleshootingChecklist.UsersSkipped);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Ok);
        check.Finding.ShouldContain("3 entries");
    }

    [Fact]
    public void Evaluate_MappingErrorsAmongFailures_WrongAttributesProblem()
    {
        // Arrange
        var report = Report() with
        {
            ObjectFailures = new FailureSummary
            {
                Count = 2,
                Groups = [new FailureGroup { ErrorCode = AttributeMappingErrorCodes.ExpressionEvaluationFailed, Count = 2, RecommendedAction = "x", Examples = [] }],
            },
        };

        // Act
        var check = Check(report, TroubleshootingChecklist.WrongAttributes);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Problem);
        check.Finding.ShouldStartWith("2 objects failed in attribute mapping (ExpressionEvaluationFailed)");
        check.RecommendedAction!.ShouldContain(FailureAdvice.ExpressionTester);
    }

    [Fact]
    public void Evaluate_ProtectionOff_MassDeletionsInfo()
    {
        // Arrange
        var report = Report() with
        {
            PendingDeletions = new PendingDeletionSummary { Count = 0, Approved = 0, Threshold = null, Examples = [], RecommendedAction = "x" },
        };

        // Act
        var check = Check(report, TroubleshootingChecklist.MassDeletionsPending);

        // Assert
        check.Status.ShouldBe(DiagnosisStatus.Info);
        check.Finding.ShouldContain("protection is off");
    }

    private static DiagnosisQuarantine Quarantine(DateTimeOffset began) => new()
    {
        Reason = QuarantineReason.EncounteredQuarantineException,
        SeriesBegan = began,
        CurrentBegan = began,
        NextAttempt = Now + TimeSpan.FromDays(1),
        RecommendedAction = QuarantineRules.RecommendedAction(QuarantineReason.EncounteredQuarantineException),
    };

    /// <summary>A healthy job's report: one completed cycle, two users provisioned, nothing failing.</summary>
    private static DiagnosisReport Report(Func<DiagnosisJobState, DiagnosisJobState>? state = null)
    {
        var healthy = new DiagnosisJobState
        {
            StatusCode = SynchronizationStatusCode.Active,
            ScheduleState = SynchronizationScheduleState.Active,
            Interval = SynchronizationSchedule.DefaultInterval,
            LastExecution = new SynchronizationTaskExecution { ActivityIdentifier = "c1", State = SynchronizationTaskExecutionResult.Succeeded, CountExported = 2 },
            SyncAll = true,
            CredentialsConfigured = true,
            DirectoryUsers = 2,
            ProvisionedByType = new Dictionary<string, long> { ["User"] = 2 },
        };
        return new DiagnosisReport
        {
            JobId = "scim.1",
            ServicePrincipalId = Guid.NewGuid(),
            GeneratedDateTime = Now,
            State = state is null ? healthy : state(healthy),
            ObjectFailures = new FailureSummary { Count = 0, Groups = [] },
            ReferenceFailures = new ReferenceFailureSummary { Count = 0, Pending = 0, Groups = [] },
            Skipped = new SkippedSummary { CycleId = "c1", Count = 0, Truncated = false, Groups = [] },
            PendingDeletions = new PendingDeletionSummary { Count = 0, Approved = 0, Threshold = 500, Examples = [], RecommendedAction = "x" },
        };
    }

    private static DiagnosisCheck Check(DiagnosisReport report, string symptom) =>
        TroubleshootingChecklist.Evaluate(report).Single(check => check.Symptom == symptom);
}
