using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Scoping;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>On-demand provisioning and Test Connection (reference entra-engine-and-api §1.14, §1.15).</summary>
public sealed class OnDemandTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnDemand_OneUser_CreatedNowWithEveryStep_AndASecondRunIsRedundant()
    {
        await using var host = await EngineTestHost.StartAsync();
        var ann = await host.AddUserAsync("ann", "Sales");
        await host.AddUserAsync("bob");

        var first = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);
        var second = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);

        var entry = first.Value!.Entries.Single();
        entry.ProvisioningAction.ShouldBe(ProvisioningAction.Create);
        entry.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Success);
        entry.ProvisioningSteps.Select(step => step.ProvisioningStepType).ShouldBe(
            [ProvisioningStepType.Import, ProvisioningStepType.Scoping, ProvisioningStepType.Matching, ProvisioningStepType.Processing, ProvisioningStepType.Export]);
        entry.ProvisioningSteps[0].Details["userPrincipalName"].ShouldBe("ann@contoso.com");
        var table = entry.ProvisioningSteps.Single(step => step.Name == StepNames.EntryAttributeMapping).Details;
        table["userName"].ShouldBe("[userPrincipalName] → ann@contoso.com", "source, mapping and target value, as the seed's guide expects");
        table["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"].ShouldBe("[department] → Sales");
        host.Target.GetUsers().Select(user => user["userName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com"], "only the user asked for");
        var again = second.Value!.Entries.Single();
        again.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Skipped);
        again.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ProvisioningErrorCodes.RedundantExport);
        (await host.Store.QueryLogsAsync(new() { JobId = host.JobId }, Cancellation)).Entries.Count.ShouldBe(2, "on-demand runs are logged");
    }

    [Fact]
    public async Task OnDemand_UnassignedUserOfAnAssignedOnlyJob_LoggedAsSkippedNotEffectivelyEntitled_WhichACycleDoesNotLog()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(syncAll: false);
        var ann = await host.AddUserAsync("ann");
        (await host.RunCycleAsync()).Logs.ShouldBeEmpty("a cycle reads only what is assigned");

        // Act
        var result = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);

        // Assert: the skip and why, in the answer and in the logs (so the users-skipped preset finds it); nothing sent
        var entry = result.Value!.Entries.Single();
        entry.ProvisioningStatusInfo.Status.ShouldBe(ProvisioningResult.Skipped);
        entry.ProvisioningStatusInfo.ErrorInformation!.ErrorCode.ShouldBe(ProvisioningErrorCodes.EntrySynchronizationSkipped);
        entry.ProvisioningStatusInfo.ErrorInformation.Reason.ShouldBe("Skip reason = NotEffectivelyEntitled, Active = True, Assigned = False, Passed scope filter: True");
        var skip = entry.ProvisioningSteps.Single(step => step.Name == StepNames.EntrySynchronizationSkip).Details;
        skip[ScopingStep.SkipReason].ShouldBe(ScopingStep.NotEffectivelyEntitled);
        skip[ScopingStep.Assigned].ShouldBe("False");
        host.Target.GetUsers().ShouldBeEmpty();
        var skipped = ProvisioningLogPresets.Find(ProvisioningLogPresets.UsersSkipped)!.Apply(new ProvisioningLogQuery { JobId = host.JobId });
        (await host.Store.QueryLogsAsync(skipped, Cancellation)).Entries.Select(log => log.SourceIdentity.Id).ShouldBe([ann.Id.ToString("D")]);
    }

    [Fact]
    public async Task OnDemand_SixthCallWithinTenSeconds_RefusedWith429()
    {
        await using var host = await EngineTestHost.StartAsync();
        var ann = await host.AddUserAsync("ann");
        var statuses = new List<int>();
        for (var call = 0; call < 6; call++)
        {
            var result = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);
            statuses.Add(result.Error?.Status ?? 200);
        }

        statuses.ShouldBe([200, 200, 200, 200, 200, 429]);
        host.Engine.OnDemandRetryAfter(host.JobId).ShouldBeInRange(TimeSpan.FromTicks(1), SynchronizationEngine.OnDemandWindow, "the oldest of the 5 calls leaves the window then");
        host.Engine.OnDemandRetryAfter("another-job").ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task ValidateCredentials_AMaskedToken_IsTheSavedOne_WithATypedAddress()
    {
        await using var host = await EngineTestHost.StartAsync();
        var masked = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId,
            [new(SynchronizationSecret.BaseAddress, host.Target.ScimAddress.ToString()), new(SynchronizationSecret.SecretToken, SynchronizationSecretKeyStringValuePair.Mask)], false, Cancellation);
        var elsewhere = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId,
            [new(SynchronizationSecret.BaseAddress, new Uri(host.Target.ScimAddress, "/nowhere/").ToString()), new(SynchronizationSecret.SecretToken, SynchronizationSecretKeyStringValuePair.Mask)], false, Cancellation);

        masked.Succeeded.ShouldBeTrue(masked.Error?.Message);
        elsewhere.Succeeded.ShouldBeFalse("the typed address is tested, not the saved one");
        elsewhere.Error!.Code.ShouldNotBe(Scim.Client.ScimErrorCodes.CredentialsInvalid, "the saved token goes with the typed address");
        host.Target.Requests.Snapshot().Where(request => request.Method == "GET").Select(request => request.Status).ShouldNotContain(401);
    }

    [Fact]
    public async Task ValidateCredentials_RightToken_Succeeds_WrongToken_FailsWithTheCredentialsCode()
    {
        await using var host = await EngineTestHost.StartAsync();
        var right = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId,
            [new(SynchronizationSecret.BaseAddress, host.Target.ScimAddress.ToString()), new(SynchronizationSecret.SecretToken, EngineTestHost.Token)], false, Cancellation);
        var wrong = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId,
            [new(SynchronizationSecret.BaseAddress, host.Target.ScimAddress.ToString()), new(SynchronizationSecret.SecretToken, "not-the-token")], false, Cancellation);
        var saved = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId, null, true, Cancellation);

        right.Succeeded.ShouldBeTrue();
        saved.Succeeded.ShouldBeTrue();
        wrong.Error!.Status.ShouldBe(400);
        wrong.Error.Code.ShouldBe(Scim.Client.ScimErrorCodes.CredentialsInvalid);
        var probe = host.Target.Requests.Snapshot().First(request => request.Method == "GET");
        probe.DecodedPath.ShouldStartWith("/scim/v2/Users?filter=userName eq \"");
    }
}
