using Microsoft.Extensions.Time.Testing;
using Provisio.Scim.Client;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Tests.Engine;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>
/// Quarantine as the seed 002 describes it (reference entra-engine-and-api §2): a failure of the whole job quarantines it
/// regardless of counts; cycles back off to once a day; a cycle that no longer meets the criteria lifts it; start and
/// restart lift it; four weeks disable the job. Time is a fake clock, so four weeks take a second.
/// </summary>
public sealed class QuarantineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(40);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvalidCredentials_QuarantineWithEncounteredQuarantineException_AndTheGraphShape()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();

        // Act
        var cycle = await host.RunCycleAsync();
        var status = (await host.JobAsync()).Job.Status;

        // Assert
        cycle.Result.Outcome.ShouldBe(CycleOutcome.Failed);
        status.Code.ShouldBe(SynchronizationStatusCode.Quarantine);
        var quarantine = status.Quarantine.ShouldNotBeNull();
        quarantine.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        quarantine.CurrentBegan.ShouldBe(Start);
        quarantine.SeriesBegan.ShouldBe(Start);
        quarantine.SeriesCount.ShouldBe(0);
        quarantine.NextAttempt.ShouldBe(Start + 2 * Interval);
        quarantine.Error!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        quarantine.Error.TenantActionable.ShouldBeTrue();
        var json = System.Text.Json.Nodes.JsonNode.Parse(Provisio.Synchronization.Schema.SynchronizationJson.Serialize(status))!["quarantine"]!;
        json["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
        json["currentBegan"]!.GetValue<string>().ShouldBe("2026-12-01T09:00:00Z");
    }

    [Fact]
    public async Task CredentialsRevokedWithNothingToExport_TheStartupCheckStillQuarantines()
    {
        // Arrange: a provisioned job with no change to make
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        (await host.RunCycleAsync()).Result.Outcome.ShouldBe(CycleOutcome.Completed);
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Result.Outcome.ShouldBe(CycleOutcome.Failed);
        cycle.Result.JobFailure!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        (await host.JobAsync()).Job.Status.Quarantine!.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
    }

    [Fact]
    public async Task StartupCheckFailed_HealedAndRestarted_TheResumedCycleCompletes()
    {
        // Arrange: quarantined by the startup check of a cycle with nothing to export
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        (await host.RunCycleAsync()).Result.Outcome.ShouldBe(CycleOutcome.Completed);
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        (await host.RunCycleAsync()).Result.Outcome.ShouldBe(CycleOutcome.Failed);
        host.Target.Faults.Heal();
        var criteria = new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.QuarantineState };
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, criteria, Cancellation)).Succeeded.ShouldBeTrue();

        // Act
        var resumed = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        // Assert
        resumed.Outcome.ShouldBe(CycleOutcome.Completed);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task WhileQuarantined_ScheduledCyclesBackOffToOnceADay_AndFourWeeksDisableTheJob()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await host.RunCycleAsync();
        var waits = new List<TimeSpan>();

        // Act: the scheduler fires every interval; only attempts at or after nextAttempt run.
        var ran = 0;
        var deferred = 0;
        while (clock.GetUtcNow() - Start < TimeSpan.FromDays(30) && (await host.JobAsync()).Job.Schedule.State == SynchronizationScheduleState.Active)
        {
            var before = (await host.JobAsync()).Job.Status.Quarantine!;
            clock.Advance(Interval);
            if (await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation) is null)
            {
                deferred++;
                continue;
            }

            ran++;
            var after = (await host.JobAsync()).Job.Status.Quarantine;
            if (after is not null)
            {
                waits.Add(after.NextAttempt!.Value - after.CurrentBegan!.Value);
                after.SeriesCount.ShouldBe(before.SeriesCount + 1);
                after.SeriesBegan.ShouldBe(Start);
            }
        }

        // Assert: 80 min, 160 min, ... doubling up to a day, then daily; disabled after four weeks.
        var job = await host.JobAsync();
        waits.Take(4).ShouldBe([TimeSpan.FromMinutes(160), TimeSpan.FromMinutes(320), TimeSpan.FromMinutes(640), TimeSpan.FromMinutes(1280)]);
        waits.Skip(4).ShouldAllBe(wait => wait == TimeSpan.FromDays(1));
        deferred.ShouldBeGreaterThan(ran * 10, "most scheduled firings wait for the next attempt");
        job.Job.Schedule.State.ShouldBe(SynchronizationScheduleState.Disabled);
        job.Job.Status.Code.ShouldBe(SynchronizationStatusCode.Quarantine);
        (clock.GetUtcNow() - Start).ShouldBeGreaterThan(QuarantineRules.DisableAfter);
        (clock.GetUtcNow() - Start).ShouldBeLessThan(QuarantineRules.DisableAfter + TimeSpan.FromDays(1.1));
        (await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation)).ShouldBeNull("a disabled job does not run");
    }

    [Fact]
    public async Task FourWeeksInQuarantine_TwoEmails_EnteredAndDisabled_AndAnAuditPerEvaluation()
    {
        // Arrange: notifications to ops@contoso.com
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId,
            [.. secrets, new(SynchronizationSecret.SyncNotificationSettings, """{"Enabled":true,"Recipients":"ops@contoso.com"}""")], Cancellation)).Succeeded.ShouldBeTrue();
        await host.AddUserAsync("ann");
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await host.RunCycleAsync();
        var evaluations = 1;

        // Act
        while ((await host.JobAsync()).Job.Schedule.State == SynchronizationScheduleState.Active && clock.GetUtcNow() - Start < TimeSpan.FromDays(31))
        {
            clock.Advance(TimeSpan.FromHours(1));
            if (await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation) is not null)
            {
                evaluations++;
            }
        }

        var emails = await host.Store.ListEmailsAsync(host.JobId, 10, Cancellation);
        var audits = await host.Store.QueryAuditsAsync(new Provisio.Synchronization.Storage.DirectoryAuditQuery { ActivityDisplayNames = ["Quarantine"], Top = 1000 }, Cancellation);

        // Assert
        emails.Select(email => email.Subject).ShouldBe(
        [
            "Provisioning for Contoso Target was disabled after four weeks in quarantine",
            "Provisioning for Contoso Target is in quarantine: EncounteredQuarantineException",
        ]);
        emails.ShouldAllBe(email => email.To.SequenceEqual(new[] { "ops@contoso.com" }));
        emails[0].TextBody.ShouldContain("is now disabled: it no longer runs");
        audits.Audits.Count.ShouldBe(evaluations);
        audits.Audits[0].AdditionalDetails.ShouldContain(new Provisio.Synchronization.Audit.KeyValue("Details",
            "The quarantine was re-evaluated and stays in effect (EncounteredQuarantineException, evaluation " + (evaluations - 1) + "). The job has been in quarantine for more than four weeks and is disabled."));
    }

    [Fact]
    public async Task NoNotificationAddress_NoEmail()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();

        // Act
        await host.RunCycleAsync();

        // Assert
        (await host.JobAsync()).Job.Status.Quarantine.ShouldNotBeNull();
        (await host.Store.ListEmailsAsync(host.JobId, 10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TargetHealed_TheNextAttemptLiftsTheQuarantineAndProvisions()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await host.RunCycleAsync();
        host.Target.Faults.Heal();

        // Act
        clock.Advance(Interval);
        var early = await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation);
        clock.Advance(Interval);
        var due = await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation);

        // Assert
        early.ShouldBeNull();
        due.ShouldNotBeNull().Outcome.ShouldBe(CycleOutcome.Completed);
        var status = (await host.JobAsync()).Job.Status;
        status.Quarantine.ShouldBeNull();
        status.Code.ShouldBe(SynchronizationStatusCode.Active);
        host.TargetUser("ann").ShouldNotBeNull();
    }

    [Fact]
    public async Task Start_LiftsTheQuarantineAtOnce()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();

        // Act
        (await host.Engine.StartAsync(host.ServicePrincipalId, host.JobId, Cancellation)).Succeeded.ShouldBeTrue();

        // Assert
        var status = (await host.JobAsync()).Job.Status;
        status.Quarantine.ShouldBeNull();
        QuarantineRules.Defers(status, clock.GetUtcNow()).ShouldBeFalse();
    }

    [Fact]
    public async Task RestartWithQuarantineScope_LiftsOnlyTheQuarantine_TheNextCycleStaysIncremental()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");
        (await host.RunCycleAsync()).Result.Outcome.ShouldBe(CycleOutcome.Completed);
        host.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await host.AddUserAsync("bob");
        await host.RunCycleAsync();
        host.Target.Faults.Heal();
        var criteria = Provisio.Synchronization.Schema.SynchronizationJson.Deserialize<SynchronizationJobRestartCriteria>("""{"resetScope":"Quarantine"}""");

        // Act
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, criteria, Cancellation)).Succeeded.ShouldBeTrue();
        var cycle = await host.RunCycleAsync();

        // Assert
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
        cycle.Logs.Select(log => log.SourceIdentity.DisplayName).Distinct().ShouldBe(["bob@contoso.com"], "incremental: only bob, who changed, not ann again");
        host.TargetUser("bob").ShouldNotBeNull();
    }

    [Fact]
    public async Task FiveThousandFailedCreates_QuarantineByProportion()
    {
        // Arrange: every create refused (the target requires nickName, which no mapping sends)
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock, ["require-attribute:nickName"]);
        await new Directory.Generation.DirectoryGenerator(new Directory.Generation.DirectoryGeneratorOptions { Users = 5_000, Groups = 0, MembersPerGroup = 0, Seed = 3 })
            .WriteAsync(host.Directory, null, Cancellation);

        // Act
        var cycle = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation);
        var status = (await host.JobAsync()).Job.Status;

        // Assert
        cycle.Execution.Error.ShouldBeNull();
        cycle.Outcome.ShouldBe(CycleOutcome.Completed);
        cycle.Execution.CountEscrowed.ShouldBe(5_000);
        status.Quarantine.ShouldNotBeNull().Reason.ShouldBe(QuarantineReason.EncounteredEscrowProportionThreshold);
        status.Quarantine.Error!.Message!.ShouldContain("5,000 of 5,000 provisioning events failed");
    }

    [Fact]
    public async Task FewerThanFiveThousandFailures_NoQuarantine()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock, ["require-attribute:nickName"]);
        await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");

        // Act
        var cycle = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation);

        // Assert
        cycle.Execution.CountEscrowed.ShouldBe(2);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task QuarantineOnDemand_HoldsScheduledCyclesUntilStart()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock);
        await host.AddUserAsync("ann");

        // Act
        var quarantined = await host.Engine.QuarantineAsync(host.ServicePrincipalId, host.JobId, "Vendor maintenance", Cancellation);
        clock.Advance(TimeSpan.FromDays(2));
        var scheduled = await host.Engine.RunScheduledCycleAsync(host.JobId, Cancellation);
        var manual = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation);
        var stillQuarantined = (await host.JobAsync()).Job.Status.Quarantine;
        (await host.Engine.StartAsync(host.ServicePrincipalId, host.JobId, Cancellation)).Succeeded.ShouldBeTrue();

        // Assert
        quarantined.Value!.Job.Status.Quarantine!.Reason.ShouldBe(QuarantineReason.QuarantinedOnDemand);
        quarantined.Value.Job.Status.Quarantine.Error!.Message.ShouldBe("Vendor maintenance");
        scheduled.ShouldBeNull();
        manual.Outcome.ShouldBe(CycleOutcome.Completed);
        stillQuarantined.ShouldNotBeNull("a successful cycle does not lift an administrator's quarantine").Reason.ShouldBe(QuarantineReason.QuarantinedOnDemand);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task NotFoundForAnEmptyQuery_ScimComplianceQuarantinesRegardlessOfCounts()
    {
        // Arrange: seed 002 "SCIM Compliance issue: An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK"
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock, ["not-found-for-empty-query"]);
        await host.AddUserAsync("ann");

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Result.Outcome.ShouldBe(CycleOutcome.Failed);
        var quarantine = (await host.JobAsync()).Job.Status.Quarantine.ShouldNotBeNull();
        quarantine.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        quarantine.Error!.Code.ShouldBe(ScimErrorCodes.BadResponse);
        quarantine.Error.Message!.ShouldContain("HTTP 404 instead of 200");
    }

    [Fact]
    public async Task FailedObject_RetriedSixTwelveAndTwentyFourHoursAfterItsFirstFailure_ThenDaily()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock, ["require-attribute:nickName"]);
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();
        var retries = new List<(TimeSpan At, int Attempts, TimeSpan NextRetry)>();

        // Act: a cycle every hour for three days
        for (var hour = 1; hour <= 72; hour++)
        {
            clock.SetUtcNow(Start + TimeSpan.FromHours(hour));
            var cycle = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation);
            if (cycle.EscrowsRetried > 0)
            {
                var escrow = (await host.EscrowsAsync()).Single();
                retries.Add((TimeSpan.FromHours(hour), escrow.Attempts, escrow.NextRetry - Start));
            }
        }

        // Assert
        retries.ShouldBe(
        [
            (TimeSpan.FromHours(6), 2, TimeSpan.FromHours(12)),
            (TimeSpan.FromHours(12), 3, TimeSpan.FromHours(24)),
            (TimeSpan.FromHours(24), 4, TimeSpan.FromHours(48)),
            (TimeSpan.FromHours(48), 5, TimeSpan.FromHours(72)),
            (TimeSpan.FromHours(72), 6, TimeSpan.FromHours(96)),
        ]);
        (await host.EscrowsAsync()).Single().FirstFailure.ShouldBe(Start);
    }

    [Fact]
    public async Task EscrowsOlderThan28Days_AreRemovedUnretried()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartedAsync(clock, ["require-attribute:nickName"]);
        await host.AddUserAsync("ann");
        await host.RunCycleAsync();
        (await host.EscrowsAsync()).Count.ShouldBe(1);

        // Act
        clock.Advance(TimeSpan.FromDays(28));
        var cycle = await host.Engine.RunCycleAsync(host.JobId, dryRun: false, Cancellation);

        // Assert
        cycle.EscrowsExpired.ShouldBe(1);
        cycle.EscrowsRetried.ShouldBe(0);
        (await host.EscrowsAsync()).ShouldBeEmpty();
    }

    private static async Task<EngineTestHost> StartedAsync(FakeTimeProvider clock, IReadOnlyList<string>? faults = null)
    {
        var host = await EngineTestHost.StartAsync(faults: faults, time: clock);
        (await host.Engine.StartAsync(host.ServicePrincipalId, host.JobId, Cancellation)).Succeeded.ShouldBeTrue();
        (await host.Engine.SetIntervalAsync(host.ServicePrincipalId, host.JobId, Interval, Cancellation)).Succeeded.ShouldBeTrue();
        return host;
    }
}
