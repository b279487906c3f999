using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>Entra's rules for throttling, anchors, restarts, deprovisioning settings and scoping (reference entra-engine-and-api §1.3–1.13).</summary>
public sealed class BehaviourTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThrottlingTarget_EveryUserStillProvisioned_WithoutFailures()
    {
        await using var host = await EngineTestHost.StartAsync(faults: ["throttle:7"]);
        for (var index = 0; index < 60; index++)
        {
            await host.AddUserAsync($"t{index:00}");
        }

        var cycle = await host.RunCycleAsync();

        cycle.Failed.ShouldBeEmpty();
        host.Target.GetUsers().Count.ShouldBe(60);
        host.Target.Requests.Snapshot().Count(request => request.Status == 429).ShouldBeGreaterThan(0, "the target did throttle");
    }

    [Fact]
    public async Task TargetObjectDeletedOutOfBand_UpdateFailsWithInvalidAnchor_RestartWithFullScopeRematchesAndRecreates()
    {
        await using var host = await EngineTestHost.StartAsync();
        var ann = await host.AddUserAsync("ann");
        await host.RunCycleAsync();
        using var client = new ScimClient(new ScimClientOptions { TenantUrl = host.Target.ScimAddress, Credentials = new BearerTokenCredentials(EngineTestHost.Token) });
        await client.DeleteAsync(ScimResourceType.User, host.TargetUser("ann")!["id"]!.GetValue<string>(), Cancellation);

        await host.Directory.UpdateAsync(ann.Id, new JsonObject { ["department"] = "Moved" }, Cancellation);
        var broken = await host.RunCycleAsync();
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.Full }, Cancellation))
            .Succeeded.ShouldBeTrue();
        var restarted = await host.RunCycleAsync();

        broken.For("ann@contoso.com").Single().ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ScimErrorCodes.InvalidAnchor);
        restarted.For("ann@contoso.com").Single().ProvisioningAction.ShouldBe(ProvisioningAction.Create);
        host.Target.GetUsers().Count.ShouldBe(1);
        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0, "Full clears the escrows");
    }

    [Fact]
    public async Task RestartKeepingLinks_InitialCycleSendsNothingForUnchangedUsers()
    {
        await using var host = await EngineTestHost.StartAsync();
        await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");
        await host.RunCycleAsync();
        var requests = host.Target.Requests.Snapshot().Count;

        await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, null, Cancellation);
        var restarted = await host.RunCycleAsync();

        restarted.Logs.Count.ShouldBe(2, "an initial cycle again: every user evaluated");
        restarted.Logs.ShouldAllBe(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Skipped
            && log.ProvisioningStatusInfo.ErrorInformation!.ErrorCode == "RedundantExport");
        InitialCycleTests.StartupCheckOnly(host.Target.Requests.Snapshot().Skip(requests)); // links kept: no matching query, no write
    }

    [Fact]
    public async Task SkipOutOfScopeDeletions_UnassignedUserLeftActive_ButASoftDeletedOneIsStillDisabled()
    {
        await using var host = await EngineTestHost.StartAsync(syncAll: false);
        var ann = await host.AddUserAsync("ann");
        var bob = await host.AddUserAsync("bob");
        foreach (var user in new[] { ann, bob })
        {
            await host.Directory.AddReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, user.Id, Guid.Empty), Cancellation);
        }

        await host.RunCycleAsync();
        // S8's script: GET the secrets, add SkipOutOfScopeDeletions, PUT them back (the token comes back masked and is kept).
        var saved = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        saved.Single(pair => pair.Key == SynchronizationSecret.SecretToken).Value.ShouldBe(SynchronizationSecretKeyStringValuePair.Mask);
        await host.Engine.PutSecretsAsync(host.ServicePrincipalId, [.. saved, new(SynchronizationSecret.SkipOutOfScopeDeletions, "True")], Cancellation);
        await host.Directory.RemoveReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, ann.Id, Guid.Empty), Cancellation);
        await host.Directory.SoftDeleteAsync(bob.Id, Cancellation);
        var cycle = await host.RunCycleAsync();

        host.TargetUser("ann")!["active"]!.GetValue<bool>().ShouldBeTrue();
        host.TargetUser("bob")!["active"]!.GetValue<bool>().ShouldBeFalse();
        cycle.For("ann@contoso.com").Single().ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Skipped);
    }

    [Fact]
    public async Task ScopingFilterSaved_UsersOutsideItAreDisabledByTheNewInitialCycle_AndAGroupPurgedLaterIsDeleted()
    {
        await using var host = await EngineTestHost.StartAsync();
        await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob", "Support");
        var team = await host.AddGroupAsync("Team");
        await host.RunCycleAsync();
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
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
        var initial = await host.RunCycleAsync();
        await host.Directory.PurgeAsync(team.Id, Cancellation);
        var incremental = await host.RunCycleAsync();

        host.TargetUser("ann")!["active"]!.GetValue<bool>().ShouldBeTrue();
        host.TargetUser("bob")!["active"]!.GetValue<bool>().ShouldBeFalse();
        initial.For("bob@contoso.com").Single().ProvisioningAction.ShouldBe(ProvisioningAction.Disable);
        var deleted = incremental.Logs.Single(log => log.SourceIdentity.IdentityType == "Group");
        deleted.ProvisioningAction.ShouldBe(ProvisioningAction.Delete);
        host.TargetGroup("Team").ShouldBeNull();
    }
}
