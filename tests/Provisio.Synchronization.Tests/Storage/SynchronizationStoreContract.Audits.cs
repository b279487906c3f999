using System.Text.Json.Nodes;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>Directory audits: Graph's directoryAudit, appended one at a time, read newest first by keyset and by their conditions.</summary>
public abstract partial class SynchronizationStoreContract
{
    private const string AuditJobA = "scim.4f1c2b7e9a3d4e5f8a6b1c2d3e4f5a6b";
    private const string AuditJobB = "scim.0a1b2c3d4e5f40718293a4b5c6d7e8f9";
    private static readonly Guid AuditServicePrincipal = Guid.Parse("9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e");

    [Fact]
    public async Task GetAudit_FullAudit_ReadBackEqualInGraphsSpelling()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var audit = FullAudit();

        // Act
        await store.AppendAuditAsync(audit, Cancellation);
        var read = await store.GetAuditAsync(audit.Id, Cancellation);

        // Assert
        read.ShouldNotBeNull();
        var json = SynchronizationJson.Serialize(read);
        JsonAssert.Equal(JsonNode.Parse(SynchronizationJson.Serialize(audit)), JsonNode.Parse(json));
        read.ActivityDateTime.ShouldBe(audit.ActivityDateTime);
        read.Result.ShouldBe(OperationResult.Timeout);
        read.InitiatedBy.App.ShouldBe(audit.InitiatedBy.App);
        read.InitiatedBy.User.ShouldBe(audit.InitiatedBy.User);
        read.TargetResources.Count.ShouldBe(2);
        read.TargetResources[0].ModifiedProperties.ShouldBe(audit.TargetResources[0].ModifiedProperties);
        read.TargetResources[1].GroupType.ShouldBe("unifiedGroups");
        read.TargetResources[1].Type.ShouldBe("Group");
        read.TargetResources[1].UserPrincipalName.ShouldBeNull();
        read.AdditionalDetails.ShouldBe(audit.AdditionalDetails);

        // Graph's property names and spellings (directoryAudit, auditActivityInitiator, targetResource, keyValue)
        var node = JsonNode.Parse(json)!.AsObject();
        node.Select(property => property.Key).ShouldBe(
            ["id", "category", "correlationId", "result", "resultReason", "activityDisplayName", "activityDateTime", "loggedByService", "operationType",
             "initiatedBy", "targetResources", "additionalDetails"], ignoreOrder: true);
        node["result"]!.GetValue<string>().ShouldBe("timeout");
        node["activityDateTime"]!.GetValue<string>().ShouldBe("2026-03-01T10:00:00.1234567Z");
        node["initiatedBy"]!["app"]!.AsObject().Select(property => property.Key).ShouldBe(["appId", "displayName", "servicePrincipalId", "servicePrincipalName"], ignoreOrder: true);
        node["initiatedBy"]!["user"]!.AsObject().Select(property => property.Key).ShouldBe(["id", "displayName", "ipAddress", "userPrincipalName"], ignoreOrder: true);
        node["targetResources"]![0]!.AsObject().Select(property => property.Key).ShouldBe(
            ["id", "displayName", "type", "userPrincipalName", "groupType", "modifiedProperties"], ignoreOrder: true);
        node["targetResources"]![0]!["modifiedProperties"]![0]!.ToJsonString(SynchronizationJson.Options).ShouldBe("""{"displayName":"quarantine","oldValue":null,"newValue":"Zoë's \"reason\""}""");
        node["additionalDetails"]![0]!.ToJsonString(SynchronizationJson.Options).ShouldBe("""{"key":"reason","value":"EncounteredQuarantineException"}""");
    }

    [Fact]
    public async Task GetAudit_Unknown_Null()
    {
        await using var store = await CreateStoreAsync();
        await store.AppendAuditAsync(Audit("A1", T0), Cancellation);

        (await store.GetAuditAsync("no-such-audit", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task AppendAudit_SameIdTwice_KeepsTheFirstAndItsTargets()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var first = Audit("A1", T0, AuditJobA) with { ActivityDisplayName = "Quarantine" };

        // Act
        await store.AppendAuditAsync(first, Cancellation);
        await store.AppendAuditAsync(Audit("A1", T0.AddMinutes(1), AuditJobB) with { ActivityDisplayName = "Release from quarantine" }, Cancellation);

        // Assert
        (await store.GetAuditAsync("A1", Cancellation))!.ActivityDisplayName.ShouldBe("Quarantine");
        (await store.QueryAuditsAsync(new DirectoryAuditQuery(), Cancellation)).Audits.Count.ShouldBe(1);
        (await store.QueryAuditsAsync(new DirectoryAuditQuery { TargetResourceIds = [AuditJobA] }, Cancellation)).Audits.Count.ShouldBe(1);
        (await store.QueryAuditsAsync(new DirectoryAuditQuery { TargetResourceIds = [AuditJobB] }, Cancellation)).Audits.ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryAudits_250WithEqualTimestamps_PagesOf100ReturnEachOnceNewestFirstThenById()
    {
        // Arrange: three audits share each second, so the id must break ties for the keyset to neither skip nor repeat one
        await using var store = await CreateStoreAsync();
        var audits = Enumerable.Range(0, 250).Select(i => Audit(Guid.NewGuid().ToString(), T0.AddSeconds(i / 3), AuditJobA)).ToList();
        foreach (var audit in audits.OrderBy(_ => Random.Shared.Next()))
        {
            await store.AppendAuditAsync(audit, Cancellation);
        }

        var expected = audits.OrderByDescending(audit => audit.ActivityDateTime).ThenByDescending(audit => audit.Id, StringComparer.Ordinal)
            .Select(audit => audit.Id).ToList();

        // Act
        var read = new List<DirectoryAudit>();
        var sizes = new List<int>();
        DirectoryAuditCursor? after = null;
        do
        {
            var page = await store.QueryAuditsAsync(new DirectoryAuditQuery { Top = 100, After = after }, Cancellation);
            sizes.Add(page.Audits.Count);
            read.AddRange(page.Audits);
            after = page.Next;
            if (after is { } next)
            {
                next.ShouldBe(new DirectoryAuditCursor(page.Audits[^1].ActivityDateTime, page.Audits[^1].Id));
            }
        }
        while (after is not null && sizes.Count < 10);

        // Assert
        sizes.ShouldBe([100, 100, 50]);
        read.Select(audit => audit.Id).ShouldBe(expected);
        (await store.QueryAuditsAsync(new DirectoryAuditQuery { Top = 250 }, Cancellation)).Next.ShouldBeNull();
        (await store.QueryAuditsAsync(new DirectoryAuditQuery { Top = 249 }, Cancellation)).Next.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("none", new[] { "A6", "A5", "A4", "A3", "A2", "A1" })]
    [InlineData("activityDisplayName", new[] { "A5", "A1" })]
    [InlineData("activityDisplayNameInItsCaseOnly", new string[0])]
    [InlineData("activityDisplayNameOneOf", new[] { "A5", "A2", "A1" })]
    [InlineData("category", new[] { "A6", "A4" })]
    [InlineData("loggedByService", new[] { "A6" })]
    [InlineData("targetJob", new[] { "A3", "A2", "A1" })]
    [InlineData("targetServicePrincipalInCapitals", new[] { "A5", "A2" })]
    [InlineData("targetOneOf", new[] { "A5", "A4", "A3", "A2", "A1" })]
    [InlineData("fromInclusive", new[] { "A6", "A5", "A4" })]
    [InlineData("toInclusive", new[] { "A2", "A1" })]
    [InlineData("fromAndToTheSameInstant", new[] { "A3" })]
    [InlineData("emptyListMatchesNothing", new string[0])]
    [InlineData("allTogether", new[] { "A2" })]
    public async Task QueryAudits_Condition_ReturnsTheMatchingNewestFirst(string condition, string[] expected)
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        foreach (var audit in FilterAudits())
        {
            await store.AppendAuditAsync(audit, Cancellation);
        }

        var query = condition switch
        {
            "none" => new DirectoryAuditQuery(),
            "activityDisplayName" => new DirectoryAuditQuery { ActivityDisplayNames = ["Quarantine"] },
            "activityDisplayNameInItsCaseOnly" => new DirectoryAuditQuery { ActivityDisplayNames = ["quarantine"] },
            "activityDisplayNameOneOf" => new DirectoryAuditQuery { ActivityDisplayNames = ["Quarantine", "Release from quarantine"] },
            "category" => new DirectoryAuditQuery { Categories = ["ApplicationManagement"] },
            "loggedByService" => new DirectoryAuditQuery { LoggedByServices = ["Core Directory"] },
            "targetJob" => new DirectoryAuditQuery { TargetResourceIds = [AuditJobA] },
            "targetServicePrincipalInCapitals" => new DirectoryAuditQuery { TargetResourceIds = [AuditServicePrincipal.ToString().ToUpperInvariant()] },
            "targetOneOf" => new DirectoryAuditQuery { TargetResourceIds = [AuditJobA, AuditJobB, "unknown"] },
            "fromInclusive" => new DirectoryAuditQuery { From = T0.AddSeconds(4) },
            "toInclusive" => new DirectoryAuditQuery { To = T0.AddSeconds(2) },
            "fromAndToTheSameInstant" => new DirectoryAuditQuery { From = T0.AddSeconds(3), To = T0.AddSeconds(3) },
            "emptyListMatchesNothing" => new DirectoryAuditQuery { Categories = [] },
            "allTogether" => new DirectoryAuditQuery
            {
                ActivityDisplayNames = ["Release from quarantine", "Quarantine"],
                Categories = ["ProvisioningManagement"],
                LoggedByServices = ["Account Provisioning"],
                TargetResourceIds = [AuditServicePrincipal.ToString()],
                From = T0.AddSeconds(2),
                To = T0.AddSeconds(4),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "no such case"),
        };

        // Act
        var page = await store.QueryAuditsAsync(query, Cancellation);

        // Assert
        page.Audits.Select(audit => audit.Id).ShouldBe(expected);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public async Task QueryAudits_ConditionAndCursor_NextPageKeepsTheCondition()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        foreach (var audit in FilterAudits())
        {
            await store.AppendAuditAsync(audit, Cancellation);
        }

        // Act
        var first = await store.QueryAuditsAsync(new DirectoryAuditQuery { TargetResourceIds = [AuditJobA], Top = 2 }, Cancellation);
        var second = await store.QueryAuditsAsync(new DirectoryAuditQuery { TargetResourceIds = [AuditJobA], Top = 2, After = first.Next }, Cancellation);

        // Assert
        first.Audits.Select(audit => audit.Id).ShouldBe(["A3", "A2"]);
        first.Next.ShouldBe(new DirectoryAuditCursor(T0.AddSeconds(2), "A2"));
        second.Audits.Select(audit => audit.Id).ShouldBe(["A1"]);
        second.Next.ShouldBeNull();
    }

    protected static DirectoryAudit Audit(string id, DateTimeOffset activityDateTime, params string[] targetIds) => new()
    {
        Id = id,
        Category = "ProvisioningManagement",
        ActivityDisplayName = "Quarantine",
        ActivityDateTime = activityDateTime,
        LoggedByService = "Account Provisioning",
        Result = OperationResult.Success,
        TargetResources = [.. targetIds.Select(target => new TargetResource { Id = target, Type = "SynchronizationJob" })],
    };

    /// <summary>Six audits that each condition of <see cref="QueryAudits_Condition_ReturnsTheMatchingNewestFirst"/> tells apart.</summary>
    private static IEnumerable<DirectoryAudit> FilterAudits()
    {
        var servicePrincipal = AuditServicePrincipal.ToString();
        yield return Audit("A1", T0.AddSeconds(1), AuditJobA);
        yield return Audit("A2", T0.AddSeconds(2), AuditJobA, servicePrincipal) with { ActivityDisplayName = "Release from quarantine" };
        yield return Audit("A3", T0.AddSeconds(3), AuditJobA) with { ActivityDisplayName = "Update synchronization job" };
        yield return Audit("A4", T0.AddSeconds(4), AuditJobB) with { Category = "ApplicationManagement", ActivityDisplayName = "Update application" };
        yield return Audit("A5", T0.AddSeconds(5), AuditJobB, servicePrincipal.ToUpperInvariant());
        yield return Audit("A6", T0.AddSeconds(6)) with
        {
            Category = "ApplicationManagement",
            LoggedByService = "Core Directory",
            ActivityDisplayName = "Add service principal",
        };
    }

    private static DirectoryAudit FullAudit() => new()
    {
        Id = "3e0f7c1a-2b4d-4c6e-8f90-a1b2c3d4e5f6",
        Category = "ProvisioningManagement",
        CorrelationId = "0b4c1f1e-2d4b-4e8f-9f55-6a1e0c9d2b71",
        Result = OperationResult.Timeout,
        ResultReason = "The SCIM endpoint did not answer in time.",
        ActivityDisplayName = "Quarantine",
        ActivityDateTime = T0.AddTicks(1234567),
        LoggedByService = "Account Provisioning",
        OperationType = "Update",
        InitiatedBy = new AuditActivityInitiator
        {
            App = new AppIdentity
            {
                AppId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621",
                DisplayName = "Provisio Provisioning Service",
                ServicePrincipalId = AuditServicePrincipal.ToString(),
                ServicePrincipalName = "Contoso SCIM",
            },
            User = new UserIdentity { Id = "728309ae-1a37-4937-9afe-e35d964db09b", DisplayName = "Audry Oliver", IpAddress = "127.0.0.1", UserPrincipalName = "audry@contoso.com" },
        },
        TargetResources =
        [
            new TargetResource
            {
                Id = AuditJobA,
                DisplayName = "Contoso SCIM",
                Type = "SynchronizationJob",
                ModifiedProperties = [new AuditModifiedProperty("quarantine", null, "Zoë's \"reason\""), new AuditModifiedProperty("state", "Active", "Quarantine")],
            },
            new TargetResource { Id = "1f0e98f5-3161-4c6b-9b50-d488572f2bb7", Type = "Group", DisplayName = "Sales", GroupType = "unifiedGroups", UserPrincipalName = null },
        ],
        AdditionalDetails = [new KeyValue("reason", "EncounteredQuarantineException"), new KeyValue("jobId", AuditJobA)],
    };
}
