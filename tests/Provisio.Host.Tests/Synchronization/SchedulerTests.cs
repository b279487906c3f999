using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>The Quartz.NET scheduler in <c>provisio serve</c>: started jobs run on their interval by themselves, paused ones stop, and shutdown interrupts a running cycle.</summary>
public sealed class SchedulerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_IntervalOneSecond_CyclesRunByThemselves()
    {
        // Arrange
        await using var served = await ServedSynchronization.StartAsync();
        var (sp, jobId) = await served.ConfigureAsync(syncAll: true);
        var userId = await served.CreateUserAsync("ana.souza@contoso.com", "Ana Souza");
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        (await served.SendAsync(HttpMethod.Patch, $"{jobs}/{jobId}", """{"schedule":{"interval":"PT1S"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);

        // Act
        (await served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/start")).Status.ShouldBe(HttpStatusCode.NoContent);
        var executions = new HashSet<string>();
        var ranTwice = await ServedSynchronization.EventuallyAsync(async () =>
        {
            var job = await served.JobAsync(sp, jobId);
            if (job["status"]!["lastExecution"] is JsonObject { } last && last["timeEnded"] is not null)
            {
                executions.Add(last["activityIdentifier"]!.GetValue<string>());
            }

            return executions.Count >= 2;
        }, TimeSpan.FromSeconds(60));

        // Assert: two cycles, the first of which created the user in the target
        ranTwice.ShouldBeTrue($"cycles seen: {executions.Count}");
        var status = (await served.JobAsync(sp, jobId))["status"]!;
        status["code"]!.GetValue<string>().ShouldBe("Active");
        status["lastSuccessfulExecution"].ShouldNotBeNull();
        (await served.TargetUsersAsync()).Select(user => user!["userName"]!.GetValue<string>()).ShouldBe(["ana.souza@contoso.com"]);
        var created = await served.GetAsync($"/v1.0/auditLogs/provisioning?$filter={Uri.EscapeDataString($"sourceIdentity/id eq '{userId}' and provisioningAction eq 'create'")}");
        created.Json!["value"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Pause_ScheduledJob_NoMoreCycles()
    {
        // Arrange: a job running every second
        await using var served = await ServedSynchronization.StartAsync();
        var (sp, jobId) = await served.ConfigureAsync(syncAll: true);
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        (await served.SendAsync(HttpMethod.Patch, $"{jobs}/{jobId}", """{"schedule":{"interval":"PT1S"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/start")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await ServedSynchronization.EventuallyAsync(async () => (await served.JobAsync(sp, jobId))["status"]!["lastExecution"]?["timeEnded"] is not null,
            TimeSpan.FromSeconds(60))).ShouldBeTrue();

        // Act: pause, wait for a cycle that had begun to finish (the target quiet for 1.5 s), then watch three more intervals
        (await served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/pause")).Status.ShouldBe(HttpStatusCode.NoContent);
        var quiet = Stopwatch.StartNew();
        int before;
        do
        {
            before = served.Target.Requests.Count;
            await Task.Delay(TimeSpan.FromMilliseconds(1500), Cancellation);
        }
        while (served.Target.Requests.Count != before && quiet.Elapsed < TimeSpan.FromSeconds(30));

        var afterPause = served.Target.Requests.Count;
        var last = (await served.JobAsync(sp, jobId))["status"]!["lastExecution"]!["activityIdentifier"]!.GetValue<string>();
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);

        // Assert
        served.Target.Requests.Count.ShouldBe(afterPause);
        var job = await served.JobAsync(sp, jobId);
        job["status"]!["lastExecution"]!["activityIdentifier"]!.GetValue<string>().ShouldBe(last);
        job["schedule"]!["state"]!.GetValue<string>().ShouldBe("Paused");
    }

    [Fact]
    public async Task Restart_ActiveJob_ResumesWithoutBeingStarted()
    {
        // Arrange: a started job whose first cycle ran, with an interval too long to run again by itself
        await using var served = await ServedSynchronization.StartAsync();
        var (sp, jobId) = await served.ConfigureAsync(syncAll: true);
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        (await served.SendAsync(HttpMethod.Patch, $"{jobs}/{jobId}", """{"schedule":{"interval":"PT1H"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/start")).Status.ShouldBe(HttpStatusCode.NoContent);
        string? first = null;
        (await ServedSynchronization.EventuallyAsync(async () =>
        {
            first = (await served.JobAsync(sp, jobId))["status"]!["lastExecution"]?["activityIdentifier"]?.GetValue<string>();
            return first is not null;
        }, TimeSpan.FromSeconds(60))).ShouldBeTrue();
        await served.CreateUserAsync("late.joiner@contoso.com", "Late Joiner");

        // Act
        await served.RestartServiceAsync();

        // Assert: the restarted service ran the job at once, and the new user reached the target
        (await ServedSynchronization.EventuallyAsync(async () =>
            (await served.JobAsync(sp, jobId))["status"]!["lastExecution"]?["activityIdentifier"]?.GetValue<string>() is { } last && last != first,
            TimeSpan.FromSeconds(60))).ShouldBeTrue();
        (await ServedSynchronization.EventuallyAsync(async () =>
            (await served.TargetUsersAsync()).Any(user => user!["userName"]!.GetValue<string>() == "late.joiner@contoso.com"), TimeSpan.FromSeconds(30))).ShouldBeTrue();
        (await served.JobAsync(sp, jobId))["schedule"]!["state"]!.GetValue<string>().ShouldBe("Active");
    }

    [Fact]
    public async Task Shutdown_DuringASlowCycle_CancelsItPromptly()
    {
        // Arrange: every SCIM request takes 6 s, so the cycle (a match, then a create, per user) takes 12 s or more
        await using var served = await ServedSynchronization.StartAsync(faults: ["slow:6000"]);
        var (sp, jobId) = await served.ConfigureAsync(syncAll: true);
        for (var index = 0; index < 3; index++)
        {
            await served.CreateUserAsync($"user{index}@contoso.com", $"User {index}");
        }

        (await served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/start")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await ServedSynchronization.EventuallyAsync(() => Task.FromResult(served.Target.Requests.Count > 0), TimeSpan.FromSeconds(60))).ShouldBeTrue();

        // Act: stop while the next requests are held by the target
        var stopped = await served.StopServiceAsync();

        // Assert: the running cycle's token was cancelled; the host did not wait for it to finish
        stopped.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }
}
