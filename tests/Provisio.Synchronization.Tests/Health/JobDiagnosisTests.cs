using Provisio.Scim.Client;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Tests.Engine;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>
/// The job diagnosis against the reference SCIM server: the seed 000 troubleshooting checklist walked over real jobs in
/// the states the seed describes (invalid credentials, failing creates, a manager not yet provisioned, held deletions,
/// scoping), and over a healthy job.
/// </summary>
public sealed class JobDiagnosisTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diagnose_HealthyJob_EveryCheckOkOrInfo_InTheSeedsOrderAndWords()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync();
        var ann = await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob", "Sales", manager: ann.Id);
        await host.AddGroupAsync("Team", ann.Id);
        (await host.RunCycleAsync()).Failed.ShouldBeEmpty();

        // Act
        var report = await DiagnoseAsync(host, testConnection: true);

        // Assert
        report.Checks.Select(check => check.Symptom).ShouldBe([
            "No users provisioned", "Users skipped in logs", "Users created but with wrong attributes", "Duplicate users in target",
            "All operations failing", "Job in quarantine", "Manager assignments failing", "Mass deletions pending",
        ]);
        report.Checks.Select(check => check.FirstThingToCheck).ShouldBe([
            "Scoping (assigned users? scoping filters?)", "Scoping filter evaluation or “not effectively entitled” status", "Attribute mapping expressions",
            "Matching attribute configuration", "Admin credentials (test connection)", "Quarantine reason in progress bar or Graph API",
            "Referenced user not yet provisioned (self-healing)", "Accidental deletion protection threshold",
        ]);
        report.Checks.ShouldAllBe(check => check.Status == DiagnosisStatus.Ok || check.Status == DiagnosisStatus.Info);
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Ok);
        Check(report, "No users provisioned").Finding.ShouldContain("2 users");
        Check(report, "Users created but with wrong attributes").Status.ShouldBe(DiagnosisStatus.Info);
        Check(report, "Users created but with wrong attributes").RecommendedAction!.ShouldContain("on demand");
        report.HasProblem.ShouldBeFalse();
        report.TestConnection.ShouldNotBeNull().Succeeded.ShouldBeTrue();
        report.State.StatusCode.ShouldBe((await host.JobAsync()).Job.Status.Code);
        report.State.ProvisionedByType["User"].ShouldBe(2);
        report.State.ProvisionedByType["Group"].ShouldBe(1);
        report.State.Quarantine.ShouldBeNull();
        report.State.LastExecution!.State.ShouldBe(SynchronizationTaskExecutionResult.Succeeded);
        report.ObjectFailures.Count.ShouldBe(0);
        report.ReferenceFailures.Count.ShouldBe(0);
        report.PendingDeletions.Threshold.ShouldBe(DeletionGuard.DefaultThreshold);
        report.Skipped.CycleId.ShouldBe(report.State.LastExecution.ActivityIdentifier);
    }

    [Fact]
    public async Task Diagnose_InvalidCredentials_QuarantineAllOperationsFailingAndTestConnectionFails()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(faults: ["invalid-credentials"]);
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();

        // Act
        var report = await DiagnoseAsync(host, testConnection: true);

        // Assert
        var quarantine = report.State.Quarantine.ShouldNotBeNull();
        quarantine.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        quarantine.SeriesBegan.ShouldNotBeNull();
        quarantine.NextAttempt.ShouldNotBeNull();
        quarantine.Error!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        quarantine.RecommendedAction.ShouldBe(QuarantineRules.RecommendedAction(QuarantineReason.EncounteredQuarantineException));
        report.State.StatusCode.ShouldBe(SynchronizationStatusCode.Quarantine);
        var test = report.TestConnection.ShouldNotBeNull();
        test.Succeeded.ShouldBeFalse();
        test.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        test.Message.ShouldNotBeNullOrWhiteSpace();
        var failing = Check(report, "All operations failing");
        failing.Status.ShouldBe(DiagnosisStatus.Problem);
        failing.Finding.ShouldContain(ScimErrorCodes.CredentialsInvalid);
        var quarantined = Check(report, "Job in quarantine");
        quarantined.Status.ShouldBe(DiagnosisStatus.Problem);
        quarantined.Finding.ShouldContain("EncounteredQuarantineException");
        quarantined.RecommendedAction.ShouldBe(quarantine.RecommendedAction);
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Info, "the cycle failed as a whole: scoping cannot be judged");
        report.HasProblem.ShouldBeTrue();
    }

    [Fact]
    public async Task Diagnose_WithoutTestConnection_NoLiveTest_TheFailedCycleStillAProblem()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(faults: ["invalid-credentials"]);
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();
        var before = host.Target.Requests.Snapshot().Count;

        // Act
        var report = await DiagnoseAsync(host, testConnection: false);

        // Assert
        report.TestConnection.ShouldBeNull();
        host.Target.Requests.Snapshot().Count.ShouldBe(before, "no request reached the target");
        Check(report, "All operations failing").Status.ShouldBe(DiagnosisStatus.Problem);
        Check(report, "All operations failing").Finding.ShouldContain("failed as a whole");
    }

    [Fact]
    public async Task Diagnose_EveryCreateFails_GroupedByCodeWithCountAndExamples()
    {
        // Arrange: the target requires nickName, which the default mapping does not send
        await using var host = await EngineTestHost.StartAsync(faults: ["require-attribute:nickName"]);
        for (var index = 0; index < 7; index++)
        {
            await host.AddUserAsync($"user{index}");
        }

        var cycle = await host.RunCycleAsync();
        cycle.Failed.Count.ShouldBe(7);
        var logged = cycle.Failed[0].ProvisioningStatusInfo.ErrorInformation!;

        // Act
        var report = await DiagnoseAsync(host, testConnection: true);

        // Assert
        report.ObjectFailures.Count.ShouldBe(7);
        var group = report.ObjectFailures.Groups.ShouldHaveSingleItem();
        group.ErrorCode.ShouldBe(ScimErrorCodes.MandatoryFieldsMissing);
        group.ErrorCode.ShouldBe(logged.ErrorCode);
        group.Count.ShouldBe(7);
        group.SelfHealing.ShouldBeFalse();
        group.RecommendedAction.ShouldBe(logged.RecommendedAction, "the log entry's own advice");
        group.Examples.Count.ShouldBe(JobDiagnostician.ExampleLimit);
        var example = group.Examples[0];
        example.DisplayName.ShouldNotBeNull().ShouldEndWith("@contoso.com");
        example.ObjectType.ShouldBe("User");
        example.Action.ShouldBe("create");
        example.Reason.ShouldNotBeNullOrWhiteSpace();
        example.Attempts.ShouldBe(1);
        example.NextRetry.ShouldBe(example.FirstFailure.AddHours(6));
        report.TestConnection!.Succeeded.ShouldBeTrue();
        var failing = Check(report, "All operations failing");
        failing.Status.ShouldBe(DiagnosisStatus.Problem);
        failing.Finding.ShouldContain("Test Connection succeeds, but every export of the last cycle failed");
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Problem);
        Check(report, "No users provisioned").Finding.ShouldContain(ScimErrorCodes.MandatoryFieldsMissing);
        Check(report, "Users created but with wrong attributes").Status.ShouldBe(DiagnosisStatus.Warning);
        Check(report, "Duplicate users in target").Status.ShouldBe(DiagnosisStatus.Ok);
        Check(report, "Job in quarantine").Status.ShouldBe(DiagnosisStatus.Ok, "7 failures are far below the 5,000 minimum");
    }

    [Fact]
    public async Task Diagnose_ManagerNotProvisioned_ReferenceFailureShownAsSelfHealing()
    {
        // Arrange: the boss has no department, which the target requires; ann has one and the boss as manager
        await using var host = await EngineTestHost.StartAsync(faults: [$"require-attribute:{Enterprise}:department"]);
        var boss = await host.AddUserAsync("boss");
        await host.AddUserAsync("ann", "Sales", manager: boss.Id);
        await host.RunCycleAsync();

        // Act
        var report = await DiagnoseAsync(host, testConnection: false);

        // Assert
        report.ReferenceFailures.Count.ShouldBe(1);
        report.ReferenceFailures.Pending.ShouldBe(0);
        var group = report.ReferenceFailures.Groups.ShouldHaveSingleItem();
        group.ErrorCode.ShouldBe(ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue);
        group.SelfHealing.ShouldBeTrue();
        group.Examples.ShouldHaveSingleItem().DisplayName.ShouldBe("ann@contoso.com");
        report.ObjectFailures.Groups.ShouldHaveSingleItem().Examples.ShouldHaveSingleItem().DisplayName.ShouldBe("boss@contoso.com");
        var managers = Check(report, "Manager assignments failing");
        managers.Status.ShouldBe(DiagnosisStatus.Warning);
        managers.Finding.ShouldContain("self-healing");
        managers.Finding.ShouldContain("not counted toward the quarantine escrow threshold");
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Ok, "ann is provisioned");
        Check(report, "All operations failing").Status.ShouldBe(DiagnosisStatus.Ok);
    }

    [Fact]
    public async Task Diagnose_DeletionsHeldOverTheThreshold_ListedAndMassDeletionsPendingAProblem()
    {
        // Arrange: threshold 3, five of six provisioned users deleted at once
        await using var host = await EngineTestHost.StartAsync();
        var users = new List<Directory.Model.DirectoryObject>();
        for (var index = 0; index < 6; index++)
        {
            users.Add(await host.AddUserAsync($"user{index}"));
        }

        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users.Take(5))
        {
            (await host.Directory.SoftDeleteAsync(user.Id, Cancellation)).Succeeded.ShouldBeTrue();
        }

        (await host.RunCycleAsync()).Result.HeldDeletions.ShouldBe(5);

        // Act
        var held = await DiagnoseAsync(host, testConnection: false);
        var approve = new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.ForceDeletes };
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, approve, Cancellation)).Succeeded.ShouldBeTrue();
        var approved = await DiagnoseAsync(host, testConnection: false);

        // Assert
        held.PendingDeletions.Count.ShouldBe(5);
        held.PendingDeletions.Approved.ShouldBe(0);
        held.PendingDeletions.Threshold.ShouldBe(3);
        held.PendingDeletions.Examples.Select(example => example.SourceId).ShouldBe(users.Take(5).Select(user => user.Id), ignoreOrder: true);
        held.PendingDeletions.RecommendedAction.ShouldContain("ForceDeletes");
        var pending = Check(held, "Mass deletions pending");
        pending.Status.ShouldBe(DiagnosisStatus.Problem);
        pending.Finding.ShouldContain("5 deletes or disables held");
        pending.Finding.ShouldContain("threshold of 3");
        Check(held, "Job in quarantine").Finding.ShouldContain(nameof(QuarantineReason.TooManyDeletes));
        held.Skipped.Groups.ShouldHaveSingleItem().ErrorCode.ShouldBe(ProvisioningErrorCodes.DeletionThresholdExceeded);
        held.Skipped.Count.ShouldBe(5);
        Check(held, "Users skipped in logs").Status.ShouldBe(DiagnosisStatus.Ok, "held deletions are not scoping skips");
        held.ObjectFailures.Count.ShouldBe(0, "held deletions are not failures");

        approved.PendingDeletions.Count.ShouldBe(0);
        approved.PendingDeletions.Approved.ShouldBe(5);
        Check(approved, "Mass deletions pending").Status.ShouldBe(DiagnosisStatus.Warning);
        Check(approved, "Job in quarantine").Status.ShouldBe(DiagnosisStatus.Ok);
    }

    [Fact]
    public async Task Diagnose_AssignedOnlyJobWithoutAssignments_NoUsersProvisionedNamesTheAssignments()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(syncAll: false);
        await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");
        (await host.RunCycleAsync()).Logs.ShouldBeEmpty("unassigned users are not logged");

        // Act
        var report = await DiagnoseAsync(host, testConnection: false);

        // Assert
        report.State.SyncAll.ShouldBeFalse();
        report.State.AssignedObjects.ShouldBe(0);
        report.State.DirectoryUsers.ShouldBe(2);
        var none = Check(report, "No users provisioned");
        none.Status.ShouldBe(DiagnosisStatus.Problem);
        none.Finding.ShouldContain("no user or group is assigned to the application");
        none.RecommendedAction!.ShouldContain("SyncAll");
        report.HasProblem.ShouldBeTrue();
    }

    [Fact]
    public async Task Diagnose_UsersOutsideTheScopingFilter_SkippedGroupedByReason()
    {
        // Arrange: the User mapping scopes to department Sales; bob and cid are in Support
        await using var host = await EngineTestHost.StartAsync();
        await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob", "Support");
        await host.AddUserAsync("cid", "Support");
        var job = await host.JobAsync();
        var rule = job.Schema.SynchronizationRules[0];
        var scoped = rule with
        {
            ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping.SourceObjectName != "User" ? mapping : mapping with
            {
                Scope = new Filter
                {
                    Groups = [new FilterGroup { Name = "Sales only", Clauses = [new FilterClause { SourceOperandName = "department", OperatorName = "EQUALS", TargetOperand = new FilterOperand { Values = ["Sales"] } }] }],
                },
            })],
        };
        (await host.Engine.PutSchemaAsync(host.ServicePrincipalId, host.JobId, job.Schema with { SynchronizationRules = [scoped] }, Cancellation)).Succeeded.ShouldBeTrue();
        (await host.RunCycleAsync()).Skipped.Count.ShouldBe(2);

        // Act
        var report = await DiagnoseAsync(host, testConnection: false);

        // Assert
        report.Skipped.Count.ShouldBe(2);
        report.Skipped.Truncated.ShouldBeFalse();
        var group = report.Skipped.Groups.ShouldHaveSingleItem("the two share a reason once their names are taken out");
        group.ErrorCode.ShouldBe(ProvisioningErrorCodes.EntrySynchronizationSkipped);
        group.Count.ShouldBe(2);
        group.Reason.ShouldNotBeNull().ShouldContain(ScopingNotEntitled);
        group.Examples.Select(example => example.DisplayName).ShouldBe(["bob@contoso.com", "cid@contoso.com"], ignoreOrder: true);
        var skipped = Check(report, "Users skipped in logs");
        skipped.Status.ShouldBe(DiagnosisStatus.Warning);
        skipped.Finding.ShouldContain("2 objects");
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Ok);
    }

    [Fact]
    public async Task Diagnose_NoSecretsSaved_AllOperationsFailingNamesTheMissingCredentials()
    {
        // Arrange: the secrets replaced by none
        await using var host = await EngineTestHost.StartAsync();
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId, [], Cancellation)).Succeeded.ShouldBeTrue();

        // Act
        var report = await DiagnoseAsync(host, testConnection: true);

        // Assert
        report.State.CredentialsConfigured.ShouldBeFalse();
        report.TestConnection.ShouldNotBeNull().Code.ShouldBe("CredentialsMissing");
        var failing = Check(report, "All operations failing");
        failing.Status.ShouldBe(DiagnosisStatus.Problem);
        failing.Finding.ShouldContain("No tenant URL and credentials are saved");
        Check(report, "No users provisioned").Status.ShouldBe(DiagnosisStatus.Info, "no cycle ran");
        Check(report, "Users skipped in logs").Status.ShouldBe(DiagnosisStatus.Info);
    }

    [Fact]
    public async Task Diagnose_UnknownJobOrServicePrincipal_Null()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync();
        var diagnostician = new JobDiagnostician(host.Engine, host.Directory);

        // Act
        var unknownJob = await diagnostician.DiagnoseAsync(host.ServicePrincipalId, host.JobId + "x", testConnection: true, Cancellation);
        var otherPrincipal = await diagnostician.DiagnoseAsync(Guid.NewGuid(), host.JobId, testConnection: true, Cancellation);

        // Assert
        unknownJob.ShouldBeNull();
        otherPrincipal.ShouldBeNull();
    }

    [Fact]
    public async Task Diagnose_Report_SerializesAsGraphStyleJson()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(faults: ["invalid-credentials"]);
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();
        var report = await DiagnoseAsync(host, testConnection: true);

        // Act
        var json = System.Text.Json.Nodes.JsonNode.Parse(SynchronizationJson.Serialize(report))!;

        // Assert
        json["jobId"]!.GetValue<string>().ShouldBe(host.JobId);
        json["state"]!["statusCode"]!.GetValue<string>().ShouldBe("Quarantine");
        json["state"]!["quarantine"]!["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
        json["state"]!["quarantine"]!["seriesBegan"]!.GetValue<string>().ShouldEndWith("Z");
        json["testConnection"]!["succeeded"]!.GetValue<bool>().ShouldBeFalse();
        json["checks"]![4]!["status"]!.GetValue<string>().ShouldBe("problem");
        json["checks"]![4]!["symptom"]!.GetValue<string>().ShouldBe("All operations failing");
        json["pendingDeletions"]!["threshold"]!.GetValue<int>().ShouldBe(500);
        json.AsObject().ContainsKey("hasProblem").ShouldBeFalse();
    }

    private const string ScopingNotEntitled = "Skip reason = NotEffectivelyEntitled";

    private static async Task<DiagnosisReport> DiagnoseAsync(EngineTestHost host, bool testConnection) =>
        (await new JobDiagnostician(host.Engine, host.Directory).DiagnoseAsync(host.ServicePrincipalId, host.JobId, testConnection, Cancellation)).ShouldNotBeNull();

    private static DiagnosisCheck Check(DiagnosisReport report, string symptom) => report.Checks.Single(check => check.Symptom == symptom);
}
