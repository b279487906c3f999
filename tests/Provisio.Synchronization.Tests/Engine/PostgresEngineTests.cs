using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>The engine on PostgreSQL: the scale-out path runs the same cycles as SQLite (skipped locally without PostgreSQL, failed under CI).</summary>
public sealed class PostgresEngineTests(PostgresServer server)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitialThenIncremental_OnPostgres_TargetExactAndOneEntryPerChange()
    {
        await using var host = await EngineTestHost.StartOnPostgresAsync(server);
        var boss = await host.AddUserAsync("boss");
        var ann = await host.AddUserAsync("ann", "Sales", manager: boss.Id);
        var bob = await host.AddUserAsync("bob");
        var team = await host.AddGroupAsync("Team", ann.Id);

        var initial = await host.RunCycleAsync();
        await host.Directory.UpdateAsync(ann.Id, new JsonObject { ["department"] = "Support" }, Cancellation);
        await host.Directory.SoftDeleteAsync(bob.Id, Cancellation);
        await host.Directory.AddReferenceAsync(new DirectoryReference(team.Id, DirectoryRelation.Member, boss.Id), Cancellation);
        var incremental = await host.RunCycleAsync();

        initial.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        initial.Actions(ProvisioningAction.Create).Count.ShouldBe(4);
        host.TargetUser("ann")![Enterprise]!["manager"]!["value"]!.GetValue<string>().ShouldBe(host.TargetUser("boss")!["id"]!.GetValue<string>());
        host.TargetUser("ann")![Enterprise]!["department"]!.GetValue<string>().ShouldBe("Support");
        host.TargetUser("bob")!["active"]!.GetValue<bool>().ShouldBeFalse();
        (host.TargetGroup("Team")!["members"] as JsonArray)!.Count.ShouldBe(2);
        incremental.Logs.Count.ShouldBe(3);
        incremental.Failed.ShouldBeEmpty();
    }
}
