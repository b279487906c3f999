using System.Text.Json.Nodes;
using Provisio.Scim.Client;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>
/// The failures of the seed's troubleshooting guide, reproduced with the reference server's fault profiles or with data:
/// each shows in the log with its status, failing step, Entra's error code and a reason, and becomes an escrow.
/// </summary>
public sealed class FailureTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TargetRequiresAnAttributeSomeUsersLack_OnlyThoseFailAtExportAndAreEscrowed()
    {
        await using var host = await EngineTestHost.StartAsync(faults: [$"require-attribute:{Enterprise}:department"]);
        await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob");
        await host.AddUserAsync("cid");

        var cycle = await host.RunCycleAsync();

        cycle.Result.Execution.State.ShouldBe(SynchronizationTaskExecutionResult.EntryLevelErrors);
        cycle.Result.Execution.CountEscrowed.ShouldBe(2);
        host.Target.GetUsers().Select(user => user["userName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com"]);
        cycle.Failed.Select(log => log.SourceIdentity.DisplayName).ShouldBe(["bob@contoso.com", "cid@contoso.com"], ignoreOrder: true);
        var failed = cycle.For("bob@contoso.com").Single();
        failed.ProvisioningAction.ShouldBe(ProvisioningAction.Create);
        failed.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ScimErrorCodes.MandatoryFieldsMissing);
        failed.ProvisioningStatusInfo.ErrorInformation.Reason.ShouldNotBeNullOrWhiteSpace();
        failed.ProvisioningSteps[^1].Name.ShouldBe(StepNames.EntryExportAdd);
        failed.ProvisioningSteps[^1].Status.ShouldBe(ProvisioningResult.Failure);
        var escrows = await host.Store.ReadEscrowsAsync(host.JobId, Cancellation).ToListAsync(Cancellation);
        escrows.Count.ShouldBe(2);
        escrows.ShouldAllBe(escrow => escrow.Kind == EscrowKind.Object && escrow.ErrorCode == ScimErrorCodes.MandatoryFieldsMissing && escrow.Action == "create");
        escrows[0].NextRetry.ShouldBe(escrows[0].FirstFailure.AddHours(6), "the first retry is 6 hours after the failure (reference §1.10)");
    }

    [Fact]
    public async Task RequiredAttributeGivenADefaultValue_TheSavedMappingRunsANewInitialCycleAndEveryoneIsCreated()
    {
        await using var host = await EngineTestHost.StartAsync(faults: [$"require-attribute:{Enterprise}:department"]);
        await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob");
        await host.RunCycleAsync();
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
        var rule = job.Schema.SynchronizationRules[0];
        var users = rule.ObjectMappings.Single(mapping => mapping.SourceObjectName == "User");
        var withDefault = users with
        {
            AttributeMappings = [.. users.AttributeMappings.Select(mapping => mapping.TargetAttributeName == $"{Enterprise}:department" ? mapping with { DefaultValue = "Unassigned" } : mapping)],
        };
        var schema = job.Schema with { SynchronizationRules = [rule with { ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping == users ? withDefault : mapping)] }] };

        (await host.Engine.PutSchemaAsync(host.ServicePrincipalId, host.JobId, schema, Cancellation)).Succeeded.ShouldBeTrue();
        var cycle = await host.RunCycleAsync();

        cycle.Failed.ShouldBeEmpty();
        host.TargetUser("bob")![Enterprise]!["department"]!.GetValue<string>().ShouldBe("Unassigned");
        cycle.For("bob@contoso.com").Single().ProvisioningSteps[0].Name.ShouldBe(StepNames.EntryImport, "an initial cycle after the save");
        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0, "the success resolved the escrow");
    }

    [Fact]
    public async Task RenameCollidesWithAnotherTargetUser_EntryConflictOnUpdate()
    {
        await using var host = await EngineTestHost.StartAsync();
        using var client = new ScimClient(new ScimClientOptions { TenantUrl = host.Target.ScimAddress, Credentials = new BearerTokenCredentials(EngineTestHost.Token) });
        await client.CreateAsync(ScimResourceType.User, new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = "taken@contoso.com",
        }, Cancellation);
        var ann = await host.AddUserAsync("ann");
        await host.RunCycleAsync();

        await host.Directory.UpdateAsync(ann.Id, new JsonObject { ["userPrincipalName"] = "taken@contoso.com" }, Cancellation);
        var cycle = await host.RunCycleAsync();

        var log = cycle.For("taken@contoso.com").Single();
        log.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Failure);
        log.ProvisioningAction.ShouldBe(ProvisioningAction.Update);
        log.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ScimErrorCodes.EntryConflict);
        log.ProvisioningSteps[^1].Name.ShouldBe(StepNames.EntryExportUpdate);
    }

    [Fact]
    public async Task InvalidCredentials_TheCycleStopsWithoutEscrowsAndResumesOnceHealed()
    {
        await using var host = await EngineTestHost.StartAsync(faults: ["invalid-credentials"]);
        await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");

        var failed = await host.RunCycleAsync();
        host.Target.Faults.Heal();
        var healed = await host.RunCycleAsync();

        failed.Result.Outcome.ShouldBe(CycleOutcome.Failed);
        failed.Result.Execution.Error!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0);
        healed.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        healed.Result.Execution.ActivityIdentifier.ShouldBe(failed.Result.Execution.ActivityIdentifier, "the interrupted cycle resumed");
        host.Target.GetUsers().Count.ShouldBe(2);
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
        job.Job.Status.CountSuccessiveCompleteFailures.ShouldBe(0);
    }

    [Fact]
    public async Task GroupQueryAnsweredWithMembers_ScimComplianceFailureNamesTheCode()
    {
        await using var host = await EngineTestHost.StartAsync(faults: ["members-in-group-query"]);
        var ann = await host.AddUserAsync("ann");
        await host.AddGroupAsync("Team", ann.Id);
        await host.RunCycleAsync();
        using var client = new ScimClient(new ScimClientOptions { TenantUrl = host.Target.ScimAddress, Credentials = new BearerTokenCredentials(EngineTestHost.Token) });
        await client.CreateAsync(ScimResourceType.Group, new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "Existing",
            ["members"] = new JsonArray(new JsonObject { ["value"] = host.TargetUser("ann")!["id"]!.GetValue<string>() }),
        }, Cancellation);
        await host.AddGroupAsync("Existing", ann.Id);

        var cycle = await host.RunCycleAsync();

        var log = cycle.For("Existing").Single();
        log.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Failure);
        log.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ScimErrorCodes.MultipleEntriesInResponse);
        log.ProvisioningSteps[^1].ProvisioningStepType.ShouldBe(ProvisioningStepType.Matching);
    }

    [Fact]
    public async Task ManagerFailsToProvision_ReferenceFailureOfTheReport_HealsOnTheCycleAfterTheManagerIsFixed()
    {
        await using var host = await EngineTestHost.StartAsync(faults: [$"require-attribute:{Enterprise}:department"]);
        var boss = await host.AddUserAsync("boss");
        await host.AddUserAsync("ann", "Sales", manager: boss.Id);

        var first = await host.RunCycleAsync();
        await host.Directory.UpdateAsync(boss.Id, new JsonObject { ["department"] = "Board" }, Cancellation);
        var second = await host.RunCycleAsync();

        var annFirst = first.For("ann@contoso.com").Single();
        annFirst.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Failure);
        annFirst.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue);
        annFirst.ProvisioningSteps[^1].ProvisioningStepType.ShouldBe(ProvisioningStepType.ReferenceResolution);
        second.Failed.ShouldBeEmpty();
        host.TargetUser("ann")![Enterprise]!["manager"]!["value"]!.GetValue<string>().ShouldBe(host.TargetUser("boss")!["id"]!.GetValue<string>());
        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0);
    }
}
