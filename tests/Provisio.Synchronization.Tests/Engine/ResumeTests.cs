using Provisio.Synchronization.Cycles;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>A cycle stopped in the middle resumes from its checkpoint: nothing lost, nothing created twice (issue 6 §2).</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task CycleStoppedMidway_ResumesFromTheCheckpoint_TargetExactWithoutDuplicateCreates()
    {
        await using var host = await EngineTestHost.StartAsync();
        for (var index = 0; index < 2_500; index++)
        {
            await host.AddUserAsync($"user{index:0000}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watcher = Task.Run(async () =>
        {
            // Stop as soon as the first page's bookkeeping is committed (the checkpoint has a cursor): the cycle is mid-way.
            while ((await host.Store.GetCycleStateAsync(host.JobId, TestContext.Current.CancellationToken)).Checkpoint?.Cursor is null)
            {
                await Task.Delay(2, TestContext.Current.CancellationToken);
            }

            await stop.CancelAsync();
        }, TestContext.Current.CancellationToken);
        var interrupted = await Should.ThrowAsync<OperationCanceledException>(() => host.Engine.RunCycleAsync(host.JobId, dryRun: false, stop.Token));
        await watcher;
        var state = await host.Store.GetCycleStateAsync(host.JobId, TestContext.Current.CancellationToken);

        var resumed = await host.RunCycleAsync();

        interrupted.ShouldNotBeNull();
        state.Checkpoint.ShouldNotBeNull("the interrupted cycle left its checkpoint");
        state.Checkpoint.Cursor.ShouldNotBeNull("at least one page was committed before the stop");
        resumed.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        resumed.Result.Execution.ActivityIdentifier.ShouldBe(state.Checkpoint.CycleId);
        host.Target.GetUsers().Count.ShouldBe(2_500);
        var posts = host.Target.Requests.Snapshot().Where(request => request.Method == "POST").ToList();
        // A create the stop cut off is in the target but logged 499 (the client gave up before the answer): resumed, the
        // cycle matches it instead of posting it again, so no create meets an existing user (409) and none is lost.
        posts.ShouldNotContain(request => request.Status == 409, "a user created twice");
        posts.Count(request => request.Status is 201 or 499).ShouldBeGreaterThanOrEqualTo(2_500);
        (await host.Store.CountEntriesAsync(host.JobId, TestContext.Current.CancellationToken))["User"].ShouldBe(2_500);
        (await host.Store.GetCycleStateAsync(host.JobId, TestContext.Current.CancellationToken)).Checkpoint.ShouldBeNull();
    }

    [Fact]
    public async Task CycleStoppedAfterManagersWentAhead_ResumeLeavesThemOut_EveryUserOneJourneyAndEveryManagerExact()
    {
        // Users whose manager the scan reaches later bring the manager into their page; a resumed cycle must still leave
        // out those it provisioned before the stop when the scan reaches them, not give them a second journey.
        var cancellation = TestContext.Current.CancellationToken;
        await using var host = await EngineTestHost.StartAsync();
        await new Directory.Generation.DirectoryGenerator(new Directory.Generation.DirectoryGeneratorOptions { Users = 2_500, Groups = 0, Seed = 5 })
            .WriteAsync(host.Directory, null, cancellation);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watcher = Task.Run(async () =>
        {
            while ((await host.Store.GetCycleStateAsync(host.JobId, cancellation)).Checkpoint?.Cursor is null)
            {
                await Task.Delay(2, cancellation);
            }

            await stop.CancelAsync();
        }, cancellation);
        await Should.ThrowAsync<OperationCanceledException>(() => host.Engine.RunCycleAsync(host.JobId, dryRun: false, stop.Token));
        await watcher;
        var checkpoint = (await host.Store.GetCycleStateAsync(host.JobId, cancellation)).Checkpoint!;
        var before = new List<Guid>();
        await foreach (var id in host.Store.ReadLoggedSourceIdsAsync(host.JobId, checkpoint.CycleId, cancellation))
        {
            before.Add(Guid.Parse(id));
        }

        var resumed = await host.RunCycleAsync();

        // Assert: the stop came after managers beyond the checkpoint were provisioned, and none of them went twice.
        var cursor = Guid.Parse(checkpoint.Cursor!);
        before.Count(id => id.CompareTo(cursor) > 0).ShouldBeGreaterThan(0, "managers provisioned ahead of the checkpoint before the stop");
        resumed.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        resumed.Result.Execution.ActivityIdentifier.ShouldBe(checkpoint.CycleId);
        var journeys = resumed.Logs.GroupBy(log => log.SourceIdentity.Id).ToList();
        journeys.Count.ShouldBe(2_500);
        journeys.Where(journey => journey.Count() > 1).Select(journey => journey.Key).ShouldBeEmpty("users with more than one journey in the cycle");
        var users = host.Target.GetUsers();
        users.Count.ShouldBe(2_500);
        var posts = host.Target.Requests.Snapshot().Where(request => request.Method == "POST").ToList();
        posts.ShouldNotContain(request => request.Status == 409, "a user created twice"); // a create cut off by the stop is logged 499
        posts.Count(request => request.Status is 201 or 499).ShouldBeGreaterThanOrEqualTo(2_500);
        var targetIds = new Dictionary<Guid, string>();
        var byName = users.ToDictionary(user => user["userName"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var directoryUsers = new List<Directory.Model.DirectoryObject>();
        Directory.Query.DirectoryCursor? after = null;
        do
        {
            var page = await host.Directory.QueryAsync(new Directory.Query.DirectoryQuery { Kind = Directory.Model.DirectoryObjectKind.User, After = after, Top = 999 }, cancellation);
            directoryUsers.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        foreach (var user in directoryUsers)
        {
            targetIds[user.Id] = byName[user["userPrincipalName"]!]["id"]!.GetValue<string>();
        }

        var byId = users.ToDictionary(user => user["id"]!.GetValue<string>());
        var managed = 0;
        await foreach (var reference in host.Directory.GetReferencesAsync([.. directoryUsers.Select(user => user.Id)], Directory.Model.DirectoryRelation.Manager, cancellation))
        {
            var report = byId[targetIds[reference.SourceId]];
            var held = report["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?["manager"]?["value"]?.GetValue<string>();
            held.ShouldBe(targetIds[reference.TargetId], $"manager of {report["userName"]}");
            managed++;
        }

        managed.ShouldBeGreaterThan(2_000);
        (await host.Store.CountEscrowsAsync(host.JobId, cancellation)).Total.ShouldBe(0);
    }
}
