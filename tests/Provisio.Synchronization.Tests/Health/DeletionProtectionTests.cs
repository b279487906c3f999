using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Tests.Engine;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>
/// Accidental-deletion protection (reference entra-engine-and-api §3; seed 000 "Accidental Deletion Protection"): a
/// cycle that would delete or disable more than the threshold carries out none of them, lists them as pending, and
/// quarantines the job with TooManyDeletes; ForceDeletes approves exactly the pending ones; fixing the source and
/// restarting discards them.
/// </summary>
public sealed class DeletionProtectionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverTheThreshold_NoneIsCarriedOut_PendingListedAndQuarantined()
    {
        // Arrange: threshold 3, five provisioned users deleted at once
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 6);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users.Take(5))
        {
            (await host.Directory.SoftDeleteAsync(user.Id, Cancellation)).Succeeded.ShouldBeTrue();
        }

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Result.HeldDeletions.ShouldBe(5);
        Enumerable.Range(0, 6).ShouldAllBe(index => Active(host, $"user{index}"), "no deletion reached the target");
        var staged = cycle.Actions(ProvisioningAction.StagedDelete);
        staged.Count.ShouldBe(5);
        staged.ShouldAllBe(log => log.ProvisioningStatusInfo.Status == ProvisioningResult.Skipped
            && log.ProvisioningStatusInfo.ErrorInformation!.ErrorCode == ProvisioningErrorCodes.DeletionThresholdExceeded);
        staged[0].ProvisioningStatusInfo.ErrorInformation!.Reason!.ShouldContain("would delete or disable 5 objects, more than the threshold of 3");
        (await host.EscrowsAsync()).Where(escrow => escrow.Kind == EscrowKind.PendingDeletion).Select(escrow => escrow.SourceId)
            .ShouldBe(users.Take(5).Select(user => user.Id), ignoreOrder: true);
        var status = (await host.JobAsync()).Job.Status;
        status.Quarantine.ShouldNotBeNull().Reason.ShouldBe(QuarantineReason.TooManyDeletes);
        status.Quarantine.Error!.Message!.ShouldContain("5 objects, more than the accidental-deletion threshold of 3");
        status.LastExecution!.CountEscrowed.ShouldBe(0, "held deletions are not failures");
    }

    [Fact]
    public async Task ForceDeletes_CarriesOutExactlyThePendingOnes()
    {
        // Arrange: five held; after the approval two more users are deleted
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 8);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users.Take(5))
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        await host.RunCycleAsync();
        var approve = new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.ForceDeletes };
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, approve, Cancellation)).Succeeded.ShouldBeTrue();
        (await host.EscrowsAsync()).ShouldAllBe(escrow => escrow.Kind == EscrowKind.ApprovedDeletion);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull("approving lifts the TooManyDeletes quarantine");

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Actions(ProvisioningAction.Disable).Count.ShouldBe(5);
        Enumerable.Range(0, 5).ShouldAllBe(index => !Active(host, $"user{index}"));
        Enumerable.Range(5, 3).ShouldAllBe(index => Active(host, $"user{index}"));
        (await host.EscrowsAsync()).ShouldBeEmpty();
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task ApprovedDeletions_DoNotCountAgainstNewOnes()
    {
        // Arrange: five held and approved, then four more deleted (over a threshold of 3 on their own)
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 10);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users.Take(5))
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        await host.RunCycleAsync();
        await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.ForceDeletes }, Cancellation);
        foreach (var user in users.Skip(5).Take(4))
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert: the approved five went out, the four new ones are held
        Enumerable.Range(0, 5).ShouldAllBe(index => !Active(host, $"user{index}"));
        Enumerable.Range(5, 5).ShouldAllBe(index => Active(host, $"user{index}"));
        cycle.Result.HeldDeletions.ShouldBe(4);
        (await host.JobAsync()).Job.Status.Quarantine!.Reason.ShouldBe(QuarantineReason.TooManyDeletes);
    }

    [Fact]
    public async Task UnderTheThreshold_DeletionsGoOutInTheSameCycle()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 5);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users.Take(3))
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert: exactly the threshold is not over it
        cycle.Result.HeldDeletions.ShouldBe(0);
        cycle.Actions(ProvisioningAction.Disable).Count.ShouldBe(3);
        cycle.Actions(ProvisioningAction.StagedDelete).ShouldBeEmpty();
        Enumerable.Range(0, 3).ShouldAllBe(index => !Active(host, $"user{index}"));
        (await host.EscrowsAsync()).ShouldBeEmpty();
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task SourceFixedAndRestarted_PendingDeletionsAreDiscarded()
    {
        // Arrange: five held, then the users are restored in the directory
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 5);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users)
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        await host.RunCycleAsync();
        foreach (var user in users)
        {
            (await host.Directory.RestoreAsync(user.Id, Cancellation)).Succeeded.ShouldBeTrue();
        }

        // Act: the portal's Restart provisioning (empty scope)
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, null, Cancellation)).Succeeded.ShouldBeTrue();
        var cycle = await host.RunCycleAsync();

        // Assert
        Enumerable.Range(0, 5).ShouldAllBe(index => Active(host, $"user{index}"));
        cycle.Actions(ProvisioningAction.Disable).ShouldBeEmpty();
        (await host.EscrowsAsync()).ShouldBeEmpty();
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task ProtectionTurnedOff_DeletionsGoOutWhateverTheirNumber()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 5);
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 1, Cancellation)).Succeeded.ShouldBeTrue();
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!.ToList();
        secrets.Add(new(SynchronizationSecret.SyncNotificationSettings, """{"Enabled":false,"DeleteThresholdEnabled":false}"""));
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId, secrets, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var user in users)
        {
            await host.Directory.SoftDeleteAsync(user.Id, Cancellation);
        }

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Actions(ProvisioningAction.Disable).Count.ShouldBe(5);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task GroupsCountToo()
    {
        // Arrange: two users disabled and two groups purged (a group is deleted in the target), threshold 3
        await using var host = await EngineTestHost.StartAsync();
        var users = await UsersAsync(host, 2);
        var first = await host.AddGroupAsync("Sales");
        var second = await host.AddGroupAsync("Legal");
        (await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 3, Cancellation)).Succeeded.ShouldBeTrue();
        await host.RunCycleAsync();
        foreach (var id in new[] { users[0].Id, users[1].Id })
        {
            await host.Directory.SoftDeleteAsync(id, Cancellation);
        }

        foreach (var id in new[] { first.Id, second.Id })
        {
            (await host.Directory.PurgeAsync(id, Cancellation)).Succeeded.ShouldBeTrue();
        }

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Result.HeldDeletions.ShouldBe(4);
        cycle.Actions(ProvisioningAction.StagedDelete).Select(log => log.SourceIdentity.IdentityType).Order().ShouldBe(["Group", "Group", "User", "User"]);
        host.TargetGroup("Sales").ShouldNotBeNull();
        host.TargetGroup("Legal").ShouldNotBeNull();
    }

    [Fact]
    public async Task SecretThresholdValue_BecomesTheJobsSetting_AndBadValuesAreRefused()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync();
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!.ToList();

        // Act
        var saved = await host.Engine.PutSecretsAsync(host.ServicePrincipalId,
            [.. secrets, new(SynchronizationSecret.SyncNotificationSettings, """{"Enabled":true,"Recipients":"ops@contoso.com","DeleteThresholdEnabled":true,"DeleteThresholdValue":"42"}""")], Cancellation);
        var refused = await host.Engine.PutSecretsAsync(host.ServicePrincipalId,
            [.. secrets, new(SynchronizationSecret.SyncNotificationSettings, """{"DeleteThresholdValue":-1}""")], Cancellation);
        var zero = await host.Engine.SetDeletionThresholdAsync(host.ServicePrincipalId, host.JobId, 0, Cancellation);

        // Assert
        saved.Succeeded.ShouldBeTrue();
        (await host.JobAsync()).Job.SynchronizationJobSettings.ShouldContain(new SynchronizationJobSetting(SynchronizationJob.QuarantineTooManyDeletesThreshold, "42"));
        refused.Error!.Status.ShouldBe(400);
        refused.Error.Message.ShouldContain("DeleteThresholdValue must be a positive integer");
        zero.Error!.Status.ShouldBe(400);
        (await host.JobAsync()).Job.SynchronizationJobSettings.ShouldContain(new SynchronizationJobSetting(SynchronizationJob.QuarantineTooManyDeletesThreshold, "42"), "nothing changed");
    }

    private static async Task<List<Directory.Model.DirectoryObject>> UsersAsync(EngineTestHost host, int count)
    {
        var users = new List<Directory.Model.DirectoryObject>();
        for (var index = 0; index < count; index++)
        {
            users.Add(await host.AddUserAsync($"user{index}"));
        }

        return users;
    }

    private static bool Active(EngineTestHost host, string alias) =>
        host.TargetUser(alias) is { } user && user["active"]?.GetValue<bool>() == true;
}
