using System.Text.Json.Nodes;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>The initial cycle against the reference SCIM server (reference entra-engine-and-api §1.2, §1.8, §1.9).</summary>
public sealed class InitialCycleTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitialCycle_UsersGroupsAndManagers_TargetHoldsExactlyTheDirectory()
    {
        await using var host = await EngineTestHost.StartAsync();
        var boss = await host.AddUserAsync("boss", "Board");
        var ann = await host.AddUserAsync("ann", "Sales", manager: boss.Id);
        var bob = await host.AddUserAsync("bob", "Sales", manager: boss.Id);
        var cid = await host.AddUserAsync("cid", "Support", manager: ann.Id);
        await host.AddGroupAsync("Sales Team", ann.Id, bob.Id);
        await host.AddGroupAsync("Everyone", boss.Id, ann.Id, bob.Id, cid.Id);

        var cycle = await host.RunCycleAsync();

        cycle.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        cycle.Result.Execution.State.ShouldBe(SynchronizationTaskExecutionResult.Succeeded,
            string.Join("\n", cycle.Failed.Select(log => Provisio.Synchronization.Schema.SynchronizationJson.Serialize(log))));
        host.Target.GetUsers().Count.ShouldBe(4);
        host.Target.GetGroups().Count.ShouldBe(2);
        var targetBoss = host.TargetUser("boss")!;
        var targetAnn = host.TargetUser("ann")!;
        targetAnn["active"]!.GetValue<bool>().ShouldBeTrue();
        targetAnn["externalId"]!.GetValue<string>().ShouldBe("ann");
        targetAnn[Enterprise]!["department"]!.GetValue<string>().ShouldBe("Sales");
        targetAnn[Enterprise]!["manager"]!["value"]!.GetValue<string>().ShouldBe(targetBoss["id"]!.GetValue<string>());
        host.TargetUser("cid")![Enterprise]!["manager"]!["value"]!.GetValue<string>().ShouldBe(targetAnn["id"]!.GetValue<string>());
        (targetBoss[Enterprise]?["manager"]).ShouldBeNull();
        Members(host, "Sales Team").ShouldBe(new[] { "ann", "bob" }.Select(alias => host.TargetUser(alias)!["id"]!.GetValue<string>()).Order(), ignoreOrder: true);
        Members(host, "Everyone").Count.ShouldBe(4);
        cycle.Actions(ProvisioningAction.Create).Count.ShouldBe(6);
        cycle.Failed.ShouldBeEmpty();
        var annLog = cycle.For("ann@contoso.com").First(log => log.ProvisioningAction == ProvisioningAction.Create);
        annLog.ProvisioningSteps.Select(step => step.ProvisioningStepType).Take(3).ShouldBe([ProvisioningStepType.Import, ProvisioningStepType.Scoping, ProvisioningStepType.Matching]);
        annLog.ProvisioningSteps.ShouldContain(step => step.Name == StepNames.EntryExportAdd && step.Status == ProvisioningResult.Success);
        annLog.TargetIdentity.Id.ShouldBe(targetAnn["id"]!.GetValue<string>());
        annLog.ModifiedProperties.ShouldContain(property => property.DisplayName == "userName" && property.NewValue == "ann@contoso.com");
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
        job.Job.Status.LastExecution!.CountExported.ShouldBeGreaterThanOrEqualTo(6);
        job.Job.Status.SynchronizedEntryCountByType.ShouldBe([new StringKeyLongValuePair("Group", 2), new StringKeyLongValuePair("User", 4)]);
    }

    [Fact]
    public async Task SecondCycle_NothingChanged_IsIncrementalAndSendsNothing()
    {
        await using var host = await EngineTestHost.StartAsync();
        var boss = await host.AddUserAsync("boss");
        await host.AddUserAsync("ann", manager: boss.Id);
        await host.AddGroupAsync("Team", boss.Id);
        await host.RunCycleAsync();
        var requests = host.Target.Requests.Count;

        var second = await host.RunCycleAsync();

        second.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        second.Logs.ShouldBeEmpty();
        second.Result.Execution.CountExported.ShouldBe(0);
        StartupCheckOnly(host.Target.Requests.Snapshot().Skip(requests));
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
        job.Job.Status.SteadyStateLastAchievedTime.ShouldBeGreaterThan(DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task InitialCycle_ManagersAfterTheirReports_AllResolvedBeforeTheCycleEnds()
    {
        // A chain of 30 users, each managed by the next: with ids in random order, about half the managers come later
        // in the scan than their reports and must wait for the references phase.
        await using var host = await EngineTestHost.StartAsync();
        var users = new List<Guid>();
        for (var index = 0; index < 30; index++)
        {
            users.Add((await host.AddUserAsync($"u{index:00}")).Id);
        }

        for (var index = 0; index < 29; index++)
        {
            (await host.Directory.AddReferenceAsync(new(users[index], Directory.Model.DirectoryRelation.Manager, users[index + 1]), Cancellation)).Succeeded.ShouldBeTrue();
        }

        var cycle = await host.RunCycleAsync();

        cycle.Failed.ShouldBeEmpty();
        for (var index = 0; index < 29; index++)
        {
            var manager = host.TargetUser($"u{index:00}")![Enterprise]!["manager"]!["value"]!.GetValue<string>();
            manager.ShouldBe(host.TargetUser($"u{index + 1:00}")!["id"]!.GetValue<string>(), $"manager of u{index:00}");
        }

        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task InitialCycle_ManyPages_EveryManagerAndMemberAcrossPagesIsExact()
    {
        // Four pages of users and two of groups (CycleRunner.PageSize): each page is prepared while the one before it is
        // exported, so managers and members made a page or two earlier must still resolve, and none twice.
        await using var host = await EngineTestHost.StartAsync();
        await new Directory.Generation.DirectoryGenerator(new Directory.Generation.DirectoryGeneratorOptions { Users = 3_200, Groups = 1_100, MembersPerGroup = 4, Seed = 11 })
            .WriteAsync(host.Directory, null, Cancellation);
        var users = await AllAsync(host, Directory.Model.DirectoryObjectKind.User);
        var groups = await AllAsync(host, Directory.Model.DirectoryObjectKind.Group);
        users.Count.ShouldBeGreaterThan(3 * CycleRunner.PageSize);
        groups.Count.ShouldBeGreaterThan(CycleRunner.PageSize);

        var cycle = await host.RunCycleAsync();

        cycle.Failed.ShouldBeEmpty();
        cycle.Actions(ProvisioningAction.Create).Count.ShouldBe(users.Count + groups.Count);
        var targetUsers = host.Target.GetUsers().ToDictionary(user => user["userName"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        targetUsers.Count.ShouldBe(users.Count);
        var targetIds = users.ToDictionary(user => user.Id, user => targetUsers[user["userPrincipalName"]!]["id"]!.GetValue<string>());
        var managers = new Dictionary<Guid, Guid>();
        await foreach (var reference in host.Directory.GetReferencesAsync([.. users.Select(user => user.Id)], Directory.Model.DirectoryRelation.Manager, Cancellation))
        {
            managers[reference.SourceId] = reference.TargetId;
        }

        managers.Count.ShouldBeGreaterThan(users.Count / 2);
        foreach (var user in users)
        {
            var held = targetUsers[user["userPrincipalName"]!][Enterprise]?["manager"]?["value"]?.GetValue<string>();
            held.ShouldBe(managers.TryGetValue(user.Id, out var manager) ? targetIds[manager] : null, $"manager of {user["userPrincipalName"]}");
        }

        // A manager in an earlier page is linked when its report is exported, and one the scan reaches later is provisioned
        // with its report's page: no report waits for the references phase, and every user has one journey.
        var pageOf = users.Select((user, index) => (user.Id, Page: index / CycleRunner.PageSize)).ToDictionary(pair => pair.Id, pair => pair.Page);
        managers.Count(pair => pageOf[pair.Value] > pageOf[pair.Key]).ShouldBeGreaterThan(users.Count / 10, "reports whose manager the scan reaches in a later page");
        var deferred = cycle.Logs
            .Where(log => log.ProvisioningSteps.Any(step => step.Name == StepNames.EntryReferenceResolution && step.Status == ProvisioningResult.Skipped))
            .Select(log => log.SourceIdentity.DisplayName)
            .ToList();
        deferred.ShouldBeEmpty("reports whose manager was not in the target when they were exported");
        var journeys = cycle.Logs.Where(log => log.SourceIdentity.IdentityType == "User").GroupBy(log => log.SourceIdentity.Id).ToList();
        journeys.Count.ShouldBe(users.Count);
        journeys.Where(journey => journey.Count() > 1).Select(journey => journey.Key).ShouldBeEmpty("users with more than one journey");
        var targetGroups = host.Target.GetGroups().ToDictionary(group => group["displayName"]!.GetValue<string>());
        var members = new Dictionary<Guid, List<string>>();
        await foreach (var reference in host.Directory.GetReferencesAsync([.. groups.Select(group => group.Id)], Directory.Model.DirectoryRelation.Member, Cancellation))
        {
            (members.TryGetValue(reference.SourceId, out var list) ? list : members[reference.SourceId] = []).Add(targetIds[reference.TargetId]);
        }

        foreach (var group in groups)
        {
            var held = (targetGroups[group["displayName"]!]["members"] as JsonArray)?.Select(member => member!["value"]!.GetValue<string>()) ?? [];
            held.ShouldBe(members.GetValueOrDefault(group.Id) ?? [], ignoreOrder: true, $"members of {group["displayName"]}");
        }

        (await host.Store.CountEscrowsAsync(host.JobId, Cancellation)).Total.ShouldBe(0);
    }

    private static async Task<List<Directory.Model.DirectoryObject>> AllAsync(EngineTestHost host, Directory.Model.DirectoryObjectKind kind)
    {
        var all = new List<Directory.Model.DirectoryObject>();
        Directory.Query.DirectoryCursor? after = null;
        do
        {
            var page = await host.Directory.QueryAsync(new Directory.Query.DirectoryQuery { Kind = kind, After = after, Top = 999 }, Cancellation);
            all.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }

    [Fact]
    public async Task InitialCycle_UserAlreadyInTarget_MatchedByUserNameAndUpdatedNotDuplicated()
    {
        await using var host = await EngineTestHost.StartAsync();
        using var client = new Scim.Client.ScimClient(new Scim.Client.ScimClientOptions { TenantUrl = host.Target.ScimAddress, Credentials = new Scim.Client.BearerTokenCredentials(EngineTestHost.Token) });
        var existing = await client.CreateAsync(Scim.Client.ScimResourceType.User, new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = "ann@contoso.com",
            ["active"] = true,
            ["displayName"] = "Old Name",
        }, Cancellation);
        await host.AddUserAsync("ann", "Sales");

        var cycle = await host.RunCycleAsync();

        host.Target.GetUsers().Count.ShouldBe(1);
        var ann = host.TargetUser("ann")!;
        ann["id"]!.GetValue<string>().ShouldBe(existing.Value!["id"]!.GetValue<string>());
        ann["displayName"]!.GetValue<string>().ShouldBe("ann");
        var log = cycle.For("ann@contoso.com").Single();
        log.ProvisioningAction.ShouldBe(ProvisioningAction.Update);
        log.ProvisioningSteps.ShouldContain(step => step.Name == StepNames.EntrySynchronizationUpdate && step.Details["MatchedBy"] == "userName");
    }

    [Fact]
    public async Task SecondMatchingAttribute_UserNameDiffersButExternalIdMatches_MatchedByPrecedenceAndRenamed()
    {
        await using var host = await EngineTestHost.StartAsync();
        using var client = new Scim.Client.ScimClient(new Scim.Client.ScimClientOptions { TenantUrl = host.Target.ScimAddress, Credentials = new Scim.Client.BearerTokenCredentials(EngineTestHost.Token) });
        var existing = await client.CreateAsync(Scim.Client.ScimResourceType.User, new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = "ann.manual@contoso.com",
            ["externalId"] = "ann",
            ["active"] = true,
        }, Cancellation);
        var job = (await host.Engine.GetJobAsync(host.ServicePrincipalId, host.JobId, Cancellation))!;
        var rule = job.Schema.SynchronizationRules[0];
        var schema = job.Schema with
        {
            SynchronizationRules = [rule with
            {
                ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping.SourceObjectName != "User" ? mapping : mapping with
                {
                    AttributeMappings = [.. mapping.AttributeMappings.Select(attribute => attribute.TargetAttributeName == "externalId" ? attribute with { MatchingPriority = 2 } : attribute)],
                })],
            }],
        };
        (await host.Engine.PutSchemaAsync(host.ServicePrincipalId, host.JobId, schema, Cancellation)).Succeeded.ShouldBeTrue();
        await host.AddUserAsync("ann");

        var cycle = await host.RunCycleAsync();

        host.Target.GetUsers().Count.ShouldBe(1, "matched, not duplicated");
        var ann = host.Target.GetUsers().Single();
        ann["id"]!.GetValue<string>().ShouldBe(existing.Value!["id"]!.GetValue<string>());
        ann["userName"]!.GetValue<string>().ShouldBe("ann@contoso.com");
        var matching = cycle.For("ann@contoso.com").Single().ProvisioningSteps.Single(step => step.ProvisioningStepType == ProvisioningStepType.Matching);
        matching.Details["MatchedBy"].ShouldBe("externalId");
        matching.Details["Query(1)"].ShouldBe("userName eq \"ann@contoso.com\"");
        matching.Details["Query(2)"].ShouldBe("externalId eq \"ann\"");
    }

    [Fact]
    public async Task DisabledUser_ProvisionedInactiveWithItsMemberships_ThenEnabled_ActiveAgain()
    {
        await using var host = await EngineTestHost.StartAsync();
        var off = await host.AddUserAsync("off", accountEnabled: false);
        await host.AddGroupAsync("Team", off.Id);

        var first = await host.RunCycleAsync();
        await host.Directory.UpdateAsync(off.Id, new JsonObject { ["department"] = "Moved while disabled" }, Cancellation);
        var whileDisabled = await host.RunCycleAsync();
        var departmentWhileDisabled = host.TargetUser("off")![Enterprise]!["department"]!.GetValue<string>();
        var activeWhileDisabled = host.TargetUser("off")!["active"]!.GetValue<bool>();
        await host.Directory.UpdateAsync(off.Id, new JsonObject { ["accountEnabled"] = true }, Cancellation);
        var second = await host.RunCycleAsync();

        first.For("off@contoso.com").Single().ProvisioningAction.ShouldBe(ProvisioningAction.Create);
        first.Failed.ShouldBeEmpty();
        (host.TargetGroup("Team")!["members"] as JsonArray)!.Single()!["value"]!.GetValue<string>().ShouldBe(host.TargetUser("off")!["id"]!.GetValue<string>());
        whileDisabled.For("off@contoso.com").Single().ProvisioningAction.ShouldBe(ProvisioningAction.Update, "a disabled user stays managed");
        departmentWhileDisabled.ShouldBe("Moved while disabled");
        activeWhileDisabled.ShouldBeFalse();
        second.For("off@contoso.com").Single().ModifiedProperties.ShouldContain(property => property.DisplayName == "active" && property.NewValue == "True");
        host.TargetUser("off")!["active"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task DryRun_ComputesEveryActionAndSendsNothing()
    {
        await using var host = await EngineTestHost.StartAsync();
        var ann = await host.AddUserAsync("ann");
        await host.AddUserAsync("bob", manager: ann.Id);

        var dry = await host.RunCycleAsync(dryRun: true);
        var real = await host.RunCycleAsync();

        dry.Actions(ProvisioningAction.Create).Count.ShouldBe(2);
        dry.Result.Execution.ActivityIdentifier.ShouldStartWith("DryRun-", Case.Sensitive, "dry-run entries are told apart by their cycle id");
        dry.Logs.SelectMany(log => log.ProvisioningSteps).ShouldContain(step => step.Details.ContainsKey("DryRun"));
        real.Result.Execution.ActivityIdentifier.ShouldNotBe(dry.Result.Execution.ActivityIdentifier);
        dry.For("bob@contoso.com").Single().ModifiedProperties.ShouldContain(property => property.DisplayName.EndsWith(":manager", StringComparison.Ordinal),
            "the manager would be set: a would-be link resolves it");
        real.Actions(ProvisioningAction.Create).Count.ShouldBe(2, "the dry run stored nothing: the real cycle is still initial");
        host.Target.GetUsers().Count.ShouldBe(2);
    }

    private static List<string> Members(EngineTestHost host, string group) =>
        [.. (host.TargetGroup(group)!["members"] as JsonArray ?? []).Select(member => member!["value"]!.GetValue<string>()).Order()];

    /// <summary>The cycle's only request was the startup check: Test Connection's query for a user that cannot exist.</summary>
    internal static void StartupCheckOnly(IEnumerable<Scim.Server.Requests.ScimRequestRecord> requests)
    {
        var sent = requests.ToList();
        sent.Count.ShouldBe(1, string.Join(", ", sent.Select(request => $"{request.Method} {request.DecodedPath}")));
        sent[0].Method.ShouldBe("GET");
        sent[0].DecodedPath.ShouldContain("/Users?filter=userName eq ");
    }
}
