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
        posts.Count(request => request.Status == 201).ShouldBe(2_500, "every user created exactly once");
        (await host.Store.CountEntriesAsync(host.JobId, TestContext.Current.CancellationToken))["User"].ShouldBe(2_500);
        (await host.Store.GetCycleStateAsync(host.JobId, TestContext.Current.CancellationToken)).Checkpoint.ShouldBeNull();
    }
}
