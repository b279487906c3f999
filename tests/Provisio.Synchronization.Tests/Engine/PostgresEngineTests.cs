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

    [Fact]
    public async Task InitialCycle_ManagersLaterInTheScan_OnPostgres_EveryUserOneJourneyAndEveryManagerExact()
    {
        // The managers the scan reaches after their reports' page go ahead with it: that takes PostgreSQL's uuid order to
        // be the Guid's, or a manager would be taken for a later one and provisioned twice.
        await using var host = await EngineTestHost.StartOnPostgresAsync(server);
        await new Directory.Generation.DirectoryGenerator(new Directory.Generation.DirectoryGeneratorOptions { Users = 2_200, Groups = 0, Seed = 3 })
            .WriteAsync(host.Directory, null, Cancellation);

        var cycle = await host.RunCycleAsync();

        cycle.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        var journeys = cycle.Logs.GroupBy(log => log.SourceIdentity.Id).ToList();
        journeys.Count.ShouldBe(2_200);
        journeys.Where(journey => journey.Count() > 1).Select(journey => journey.Key).ShouldBeEmpty("users with more than one journey");
        cycle.Logs.Where(log => log.ProvisioningSteps.Any(step => step.Name == Pipeline.StepNames.EntryReferenceResolution && step.Status == ProvisioningResult.Skipped))
            .ShouldBeEmpty("reports whose manager was not in the target when they were exported");
        var targetIds = cycle.Logs.ToDictionary(log => Guid.Parse(log.SourceIdentity.Id!), log => log.TargetIdentity.Id);
        var byId = host.Target.GetUsers().ToDictionary(user => user["id"]!.GetValue<string>());
        var managed = 0;
        await foreach (var reference in host.Directory.GetReferencesAsync([.. targetIds.Keys], DirectoryRelation.Manager, Cancellation))
        {
            var held = byId[targetIds[reference.SourceId]!][Enterprise]?["manager"]?["value"]?.GetValue<string>();
            held.ShouldBe(targetIds[reference.TargetId]);
            managed++;
        }

        managed.ShouldBe(2_199);
    }
}
