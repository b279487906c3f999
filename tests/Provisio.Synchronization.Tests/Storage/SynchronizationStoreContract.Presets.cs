using Provisio.Scim.Client;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>The troubleshooting checklist's log presets (<see cref="ProvisioningLogPresets"/>) over a log holding one entry of each kind.</summary>
public abstract partial class SynchronizationStoreContract
{
    [Theory]
    [InlineData(ProvisioningLogPresets.NoUsersProvisioned, new[] { "P01", "P03", "P05", "P07", "P08", "P15" })]
    [InlineData(ProvisioningLogPresets.UsersSkipped, new[] { "P01", "P02", "P03" })]
    [InlineData(ProvisioningLogPresets.WrongAttributes, new[] { "P05", "P06" })]
    [InlineData(ProvisioningLogPresets.DuplicateUsers, new[] { "P07", "P08", "P17" })]
    [InlineData(ProvisioningLogPresets.AllOperationsFailing, new[] { "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P15", "P17" })]
    [InlineData(ProvisioningLogPresets.JobInQuarantine, new[] { "P05", "P06", "P07", "P08", "P11", "P15", "P17" })]
    [InlineData(ProvisioningLogPresets.ManagerAssignmentsFailing, new[] { "P09" })]
    [InlineData(ProvisioningLogPresets.MassDeletionsPending, new[] { "P12" })]
    public async Task QueryLogs_Preset_ReturnsExactlyItsEntriesOfTheJob_NewestFirst_AndCountsThem(string name, string[] expected)
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(PresetLogs());
        await store.WriteAsync(JobId, write, Cancellation);
        var preset = ProvisioningLogPresets.Find(name).ShouldNotBeNull();

        // Act
        var query = preset.Apply(new ProvisioningLogQuery { JobId = JobId, Top = 100 });
        var page = await store.QueryLogsAsync(query, Cancellation);
        var count = await store.CountLogsAsync(query, Cancellation);

        // Assert: exactly these, newest first; the other job's entry of every kind left out
        page.Entries.Select(log => log.Id).ShouldBe(expected.Reverse());
        count.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task QueryLogs_PresetWithTimeAndIdentityConditions_KeepsThemAll()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(PresetLogs());
        await store.WriteAsync(JobId, write, Cancellation);
        var failing = ProvisioningLogPresets.Find(ProvisioningLogPresets.AllOperationsFailing)!;
        var identity = new ProvisioningLogComparison(ProvisioningLogProperty.IdentityDisplayName, ProvisioningLogOperator.StartsWith, "User P0");

        // Act
        var recent = await store.QueryLogsAsync(failing.Apply(new ProvisioningLogQuery { JobId = JobId, From = T0.AddSeconds(8), To = T0.AddSeconds(16) }), Cancellation);
        var named = await store.QueryLogsAsync(failing.Apply(new ProvisioningLogQuery { JobId = JobId, Condition = identity }), Cancellation);
        var everyJob = await store.CountLogsAsync(failing.Apply(new ProvisioningLogQuery()), Cancellation);

        // Assert
        recent.Entries.Select(log => log.Id).ShouldBe(["P15", "P11", "P10", "P09", "P08"]);
        named.Entries.Select(log => log.Id).ShouldBe(["P09", "P08", "P07", "P06", "P05"]);
        everyJob.ShouldBe(2 * 9, "the other job's failures too");
    }

    [Fact]
    public void Presets_OnePerChecklistRow_InItsOrder_KebabCaseNames()
    {
        ProvisioningLogPresets.All.Select(preset => preset.Symptom).ShouldBe(TroubleshootingChecklist.Rows.Select(row => row.Symptom));
        ProvisioningLogPresets.All.Select(preset => preset.FirstThingToCheck).ShouldBe(TroubleshootingChecklist.Rows.Select(row => row.FirstThingToCheck));
        ProvisioningLogPresets.Names.ShouldBe(
        [
            "no-users-provisioned", "users-skipped", "wrong-attributes", "duplicate-users", "all-operations-failing", "job-in-quarantine",
            "manager-assignments-failing", "mass-deletions-pending",
        ]);
        ProvisioningLogPresets.Find("Users-Skipped").ShouldBeNull("names are exact");
        ProvisioningLogPresets.ForSymptom(TroubleshootingChecklist.ManagerAssignmentsFailing)!.Name.ShouldBe(ProvisioningLogPresets.ManagerAssignmentsFailing);
    }

    /// <summary>
    /// One entry of each kind the presets tell apart, a second apart (P01 oldest), and the other job's copy of each
    /// (which no job-scoped preset may return).
    /// </summary>
    protected static IEnumerable<ProvisioningObjectSummary> PresetLogs()
    {
        var logs = new List<ProvisioningObjectSummary>
        {
            Entry("P01", "User", ProvisioningAction.Other, ProvisioningResult.Skipped, ProvisioningErrorCodes.EntrySynchronizationSkipped, null),
            Entry("P02", "Group", ProvisioningAction.Other, ProvisioningResult.Skipped, ProvisioningErrorCodes.EntrySynchronizationSkipped, null),
            Entry("P03", "User", ProvisioningAction.Other, ProvisioningResult.Skipped, ProvisioningErrorCodes.ImportSkipped, null),
            Entry("P04", "User", ProvisioningAction.Other, ProvisioningResult.Skipped, ProvisioningErrorCodes.RedundantExport, null),
            Entry("P05", "User", ProvisioningAction.Create, ProvisioningResult.Failure, ScimErrorCodes.MandatoryFieldsMissing, ProvisioningStepType.Export),
            Entry("P06", "User", ProvisioningAction.Update, ProvisioningResult.Failure, AttributeMappingErrorCodes.ExpressionEvaluationFailed, ProvisioningStepType.Processing),
            Entry("P07", "User", ProvisioningAction.Create, ProvisioningResult.Failure, ScimErrorCodes.EntryConflict, ProvisioningStepType.Export),
            Entry("P08", "User", ProvisioningAction.Other, ProvisioningResult.Failure, ScimErrorCodes.MultipleEntriesInResponse, ProvisioningStepType.Matching),
            // created, then its manager failed: a reference failure, not a user left unprovisioned
            Entry("P09", "User", ProvisioningAction.Create, ProvisioningResult.Failure, ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue, ProvisioningStepType.ReferenceResolution),
            // a group's members: a reference failure, but not a manager
            Entry("P10", "Group", ProvisioningAction.Update, ProvisioningResult.Failure, ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue, ProvisioningStepType.ReferenceResolution),
            // a failure with no step recorded
            Entry("P11", "User", ProvisioningAction.Update, ProvisioningResult.Failure, ScimErrorCodes.InternalServerError, null),
            Entry("P12", "User", ProvisioningAction.StagedDelete, ProvisioningResult.Skipped, ProvisioningErrorCodes.DeletionThresholdExceeded, null),
            Entry("P13", "User", ProvisioningAction.Delete, ProvisioningResult.Success, null, null),
            Entry("P14", "User", ProvisioningAction.Create, ProvisioningResult.Success, null, null),
            Entry("P15", "User", ProvisioningAction.Create, ProvisioningResult.Failure, ScimErrorCodes.CredentialsInvalid, ProvisioningStepType.Export),
            Entry("P16", "User", ProvisioningAction.Update, ProvisioningResult.Warning, null, null),
            Entry("P17", "Group", ProvisioningAction.Create, ProvisioningResult.Failure, ScimErrorCodes.EntryConflict, ProvisioningStepType.Export),
        };
        return [.. logs, .. logs.Select(log => log with { Id = "other-" + log.Id, JobId = "scim.other", ChangeId = "other-" + log.ChangeId })];

        static ProvisioningObjectSummary Entry(string id, string type, ProvisioningAction action, ProvisioningResult status, string? code, ProvisioningStepType? failedStep)
        {
            var second = int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);
            List<ProvisioningStep> steps = [new() { Name = "EntryImport", ProvisioningStepType = ProvisioningStepType.Import, Status = ProvisioningResult.Success }];
            if (failedStep is { } step)
            {
                if (step == ProvisioningStepType.ReferenceResolution)
                {
                    steps.Add(new() { Name = "EntryExportAdd", ProvisioningStepType = ProvisioningStepType.Export, Status = ProvisioningResult.Success });
                }

                steps.Add(new() { Name = "Failing", ProvisioningStepType = step, Status = ProvisioningResult.Failure });
            }
            else if (status == ProvisioningResult.Failure)
            {
                steps.Clear();
            }

            return Log(id, T0.AddSeconds(second), JobId) with
            {
                ProvisioningAction = action,
                ProvisioningStatusInfo = new ProvisioningStatusInfo
                {
                    Status = status,
                    ErrorInformation = code is null ? null : new ProvisioningErrorInfo { ErrorCode = code, Reason = $"Reason of {id}" },
                },
                ProvisioningSteps = steps,
                SourceIdentity = new ProvisionedIdentity { Id = $"source-{id}", DisplayName = $"{type} {id}", IdentityType = type },
            };
        }
    }
}
