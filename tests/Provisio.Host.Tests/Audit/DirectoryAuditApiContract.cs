using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Provisio.Synchronization.Audit;

namespace Provisio.Host.Tests.Audit;

/// <summary>
/// <c>GET /auditLogs/directoryAudits</c> and <c>/{id}</c> on the real service, with audits appended through its store:
/// Graph's shape, the <c>$filter</c>s Graph documents, keyset paging by <c>@odata.nextLink</c>, Graph errors. One suite,
/// each database a subclass (the filters and the keyset are SQL of each store's own).
/// </summary>
public abstract class DirectoryAuditApiContract : IAsyncLifetime
{
    private const string JobA = "scim.11112222333344445555666677778888";
    private const string JobB = "scim.99990000aaaabbbbccccddddeeeeffff";
    private const string ServicePrincipal = "5b0e1c2d-3f4a-4b5c-9d6e-7f8091a2b3c4";
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private ServedAudits _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The <c>--database</c> value of a fresh, empty database; null for a SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public virtual async ValueTask InitializeAsync()
    {
        _served = await ServedAudits.StartAsync(await CreateDatabaseAsync());
        foreach (var audit in Audits())
        {
            await _served.Store.AppendAuditAsync(audit, Cancellation);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _served.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task List_NoOptions_EveryAuditNewestFirstInGraphsShape()
    {
        // Act
        var (status, body) = await _served.GetAsync("/v1.0/auditLogs/directoryAudits");

        // Assert
        status.ShouldBe(HttpStatusCode.OK);
        body!["@odata.context"]!.GetValue<string>().ShouldBe($"{_served.Client.BaseAddress!.ToString().TrimEnd('/')}/v1.0/$metadata#auditLogs/directoryAudits");
        body.ContainsKey("@odata.nextLink").ShouldBeFalse();
        Ids(body).ShouldBe(["D5", "D4", "D3", "D2", "D1"]);
        var newest = body["value"]![0]!.AsObject();
        newest["activityDateTime"]!.GetValue<string>().ShouldBe("2026-04-01T08:00:05Z");
        newest["activityDisplayName"]!.GetValue<string>().ShouldBe("Add service principal");
        newest["loggedByService"]!.GetValue<string>().ShouldBe("Core Directory");
        newest["result"]!.GetValue<string>().ShouldBe("failure");
        newest["resultReason"]!.GetValue<string>().ShouldBe("Conflict");
        newest["initiatedBy"]!["user"]!["userPrincipalName"]!.GetValue<string>().ShouldBe("admin@contoso.com");
        newest["initiatedBy"]!["app"].ShouldBeNull();
        newest["targetResources"]![0]!["type"]!.GetValue<string>().ShouldBe("ServicePrincipal");
        newest["targetResources"]![0]!["modifiedProperties"]![0]!["newValue"]!.GetValue<string>().ShouldBe("Contoso SCIM");
        newest["additionalDetails"]![0]!["key"]!.GetValue<string>().ShouldBe("User-Agent");
    }

    [Theory]
    [InlineData("activityDisplayName eq 'Quarantine'", new[] { "D3", "D1" })]
    [InlineData("category eq 'ApplicationManagement'", new[] { "D5" })]
    [InlineData("loggedByService eq 'Account Provisioning'", new[] { "D4", "D3", "D2", "D1" })]
    [InlineData("activityDateTime ge 2026-04-01T08:00:02Z and activityDateTime le 2026-04-01T08:00:04Z", new[] { "D4", "D3", "D2" })]
    [InlineData("activityDateTime eq 2026-04-01T08:00:03Z", new[] { "D3" })]
    [InlineData("targetResources/any(t: t/id eq '" + JobA + "')", new[] { "D2", "D1" })]
    [InlineData("targetResources/any(t: t/id eq '" + JobA + "' or t/id eq '" + JobB + "')", new[] { "D4", "D3", "D2", "D1" })]
    [InlineData("targetResources/any(t: t/id eq '5B0E1C2D-3F4A-4B5C-9D6E-7F8091A2B3C4')", new[] { "D5", "D3" })]
    [InlineData("activityDisplayName eq 'Quarantine' or activityDisplayName eq 'Release from quarantine'", new[] { "D3", "D2", "D1" })]
    [InlineData("category eq 'ProvisioningManagement' and targetResources/any(t: t/id eq '" + JobB + "') and activityDisplayName eq 'Quarantine'", new[] { "D3" })]
    [InlineData("activityDisplayName eq 'quarantine'", new string[0])]
    public async Task List_Filter_SelectsTheMatchingNewestFirst(string filter, string[] expected)
    {
        var (status, body) = await _served.GetAsync($"/v1.0/auditLogs/directoryAudits?$filter={Uri.EscapeDataString(filter)}");

        status.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        Ids(body!).ShouldBe(expected);
    }

    [Fact]
    public async Task List_TopTwoWithAFilter_NextLinksWalkEachMatchOnceAndKeepTheFilter()
    {
        // Act
        var seen = new List<string>();
        var times = new List<DateTimeOffset>();
        string? next = $"/beta/auditLogs/directoryAudits?$top=2&$filter={Uri.EscapeDataString("loggedByService eq 'Account Provisioning'")}";
        var pages = 0;
        while (next is not null)
        {
            var (status, body) = await _served.GetAsync(next);
            status.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
            body!["@odata.context"]!.GetValue<string>().ShouldEndWith("/beta/$metadata#auditLogs/directoryAudits");
            var value = body["value"]!.AsArray();
            value.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(Ids(body));
            times.AddRange(value.Select(audit => DateTimeOffset.Parse(audit!["activityDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
            next = body["@odata.nextLink"]?.GetValue<string>();
            if (next is not null)
            {
                next.ShouldStartWith(_served.Client.BaseAddress!.ToString().TrimEnd('/') + "/beta/auditLogs/directoryAudits?");
                next.ShouldContain("$top=2");
                next.ShouldContain("$skiptoken=");
                next.ShouldContain(Uri.EscapeDataString("loggedByService eq 'Account Provisioning'"));
            }

            (++pages).ShouldBeLessThan(10, "the nextLinks never end");
        }

        // Assert
        pages.ShouldBe(2);
        seen.ShouldBe(["D4", "D3", "D2", "D1"]);
        times.ShouldBe(times.OrderByDescending(time => time));
    }

    [Fact]
    public async Task Get_KnownId_TheAuditAsAnEntity()
    {
        var (status, body) = await _served.GetAsync("/beta/auditLogs/directoryAudits/D3");

        status.ShouldBe(HttpStatusCode.OK);
        body!["@odata.context"]!.GetValue<string>().ShouldEndWith("/beta/$metadata#auditLogs/directoryAudits/$entity");
        body["id"]!.GetValue<string>().ShouldBe("D3");
        body["correlationId"]!.GetValue<string>().ShouldBe("cycle-3");
        body["operationType"]!.GetValue<string>().ShouldBe("Update");
        body["result"]!.GetValue<string>().ShouldBe("success");
        body["initiatedBy"]!["app"]!["displayName"]!.GetValue<string>().ShouldBe("Provisio Provisioning Service");
        body["targetResources"]!.AsArray().Select(target => target!["id"]!.GetValue<string>()).ShouldBe([JobB, ServicePrincipal]);
    }

    [Fact]
    public async Task Get_UnknownId_NotFoundGraphError()
    {
        var (status, body) = await _served.GetAsync("/v1.0/auditLogs/directoryAudits/no-such-audit");

        status.ShouldBe(HttpStatusCode.NotFound);
        body!["error"]!["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
    }

    [Theory]
    [InlineData("$filter=tenantId eq 'x'", "BadRequest")]
    [InlineData("$filter=category eq", "BadRequest")]
    [InlineData("$filter=correlationId eq 'x'", "Request_UnsupportedQuery")]
    [InlineData("$filter=category eq 'a' or loggedByService eq 'b'", "Request_UnsupportedQuery")]
    [InlineData("$top=0", "Request_BadRequest")]
    [InlineData("$top=1001", "Request_BadRequest")]
    [InlineData("$skiptoken=not-ours", "Request_BadRequest")]
    [InlineData("$orderby=activityDateTime asc", "Request_UnsupportedQuery")]
    [InlineData("$select=id", "Request_UnsupportedQuery")]
    public async Task List_BadQuery_BadRequestGraphError(string query, string code)
    {
        var (status, body) = await _served.GetAsync($"/v1.0/auditLogs/directoryAudits?{query}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body!["error"]!["code"]!.GetValue<string>().ShouldBe(code);
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        body["error"]!["innerError"]!["request-id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("/v1.0/auditLogs/directoryAudits", null)]
    [InlineData("/v1.0/auditLogs/directoryAudits/D1", null)]
    [InlineData("/beta/auditLogs/directoryAudits", "not-the-admin-key")]
    public async Task AnyEndpoint_WithoutTheAdminKey_Unauthorized(string path, string? key)
    {
        var (status, body) = await _served.GetAsync(path, key);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
        body.ContainsKey("value").ShouldBeFalse();
        body.ContainsKey("activityDisplayName").ShouldBeFalse();
    }

    private static List<string> Ids(JsonObject body) => [.. body["value"]!.AsArray().Select(audit => audit!["id"]!.GetValue<string>())];

    private static IEnumerable<DirectoryAudit> Audits()
    {
        static DirectoryAudit Provisioning(string id, int second, string activity, params string[] targets) => new()
        {
            Id = id,
            Category = "ProvisioningManagement",
            ActivityDisplayName = activity,
            ActivityDateTime = T0.AddSeconds(second),
            LoggedByService = "Account Provisioning",
            CorrelationId = $"cycle-{second}",
            OperationType = "Update",
            InitiatedBy = new AuditActivityInitiator { App = new AppIdentity { DisplayName = "Provisio Provisioning Service" } },
            TargetResources = [.. targets.Select(target => new TargetResource { Id = target, Type = target == ServicePrincipal ? "ServicePrincipal" : "SynchronizationJob" })],
        };

        yield return Provisioning("D1", 1, "Quarantine", JobA);
        yield return Provisioning("D2", 2, "Release from quarantine", JobA);
        yield return Provisioning("D3", 3, "Quarantine", JobB, ServicePrincipal);
        yield return Provisioning("D4", 4, "Update synchronization job", JobB);
        yield return new DirectoryAudit
        {
            Id = "D5",
            Category = "ApplicationManagement",
            ActivityDisplayName = "Add service principal",
            ActivityDateTime = T0.AddSeconds(5),
            LoggedByService = "Core Directory",
            Result = OperationResult.Failure,
            ResultReason = "Conflict",
            InitiatedBy = new AuditActivityInitiator { User = new UserIdentity { UserPrincipalName = "admin@contoso.com", IpAddress = "127.0.0.1" } },
            TargetResources =
            [
                new TargetResource
                {
                    Id = ServicePrincipal.ToUpperInvariant(),
                    Type = "ServicePrincipal",
                    ModifiedProperties = [new AuditModifiedProperty("DisplayName", null, "Contoso SCIM")],
                },
            ],
            AdditionalDetails = [new KeyValue("User-Agent", "provisio-tests")],
        };
    }
}
