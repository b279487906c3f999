using System.Net;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// Health and safety through Graph against <c>provisio serve</c> and the reference SCIM server (seed 002, seed 000,
/// reference entra-engine-and-api §2, §3, §6.8): thresholds set as the seed writes them, restart scopes, quarantine from
/// invalid credentials and back, an administrator's quarantine, held deletions listed, logged and approved. Bad input
/// gets a Graph error and changes nothing.
/// </summary>
public sealed class HealthApiTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Patch_DeletionThreshold_AsTheSeedAndAsTheJobSetting_BadValuesChangeNothing()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";

        // Act
        var seed = await _served.SendAsync(HttpMethod.Patch, job, """{"schedule":{"accidentalDeletionThreshold":100}}""");
        var afterSeed = (await _served.JobAsync(sp, jobId))["synchronizationJobSettings"]!.ToJsonString();
        var setting = await _served.SendAsync(HttpMethod.Patch, job, """{"synchronizationJobSettings":[{"name":"QuarantineTooManyDeletesThreshold","value":"50"}]}""");
        var afterSetting = (await _served.JobAsync(sp, jobId))["synchronizationJobSettings"]!.ToJsonString();
        var negative = await _served.SendAsync(HttpMethod.Patch, job, """{"schedule":{"accidentalDeletionThreshold":-1,"interval":"PT5M"}}""");
        var text = await _served.SendAsync(HttpMethod.Patch, job, """{"schedule":{"accidentalDeletionThreshold":"many"}}""");
        var unknown = await _served.SendAsync(HttpMethod.Patch, job, """{"synchronizationJobSettings":[{"name":"Other","value":"1"}]}""");
        var after = await _served.JobAsync(sp, jobId);

        // Assert
        seed.Status.ShouldBe(HttpStatusCode.NoContent, seed.Text);
        afterSeed.ShouldBe("""[{"name":"QuarantineTooManyDeletesThreshold","value":"100"}]""");
        setting.Status.ShouldBe(HttpStatusCode.NoContent, setting.Text);
        afterSetting.ShouldBe("""[{"name":"QuarantineTooManyDeletesThreshold","value":"50"}]""");
        foreach (var refused in new[] { negative, text, unknown })
        {
            refused.Status.ShouldBe(HttpStatusCode.BadRequest);
            refused.Error["code"]!.GetValue<string>().ShouldBe("InvalidSchedule");
        }

        negative.Error["message"]!.GetValue<string>().ShouldContain("positive integer");
        after["synchronizationJobSettings"]!.ToJsonString().ShouldBe(afterSetting);
        after["schedule"]!["interval"]!.GetValue<string>().ShouldNotBe("PT5M", "a refused PATCH changes nothing, not even its valid part");
    }

    [Fact]
    public async Task Restart_SeedSpellingAccepted_UnknownScope400_UnknownJob404()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";

        // Act
        var quarantine = await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart", """{"criteria":{"resetScope":"Quarantine"}}""");
        var bogus = await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart", """{"criteria":{"resetScope":"Watermark, Bogus"}}""");
        var missing = await _served.SendAsync(HttpMethod.Post, $"{jobs}/scim.00000000000000000000000000000000/restart", """{"criteria":{"resetScope":"Full"}}""");

        // Assert
        quarantine.Status.ShouldBe(HttpStatusCode.NoContent, quarantine.Text);
        bogus.Status.ShouldBe(HttpStatusCode.BadRequest);
        bogus.Error["code"]!.GetValue<string>().ShouldBe("InvalidRestartCriteria");
        bogus.Error["message"]!.GetValue<string>().ShouldContain("'Bogus' is not a reset scope");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidCredentials_QuarantineInTheJobStatus_RestartWithQuarantineScopeRecovers()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        await _served.CreateUserAsync("ann@contoso.com", "Ann");
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        _served.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await _served.CreateUserAsync("bob@contoso.com", "Bob");

        // Act
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var quarantined = (await _served.JobAsync(sp, jobId))["status"]!;
        _served.Target.Faults.Heal();
        var restart = await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart", """{"criteria":{"resetScope":"Quarantine"}}""");
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var recovered = (await _served.JobAsync(sp, jobId))["status"]!;

        // Assert
        quarantined["code"]!.GetValue<string>().ShouldBe("Quarantine");
        quarantined["quarantine"]!["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
        quarantined["quarantine"]!["error"]!["code"]!.GetValue<string>().ShouldBe("SystemForCrossDomainIdentityManagementCredentialsInvalid");
        quarantined["quarantine"]!["currentBegan"]!.GetValue<string>().ShouldEndWith("Z");
        quarantined["quarantine"]!["nextAttempt"].ShouldNotBeNull();
        quarantined["quarantine"]!["seriesCount"]!.GetValue<long>().ShouldBe(0);
        restart.Status.ShouldBe(HttpStatusCode.NoContent);
        recovered["quarantine"].ShouldBeNull();
        recovered["code"]!.GetValue<string>().ShouldBe("Active");
        (await _served.TargetUsersAsync()).Select(user => user!["userName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com", "bob@contoso.com"], ignoreOrder: true);
    }

    [Fact]
    public async Task WrongTokenSaved_Quarantined_FixedTokenAndRestart_Recovers()
    {
        // Arrange: the secrets carry a revoked token (the seed's "Invalid Admin Credentials")
        var sp = await _served.InstantiateAsync();
        var jobId = await _served.CreateJobAsync(sp);
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";
        var secrets = $"/v1.0/servicePrincipals/{sp}/synchronization/secrets";
        (await _served.SendAsync(HttpMethod.Put, secrets, _served.SecretsBody(token: "revoked-token"))).Status.ShouldBe(HttpStatusCode.NoContent);
        await _served.CreateUserAsync("ann@contoso.com", "Ann");

        // Act
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var quarantined = (await _served.JobAsync(sp, jobId))["status"]!["quarantine"]!;
        var test = await _served.SendAsync(HttpMethod.Post, $"{job}/validateCredentials", """{"useSavedCredentials":true}""");
        (await _served.SendAsync(HttpMethod.Put, secrets, _served.SecretsBody())).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{job}/validateCredentials", """{"useSavedCredentials":true}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{job}/restart", """{"criteria":{"resetScope":"Quarantine"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);

        // Assert
        quarantined["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
        test.Status.ShouldBe(HttpStatusCode.BadRequest);
        test.Error["code"]!.GetValue<string>().ShouldBe("SystemForCrossDomainIdentityManagementCredentialsInvalid");
        (await _served.JobAsync(sp, jobId))["status"]!["quarantine"].ShouldBeNull();
        (await _served.TargetUsersAsync()).Select(user => user!["userName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com"]);
    }

    [Fact]
    public async Task AdministratorsQuarantine_QuarantinedOnDemandUntilStart()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";

        // Act
        var put = await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.quarantine", """{"reason":"Vendor maintenance until Friday"}""");
        var quarantined = (await _served.JobAsync(sp, jobId))["status"]!;
        var started = await _served.SendAsync(HttpMethod.Post, $"{job}/start");
        var after = (await _served.JobAsync(sp, jobId))["status"]!;
        var unknown = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/scim.00000000000000000000000000000000/provisio.quarantine");

        // Assert
        put.Status.ShouldBe(HttpStatusCode.NoContent, put.Text);
        quarantined["quarantine"]!["reason"]!.GetValue<string>().ShouldBe("QuarantinedOnDemand");
        quarantined["quarantine"]!["error"]!["message"]!.GetValue<string>().ShouldBe("Vendor maintenance until Friday");
        started.Status.ShouldBe(HttpStatusCode.NoContent);
        after["quarantine"].ShouldBeNull();
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HeldDeletions_ListedAndLoggedAsStagedDelete_ForceDeletesCarriesThemOut()
    {
        // Arrange: threshold 1, two provisioned users deleted
        var (sp, jobId) = await _served.ConfigureAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";
        var ann = await _served.CreateUserAsync("ann@contoso.com", "Ann");
        var bob = await _served.CreateUserAsync("bob@contoso.com", "Bob");
        (await _served.SendAsync(HttpMethod.Patch, job, """{"schedule":{"accidentalDeletionThreshold":1}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        (await _served.SendAsync(HttpMethod.Delete, $"/v1.0/users/{ann}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Delete, $"/v1.0/users/{bob}")).Status.ShouldBe(HttpStatusCode.NoContent);

        // Act
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var pending = await _served.GetAsync($"{job}/provisio.pendingDeletions");
        var staged = await _served.GetAsync($"/v1.0/auditLogs/provisioning?$filter=jobId eq '{jobId}' and provisioningAction eq 'stagedDelete'");
        var status = (await _served.JobAsync(sp, jobId))["status"]!;
        var activeBefore = (await _served.TargetUsersAsync()).Count(user => user!["active"]!.GetValue<bool>());
        (await _served.SendAsync(HttpMethod.Post, $"{job}/restart", """{"criteria":{"resetScope":"ForceDeletes"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var pendingAfter = await _served.GetAsync($"{job}/provisio.pendingDeletions");

        // Assert
        pending.Status.ShouldBe(HttpStatusCode.OK, pending.Text);
        pending.Json!["threshold"]!.GetValue<int>().ShouldBe(1);
        pending.Json["value"]!.AsArray().Select(item => item!["displayName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com", "bob@contoso.com"], ignoreOrder: true);
        pending.Json["value"]!.AsArray().ShouldAllBe(item => item!["approved"]!.GetValue<bool>() == false && item["action"]!.GetValue<string>() == "disable");
        staged.Json!["value"]!.AsArray().Count.ShouldBe(2, staged.Text);
        status["quarantine"]!["reason"]!.GetValue<string>().ShouldBe("TooManyDeletes");
        activeBefore.ShouldBe(2);
        (await _served.TargetUsersAsync()).ShouldAllBe(user => user!["active"]!.GetValue<bool>() == false);
        pendingAfter.Json!["value"]!.AsArray().ShouldBeEmpty();
    }
}
