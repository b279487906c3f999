using System.Text.Json.Nodes;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>Provisioning logs: Graph's provisioningObjectSummary, appended by writes, read newest first by keyset.</summary>
public abstract partial class SynchronizationStoreContract
{
    private static readonly Guid ServicePrincipalOne = Guid.Parse("4a0b6f2e-9d51-4c43-a8f7-2b6de0c3f1a9");
    private static readonly Guid ServicePrincipalTwo = Guid.Parse("c7e1d2f3-0a4b-4c5d-8e9f-a0b1c2d3e4f5");

    [Fact]
    public async Task GetLog_FullEntry_ReadBackEqualInGraphsSpelling()
    {
        await using var store = await CreateStoreAsync();
        var log = FullLog();
        var write = new SynchronizationWrite();
        write.Logs.Add(log);

        await store.WriteAsync(JobId, write, Cancellation);
        var read = await store.GetLogAsync(log.Id, Cancellation);

        read.ShouldNotBeNull();
        var json = SynchronizationJson.Serialize(read);
        JsonAssert.Equal(JsonNode.Parse(SynchronizationJson.Serialize(log)), JsonNode.Parse(json));
        json.ShouldContain("\"provisioningAction\":\"create\"");
        json.ShouldContain("\"status\":\"failure\"");
        json.ShouldContain("\"provisioningStepType\":\"referenceResolution\"");
        read.ActivityDateTime.ShouldBe(log.ActivityDateTime);
    }

    [Fact]
    public async Task GetLog_Unknown_Null()
    {
        await using var store = await CreateStoreAsync();

        (await store.GetLogAsync("no-such-log", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task QueryLogs_250WithEqualTimestamps_PagesOf100ReturnEachOnceNewestFirstThenById()
    {
        await using var store = await CreateStoreAsync();

        // Three logs share each second, so the id must break ties for the keyset to neither skip nor repeat one.
        var logs = Enumerable.Range(0, 250).Select(i => Log(Guid.NewGuid().ToString(), T0.AddSeconds(i / 3), JobId)).ToList();
        foreach (var chunk in logs.OrderBy(_ => Random.Shared.Next()).Chunk(50))
        {
            var write = new SynchronizationWrite();
            write.Logs.AddRange(chunk);
            await store.WriteAsync(JobId, write, Cancellation);
        }

        var expected = logs.OrderByDescending(log => log.ActivityDateTime).ThenByDescending(log => log.Id, StringComparer.Ordinal).Select(log => log.Id).ToList();

        var read = new List<ProvisioningObjectSummary>();
        var sizes = new List<int>();
        ProvisioningLogCursor? after = null;
        do
        {
            var page = await store.QueryLogsAsync(new ProvisioningLogQuery { Top = 100, After = after }, Cancellation);
            sizes.Add(page.Entries.Count);
            read.AddRange(page.Entries);
            after = page.Next;
            if (after is { } next)
            {
                next.ShouldBe(new ProvisioningLogCursor(page.Entries[^1].ActivityDateTime, page.Entries[^1].Id));
            }
        }
        while (after is not null && sizes.Count < 10);

        sizes.ShouldBe([100, 100, 50]);
        read.Select(log => log.Id).ShouldBe(expected);
        read.Select(log => log.Id).Distinct().Count().ShouldBe(250);
        read.Zip(read.Skip(1)).ShouldAllBe(pair => pair.First.ActivityDateTime >= pair.Second.ActivityDateTime);
        (await store.QueryLogsAsync(new ProvisioningLogQuery { Top = 250 }, Cancellation)).Next.ShouldBeNull();
        (await store.QueryLogsAsync(new ProvisioningLogQuery { Top = 249 }, Cancellation)).Next.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("none", new[] { "L6", "L5", "L4", "L3", "L2", "L1" })]
    [InlineData("status", new[] { "L3", "L2" })]
    [InlineData("action", new[] { "L3", "L1" })]
    [InlineData("cycle", new[] { "L5", "L4" })]
    [InlineData("job", new[] { "L5", "L4" })]
    [InlineData("servicePrincipal", new[] { "L6", "L5", "L4" })]
    [InlineData("change", new[] { "L3" })]
    [InlineData("identityIdOfSourceOrTarget", new[] { "L4", "L3" })]
    [InlineData("identityDisplayNameOfSourceOrTargetInCase", new[] { "L5", "L1" })]
    [InlineData("errorCode", new[] { "L2" })]
    [InlineData("fromInclusiveToExclusive", new[] { "L3", "L2" })]
    [InlineData("fromOnly", new[] { "L6", "L5" })]
    [InlineData("toOnly", new[] { "L1" })]
    [InlineData("allTogether", new[] { "L3" })]
    public async Task QueryLogs_Condition_ReturnsTheMatchingNewestFirst(string condition, string[] expected)
    {
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(FilterLogs());
        await store.WriteAsync(JobId, write, Cancellation);
        var query = condition switch
        {
            "none" => new ProvisioningLogQuery(),
            "status" => new ProvisioningLogQuery { Status = ProvisioningResult.Failure },
            "action" => new ProvisioningLogQuery { Action = ProvisioningAction.Create },
            "cycle" => new ProvisioningLogQuery { CycleId = "C3" },
            "job" => new ProvisioningLogQuery { JobId = "scim.b" },
            "servicePrincipal" => new ProvisioningLogQuery { ServicePrincipalId = ServicePrincipalTwo },
            "change" => new ProvisioningLogQuery { ChangeId = "change-L3" },
            "identityIdOfSourceOrTarget" => new ProvisioningLogQuery { IdentityId = "x-1" },
            "identityDisplayNameOfSourceOrTargetInCase" => new ProvisioningLogQuery { IdentityDisplayName = "Ana" },
            "errorCode" => new ProvisioningLogQuery { ErrorCode = "EntryConflict" },
            "fromInclusiveToExclusive" => new ProvisioningLogQuery { From = T0.AddSeconds(2), To = T0.AddSeconds(4) },
            "fromOnly" => new ProvisioningLogQuery { From = T0.AddSeconds(5) },
            "toOnly" => new ProvisioningLogQuery { To = T0.AddSeconds(2) },
            "allTogether" => new ProvisioningLogQuery
            {
                JobId = JobId, ServicePrincipalId = ServicePrincipalOne, Status = ProvisioningResult.Failure, Action = ProvisioningAction.Create,
                CycleId = "C2", From = T0.AddSeconds(3), To = T0.AddSeconds(3).AddTicks(1), IdentityId = "x-1", IdentityDisplayName = "Cy",
                ErrorCode = "SchemaAttributeNotFound", ChangeId = "change-L3",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "no such case"),
        };

        var page = await store.QueryLogsAsync(query, Cancellation);

        page.Entries.Select(log => log.Id).ShouldBe(expected);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public async Task QueryLogs_ConditionAndCursor_NextPageKeepsTheCondition()
    {
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(FilterLogs());
        await store.WriteAsync(JobId, write, Cancellation);

        var first = await store.QueryLogsAsync(new ProvisioningLogQuery { JobId = JobId, Top = 2 }, Cancellation);
        var second = await store.QueryLogsAsync(new ProvisioningLogQuery { JobId = JobId, Top = 2, After = first.Next }, Cancellation);

        first.Entries.Select(log => log.Id).ShouldBe(["L3", "L2"]);
        first.Next.ShouldBe(new ProvisioningLogCursor(T0.AddSeconds(2), "L2"));
        second.Entries.Select(log => log.Id).ShouldBe(["L1"]);
        second.Next.ShouldBeNull();
    }

    [Theory]
    [InlineData("statusFailureOrJobC", new[] { "L6", "L3", "L2" })]
    [InlineData("startsWithDisplayNameOfSourceOrTarget", new[] { "L5", "L1" })]
    [InlineData("startsWithIsCaseSensitive", new[] { "L4", "L1" })]
    [InlineData("startsWithPercentIsNoWildcard", new string[0])]
    [InlineData("startsWithJobs", new[] { "L6", "L5", "L4" })]
    [InlineData("startsWithIdentityIdOfSourceOrTarget", new[] { "L5", "L3", "L2", "L1" })]
    [InlineData("timeOrCycle", new[] { "L6", "L2", "L1" })]
    [InlineData("nestedAndInsideOr", new[] { "L5", "L2" })]
    [InlineData("emptyAnyMatchesNothing", new string[0])]
    public async Task QueryLogs_ConditionTree_ReturnsTheMatchingNewestFirst(string condition, string[] expected)
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(FilterLogs());
        await store.WriteAsync(JobId, write, Cancellation);
        static ProvisioningLogComparison Is(ProvisioningLogProperty property, object value) => new(property, ProvisioningLogOperator.Equal, value);
        static ProvisioningLogComparison Prefix(ProvisioningLogProperty property, string value) => new(property, ProvisioningLogOperator.StartsWith, value);
        ProvisioningLogCondition tree = condition switch
        {
            "statusFailureOrJobC" => new ProvisioningLogAny([Is(ProvisioningLogProperty.Status, ProvisioningResult.Failure), Is(ProvisioningLogProperty.JobId, "scim.c")]),
            "startsWithDisplayNameOfSourceOrTarget" => Prefix(ProvisioningLogProperty.IdentityDisplayName, "An"),
            "startsWithIsCaseSensitive" => Prefix(ProvisioningLogProperty.IdentityDisplayName, "an"),
            "startsWithPercentIsNoWildcard" => Prefix(ProvisioningLogProperty.IdentityDisplayName, "%"),
            "startsWithJobs" => new ProvisioningLogAny([Prefix(ProvisioningLogProperty.JobId, "scim.b"), Prefix(ProvisioningLogProperty.JobId, "scim.c")]),
            "startsWithIdentityIdOfSourceOrTarget" => Prefix(ProvisioningLogProperty.IdentityId, "t"),
            "timeOrCycle" => new ProvisioningLogAny(
            [
                new ProvisioningLogComparison(ProvisioningLogProperty.ActivityDateTime, ProvisioningLogOperator.LessOrEqual, T0.AddSeconds(2)),
                Is(ProvisioningLogProperty.CycleId, "C4"),
            ]),
            "nestedAndInsideOr" => new ProvisioningLogAny(
            [
                new ProvisioningLogAll([Is(ProvisioningLogProperty.JobId, "scim.b"), Is(ProvisioningLogProperty.Action, ProvisioningAction.Disable)]),
                new ProvisioningLogAll([Is(ProvisioningLogProperty.ServicePrincipalId, ServicePrincipalOne), Is(ProvisioningLogProperty.ErrorCode, "EntryConflict")]),
            ]),
            "emptyAnyMatchesNothing" => new ProvisioningLogAny([]),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "no such case"),
        };

        // Act
        var page = await store.QueryLogsAsync(new ProvisioningLogQuery { Condition = tree }, Cancellation);
        var count = await store.CountLogsAsync(new ProvisioningLogQuery { Condition = tree, Top = 1 }, Cancellation);

        // Assert
        page.Entries.Select(log => log.Id).ShouldBe(expected);
        count.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task QueryLogs_Ascending_PagesOldestFirstByKeyset()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(FilterLogs());
        await store.WriteAsync(JobId, write, Cancellation);

        // Act
        var first = await store.QueryLogsAsync(new ProvisioningLogQuery { Ascending = true, Top = 4 }, Cancellation);
        var second = await store.QueryLogsAsync(new ProvisioningLogQuery { Ascending = true, Top = 4, After = first.Next }, Cancellation);

        // Assert
        first.Entries.Select(log => log.Id).ShouldBe(["L1", "L2", "L3", "L4"]);
        first.Next.ShouldBe(new ProvisioningLogCursor(T0.AddSeconds(4), "L4"));
        second.Entries.Select(log => log.Id).ShouldBe(["L5", "L6"]);
        second.Next.ShouldBeNull();
    }

    [Fact]
    public async Task CountLogs_ConditionsWithoutTheCursor()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.AddRange(FilterLogs());
        await store.WriteAsync(JobId, write, Cancellation);

        // Act
        var all = await store.CountLogsAsync(new ProvisioningLogQuery(), Cancellation);
        var job = await store.CountLogsAsync(new ProvisioningLogQuery { JobId = JobId, After = new ProvisioningLogCursor(T0.AddSeconds(2), "L2") }, Cancellation);

        // Assert
        all.ShouldBe(6);
        job.ShouldBe(3);
    }

    [Fact]
    public async Task ReadLoggedSourceIds_OnlyThatCycleOfThatJob_EachSourceOnce()
    {
        // Arrange: two entries of one source in the cycle, one of another cycle, one of another job, one without a source.
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.Add(Log("A1", T0, JobId) with { CycleId = "C1", SourceIdentity = new ProvisionedIdentity { Id = "s-a", IdentityType = "User" } });
        write.Logs.Add(Log("A2", T0.AddSeconds(1), JobId) with { CycleId = "C1", SourceIdentity = new ProvisionedIdentity { Id = "s-a", IdentityType = "User" } });
        write.Logs.Add(Log("B1", T0, JobId) with { CycleId = "C1", SourceIdentity = new ProvisionedIdentity { Id = "s-b", IdentityType = "User" } });
        write.Logs.Add(Log("C1", T0, JobId) with { CycleId = "C2", SourceIdentity = new ProvisionedIdentity { Id = "s-c", IdentityType = "User" } });
        write.Logs.Add(Log("D1", T0, "scim.other") with { CycleId = "C1", SourceIdentity = new ProvisionedIdentity { Id = "s-d", IdentityType = "User" } });
        write.Logs.Add(Log("E1", T0, JobId) with { CycleId = "C1", SourceIdentity = new ProvisionedIdentity { Id = null, IdentityType = "User" } });
        await store.WriteAsync(JobId, write, Cancellation);

        // Act
        var ids = new List<string>();
        await foreach (var id in store.ReadLoggedSourceIdsAsync(JobId, "C1", Cancellation))
        {
            ids.Add(id);
        }

        // Assert
        ids.Order(StringComparer.Ordinal).ShouldBe(["s-a", "s-b"]);
    }

    protected static ProvisioningObjectSummary Log(string id, DateTimeOffset activityDateTime, string jobId) => new()
    {
        Id = id,
        ActivityDateTime = activityDateTime,
        ChangeId = $"change-{id}",
        CycleId = "cycle-1",
        JobId = jobId,
        ProvisioningAction = ProvisioningAction.Create,
        ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = ProvisioningResult.Success },
        ServicePrincipal = new ProvisioningServicePrincipal(ServicePrincipalOne.ToString(), "Contoso SCIM"),
        SourceIdentity = new ProvisionedIdentity { Id = $"source-{id}", DisplayName = $"Source {id}", IdentityType = "User" },
        TargetIdentity = new ProvisionedIdentity { Id = $"target-{id}", DisplayName = $"Target {id}", IdentityType = "urn:ietf:params:scim:schemas:core:2.0:User" },
    };

    /// <summary>Six logs that each condition of <see cref="QueryLogs_Condition_ReturnsTheMatchingNewestFirst"/> tells apart.</summary>
    private static IEnumerable<ProvisioningObjectSummary> FilterLogs()
    {
        static ProvisioningObjectSummary Make(string id, int second, string jobId, Guid servicePrincipal, string cycle, ProvisioningAction action,
            ProvisioningResult status, string? errorCode, (string? Id, string? Name) source, (string? Id, string? Name) target) =>
            Log(id, T0.AddSeconds(second), jobId) with
            {
                CycleId = cycle,
                ProvisioningAction = action,
                ProvisioningStatusInfo = new ProvisioningStatusInfo
                {
                    Status = status,
                    ErrorInformation = errorCode is null ? null : new ProvisioningErrorInfo { ErrorCode = errorCode, ErrorCategory = ProvisioningErrorCategory.Failure },
                },
                ServicePrincipal = new ProvisioningServicePrincipal(servicePrincipal.ToString(), "Contoso SCIM"),
                SourceIdentity = new ProvisionedIdentity { Id = source.Id, DisplayName = source.Name, IdentityType = "User" },
                TargetIdentity = new ProvisionedIdentity { Id = target.Id, DisplayName = target.Name, IdentityType = "User" },
            };

        yield return Make("L1", 1, JobId, ServicePrincipalOne, "C1", ProvisioningAction.Create, ProvisioningResult.Success, null, ("s1", "Ana"), ("t1", "ana@contoso.com"));
        yield return Make("L2", 2, JobId, ServicePrincipalOne, "C1", ProvisioningAction.Update, ProvisioningResult.Failure, "EntryConflict", ("s2", "Bo"), ("t2", "bo@contoso.com"));
        yield return Make("L3", 3, JobId, ServicePrincipalOne, "C2", ProvisioningAction.Create, ProvisioningResult.Failure, "SchemaAttributeNotFound", ("x-1", "Cy"), ("t3", "cy@contoso.com"));
        yield return Make("L4", 4, "scim.b", ServicePrincipalTwo, "C3", ProvisioningAction.Delete, ProvisioningResult.Skipped, null, ("s4", "ana"), ("x-1", "d@contoso.com"));
        yield return Make("L5", 5, "scim.b", ServicePrincipalTwo, "C3", ProvisioningAction.Disable, ProvisioningResult.Success, null, ("s5", "Dee"), ("t5", "Ana"));

        // The service principal's id in capitals: still the same Guid.
        yield return Make("L6", 6, "scim.c", ServicePrincipalTwo, "C4", ProvisioningAction.Other, ProvisioningResult.Warning, null, ("s6", "Eve"), (null, null)) with
        {
            ServicePrincipal = new ProvisioningServicePrincipal(ServicePrincipalTwo.ToString().ToUpperInvariant(), "Contoso SCIM"),
        };
    }

    private static ProvisioningObjectSummary FullLog() => new()
    {
        Id = "e2b7c3d4-5f60-4a1b-9c8d-7e6f5a4b3c2d",
        ActivityDateTime = T0.AddTicks(1234567),
        ChangeId = "8a1c9b2d-3e4f-4051-a6b7-c8d9e0f1a2b3",
        CycleId = "0b4c1f1e-2d4b-4e8f-9f55-6a1e0c9d2b71",
        JobId = JobId,
        DurationInMilliseconds = 1234,
        InitiatedBy = Initiator.System,
        ModifiedProperties = [new ModifiedProperty("displayName", null, "Zoë Ångström"), new ModifiedProperty("active", "True", "False")],
        ProvisioningAction = ProvisioningAction.Create,
        ProvisioningStatusInfo = new ProvisioningStatusInfo
        {
            Status = ProvisioningResult.Failure,
            ErrorInformation = new ProvisioningErrorInfo
            {
                AdditionalDetails = "The manager could not be resolved.",
                ErrorCategory = ProvisioningErrorCategory.NonServiceFailure,
                ErrorCode = "SchemaAttributeNotFound",
                Reason = "The target has no attribute 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'.",
                RecommendedAction = "Remove the mapping or add the attribute to the target.",
            },
        },
        ProvisioningSteps =
        [
            new ProvisioningStep
            {
                Name = "EntryImport",
                ProvisioningStepType = ProvisioningStepType.Import,
                Status = ProvisioningResult.Success,
                Description = "Retrieved zoe@contoso.com from Microsoft Entra ID",
                Details = new Dictionary<string, string> { ["userPrincipalName"] = "zoe@contoso.com", ["accountEnabled"] = "True" },
            },
            new ProvisioningStep
            {
                Name = "EntryExportReferenceResolution",
                ProvisioningStepType = ProvisioningStepType.ReferenceResolution,
                Status = ProvisioningResult.Failure,
            },
        ],
        ServicePrincipal = new ProvisioningServicePrincipal(ServicePrincipalOne.ToString(), "Contoso SCIM"),
        SourceIdentity = new ProvisionedIdentity
        {
            Id = "26118915-6090-4610-87e4-49d8ca9f808d",
            DisplayName = "Zoë Ångström",
            IdentityType = "User",
            Details = new Dictionary<string, string> { ["department"] = "Sales" },
        },
        SourceSystem = new ProvisioningSystem { Id = "src", DisplayName = "Azure Active Directory" },
        TargetIdentity = new ProvisionedIdentity { Id = null, DisplayName = "zoe@contoso.com", IdentityType = "urn:ietf:params:scim:schemas:core:2.0:User" },
        TargetSystem = new ProvisioningSystem
        {
            Id = "tgt",
            DisplayName = "Contoso SCIM",
            Details = new Dictionary<string, string> { ["ApplicationId"] = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621" },
        },
        TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
    };
}
