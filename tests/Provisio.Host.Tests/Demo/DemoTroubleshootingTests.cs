using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Host.Demo;
using Provisio.Host.Tests.Cli;
using Provisio.Scim.Client;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Tests.Demo;

/// <summary>
/// <c>provisio demo --scenario troubleshooting</c> (issue 9 §3): beside Contoso Demo, one application per failure
/// pattern of the troubleshooting guide (seed 000), each against its own reference SCIM target, in the state the guide
/// describes after the first run; a second run reuses them all.
/// </summary>
public sealed class DemoTroubleshootingTests(TroubleshootingDemo demo) : IClassFixture<TroubleshootingDemo>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Troubleshooting_FirstRun_PrintsOneLinePerApplicationWithItsState()
    {
        demo.First.ExitCode.ShouldBe(0, demo.First.Error);
        demo.First.Output.ShouldContain("Initial cycle Succeeded");
        demo.First.Applications.Keys.ShouldBe(DemoApplications.Troubleshooting.Select(application => application.Name));
        demo.First.Applications.Keys.ShouldAllBe(name => string.CompareOrdinal(name, DemoApplications.Contoso.Name) > 0);
        demo.First.Applications[DemoApplications.Northwind.Name].State.ShouldStartWith("quarantined: EncounteredQuarantineException");
        demo.First.Applications[DemoApplications.Woodgrove.Name].State.ShouldBe(
            $"quarantined: TooManyDeletes, {DemoApplications.UnassignedAtOnce} deletions pending approval (threshold {DemoApplications.DeletionThreshold})");
        demo.First.Applications[DemoApplications.Tailspin.Name].State.ShouldContain($"{DemoApplications.Examples} {ScimErrorCodes.MandatoryFieldsMissing}");
        demo.First.Applications[DemoApplications.Litware.Name].State.ShouldContain($"{DemoApplications.Examples} {ScimErrorCodes.EntryConflict}");
        demo.First.Applications[DemoApplications.Fabrikam.Name].State.ShouldContain(ScimErrorCodes.InternalServerError);
    }

    [Fact]
    public async Task Troubleshooting_FaultyTarget_LogsInternalServerErrorsEscrowedBesideSuccesses()
    {
        var job = Job(DemoApplications.Fabrikam);
        var logs = await demo.Stored.LogsAsync(job);
        var escrows = await demo.Stored.EscrowsAsync(job);

        logs.ShouldContain(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Failure
            && log.ProvisioningStatusInfo.ErrorInformation!.ErrorCode == ScimErrorCodes.InternalServerError);
        logs.Count(log => log.ProvisioningAction == ProvisioningAction.Create && log.ProvisioningStatusInfo.Status == ProvisioningResult.Success).ShouldBeGreaterThan(0);
        escrows.ShouldContain(escrow => escrow.Kind == EscrowKind.Object && escrow.ErrorCode == ScimErrorCodes.InternalServerError);
        (await StatusAsync(job)).Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task Troubleshooting_MissingAttribute_FailsExactlyTheUsersWithoutADepartment()
    {
        var failures = (await demo.Stored.LogsAsync(Job(DemoApplications.Tailspin)))
            .Where(log => log.ProvisioningStatusInfo.ErrorInformation?.ErrorCode == ScimErrorCodes.MandatoryFieldsMissing).ToList();

        failures.Select(log => log.SourceIdentity.Id).Distinct().Count().ShouldBe(DemoApplications.Examples);
        failures.ShouldAllBe(log => log.ProvisioningAction == ProvisioningAction.Create
            && log.ProvisioningStatusInfo.ErrorInformation!.Reason!.Contains(DemoApplications.RequiredAttribute, StringComparison.Ordinal));
        foreach (var id in failures.Select(log => Guid.Parse(log.SourceIdentity.Id!)).Distinct())
        {
            var user = (await demo.Stored.Directory.GetAsync(id, Cancellation))!;
            user.Kind.ShouldBe(DirectoryObjectKind.User);
            user["department"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task Troubleshooting_DuplicateAccounts_FailsTheUsersWithAnAccountMadeByHandWithEntryConflict()
    {
        var failures = (await demo.Stored.LogsAsync(Job(DemoApplications.Litware)))
            .Where(log => log.ProvisioningStatusInfo.ErrorInformation?.ErrorCode == ScimErrorCodes.EntryConflict).ToList();

        failures.Select(log => log.SourceIdentity.Id).Distinct().Count().ShouldBe(DemoApplications.Examples);
        failures.ShouldAllBe(log => log.ProvisioningAction == ProvisioningAction.Create && log.ProvisioningStatusInfo.Status == ProvisioningResult.Failure);
    }

    [Fact]
    public async Task Troubleshooting_ScopingFilter_SkipsTheAssignedNonEmployeesAsNotEffectivelyEntitled()
    {
        // Arrange: who is assigned (through the group) and who the filter employeeType EQUALS Employee leaves out
        var job = Job(DemoApplications.Proseware);
        var principal = (await demo.Stored.Synchronization.GetJobAsync(job, Cancellation))!.ServicePrincipalId;
        var assigned = (await AssignmentSnapshot.ReadAsync(demo.Stored.Directory, principal, Cancellation)).Entitled.ToList();
        var leftOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in assigned)
        {
            if (await demo.Stored.Directory.GetAsync(id, Cancellation) is { Kind: DirectoryObjectKind.User } user && user["employeeType"] != DemoApplications.ScopedEmployeeType)
            {
                leftOut.Add(id.ToString());
            }
        }

        // Act
        var logs = await demo.Stored.LogsAsync(job);

        // Assert: each is skipped with Entra's reason, none exported; the others are created
        leftOut.Count.ShouldBeGreaterThanOrEqualTo(DemoApplications.Examples);
        var skipped = logs.Where(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Skipped).ToList();
        skipped.Select(log => log.SourceIdentity.Id!).ToHashSet().ShouldBe(leftOut, ignoreOrder: true);
        skipped.ShouldAllBe(log => log.ProvisioningStatusInfo.ErrorInformation!.Reason!.StartsWith("Skip reason = NotEffectivelyEntitled", StringComparison.Ordinal)
            && log.ProvisioningStatusInfo.ErrorInformation.Reason.Contains("Passed scope filter: False", StringComparison.Ordinal));
        logs.Where(log => log.ProvisioningAction == ProvisioningAction.Create).ShouldAllBe(log => !leftOut.Contains(log.SourceIdentity.Id!));
        demo.First.Applications[DemoApplications.Proseware.Name].State.ShouldBe($"Succeeded, {leftOut.Count} skipped");
    }

    [Fact]
    public async Task Troubleshooting_InvalidCredentials_QuarantinesWithEncounteredQuarantineException()
    {
        var status = await StatusAsync(Job(DemoApplications.Northwind));

        status.Code.ShouldBe(SynchronizationStatusCode.Quarantine);
        status.Quarantine!.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        status.Quarantine.Error!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        status.LastExecution!.State.ShouldBe(SynchronizationTaskExecutionResult.Failed);
    }

    [Fact]
    public async Task Troubleshooting_MassDeletions_QuarantinesTooManyDeletesWithTheUnassignedUsersPending()
    {
        var job = Job(DemoApplications.Woodgrove);
        var status = await StatusAsync(job);
        var pending = (await demo.Stored.EscrowsAsync(job)).Where(escrow => escrow.Kind == EscrowKind.PendingDeletion).ToList();

        status.Quarantine!.Reason.ShouldBe(QuarantineReason.TooManyDeletes);
        pending.Count.ShouldBe(DemoApplications.UnassignedAtOnce);
        pending.ShouldAllBe(escrow => escrow.ObjectType == "User");
        (await demo.Stored.LogsAsync(job)).Count(log => log.ProvisioningStatusInfo.ErrorInformation?.ErrorCode == ProvisioningErrorCodes.DeletionThresholdExceeded)
            .ShouldBeGreaterThanOrEqualTo(DemoApplications.UnassignedAtOnce);
    }

    [Fact]
    public void Troubleshooting_SecondRun_ReusesEveryApplicationAndJobWithoutRegenerating()
    {
        demo.Second.ExitCode.ShouldBe(0, demo.Second.Error);
        demo.Second.Output.ShouldNotContain("Generating");
        demo.Second.Output.ShouldNotContain("cycle");
        demo.Second.Job.ShouldBe(demo.First.Job);
        demo.Second.Key.ShouldBe(demo.First.Key);
        demo.Second.Applications.ToDictionary(application => application.Key, application => application.Value.Job)
            .ShouldBe(demo.First.Applications.ToDictionary(application => application.Key, application => application.Value.Job));
        demo.Second.Applications[DemoApplications.Woodgrove.Name].State.ShouldStartWith("quarantined: TooManyDeletes");
        demo.Second.Applications[DemoApplications.Northwind.Name].State.ShouldStartWith("quarantined: EncounteredQuarantineException");
    }

    [Fact]
    public async Task Troubleshooting_DuplicateAccounts_DiagnoseNamesTheRowsPresetCommand_WhichListsExactlyTheConflicts()
    {
        // Arrange
        var job = Job(DemoApplications.Litware);
        var conflicts = (await demo.Stored.LogsAsync(job))
            .Where(log => log.ProvisioningStatusInfo.ErrorInformation?.ErrorCode == ScimErrorCodes.EntryConflict)
            .OrderByDescending(log => log.ActivityDateTime).ThenByDescending(log => log.Id, StringComparer.Ordinal).Select(log => log.Id).ToList();

        // Act
        var diagnosis = await CliRun.InProcessAsync("", "diagnose", job, "--no-test-connection", "--database", demo.Database);
        var command = $"provisio logs --job {job} --preset {ProvisioningLogPresets.DuplicateUsers}";
        var logs = await CliRun.InProcessAsync("", [.. command.Split(' ').Skip(1), "--json", "--database", demo.Database]);

        // Assert: the row, then its command; the command's entries are the conflicts, and nothing else of the job
        var lines = diagnosis.Out.Split('\n');
        var row = Array.FindIndex(lines, line => line.Contains($"{TroubleshootingChecklist.DuplicateUsers}:", StringComparison.Ordinal));
        row.ShouldBeGreaterThanOrEqualTo(0, diagnosis.Out);
        lines[row].ShouldStartWith("[PROBLEM]");
        lines.Skip(row + 1).TakeWhile(line => line.StartsWith(' ')).ShouldContain(line => line.Trim() == $"logs: {command}");
        lines.Count(line => line.Contains("logs: provisio logs --job", StringComparison.Ordinal)).ShouldBe(ProvisioningLogPresets.All.Count);
        logs.ExitCode.ShouldBe(0, logs.Error);
        conflicts.Count.ShouldBeGreaterThanOrEqualTo(DemoApplications.Examples);
        logs.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["id"]!.GetValue<string>()).ShouldBe(conflicts);
    }

    private string Job(DemoApplication application) => demo.First.Applications[application.Name].Job;

    private async Task<SynchronizationStatus> StatusAsync(string job) => (await demo.Stored.Synchronization.GetJobAsync(job, Cancellation))!.Job.Status;
}
