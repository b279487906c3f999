using System.Net;
using System.Text.Json.Nodes;
using Provisio.Host.Tests.Cli;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// <c>provisio.runCycle</c> against the reference SCIM server, then the provisioning logs it wrote, through
/// <c>GET /auditLogs/provisioning</c> (reference entra-engine-and-api §7) and <c>provisio logs</c>. One suite, each
/// database a subclass (the logs' filters and keyset paging are SQL of each store's own).
/// </summary>
public abstract class RunCycleAndLogsContract : IAsyncLifetime
{
    private static readonly string[] People = ["ana.souza@contoso.com", "bo.angstrom@contoso.com", "chen.li@contoso.com"];

    private ServedSynchronization _served = null!;
    private string _sp = null!;
    private string _jobId = null!;
    private List<string> _userIds = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The <c>--database</c> value of a fresh, empty database; null for the SQLite file of <see cref="ServedSynchronization"/>.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public virtual async ValueTask InitializeAsync()
    {
        _served = await ServedSynchronization.StartAsync(database: await CreateDatabaseAsync());
        (_sp, _jobId) = await _served.ConfigureAsync(syncAll: true);
        _userIds = [];
        foreach (var person in People)
        {
            _userIds.Add(await _served.CreateUserAsync(person, person.Split('@')[0].Replace('.', ' ')));
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _served.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private string Jobs => $"/v1.0/servicePrincipals/{_sp}/synchronization/jobs";

    private string Logs(string filter, int? top = null) =>
        $"/v1.0/auditLogs/provisioning?$filter={Uri.EscapeDataString(filter)}{(top is { } count ? $"&$top={count}" : "")}";

    [Fact]
    public async Task RunCycle_NewUsers_InTheTargetAndLoggedAsCreates()
    {
        // Act
        var run = await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle?dryRun=false");
        var creates = await _served.GetAsync(Logs($"jobId eq '{_jobId}' and provisioningAction eq 'create'"));

        // Assert: the execution, as Graph's synchronizationTaskExecution
        run.Status.ShouldBe(HttpStatusCode.OK, run.Text);
        var execution = run.Json!;
        execution["state"]!.GetValue<string>().ShouldBe("Succeeded", run.Text);
        execution["countExported"]!.GetValue<long>().ShouldBe(People.Length);
        execution["activityIdentifier"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        execution["timeBegan"]!.GetValue<string>().ShouldEndWith("Z");

        // the target holds them
        var target = await _served.TargetUsersAsync();
        target.Select(user => user!["userName"]!.GetValue<string>()).ShouldBe(People, ignoreOrder: true);

        // one success entry per user, of this cycle
        creates.Status.ShouldBe(HttpStatusCode.OK, creates.Text);
        creates.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#auditLogs/provisioning");
        var entries = creates.Json!["value"]!.AsArray();
        entries.Select(entry => entry!["sourceIdentity"]!["id"]!.GetValue<string>()).ShouldBe(_userIds, ignoreOrder: true);
        foreach (var entry in entries)
        {
            entry!["provisioningStatusInfo"]!["status"]!.GetValue<string>().ShouldBe("success");
            entry["provisioningAction"]!.GetValue<string>().ShouldBe("create");
            entry["jobId"]!.GetValue<string>().ShouldBe(_jobId);
            entry["cycleId"]!.GetValue<string>().ShouldBe(execution["activityIdentifier"]!.GetValue<string>());
            entry["servicePrincipal"]!["id"]!.GetValue<string>().ShouldBe(_sp);
            entry["activityDateTime"]!.GetValue<string>().ShouldEndWith("Z");
            entry["provisioningSteps"]!.AsArray().ShouldNotBeEmpty();
            entry["targetIdentity"]!["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        }

        creates.Json!.ContainsKey("@odata.nextLink").ShouldBeFalse();
    }

    [Fact]
    public async Task Logs_TopOne_NextLinksWalkEveryEntryOnce()
    {
        // Arrange
        (await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);

        // Act: follow the nextLinks from the first page
        var seen = new List<string>();
        var times = new List<DateTimeOffset>();
        string? next = Logs($"jobId eq '{_jobId}' and provisioningAction eq 'create'", top: 1);
        while (next is not null)
        {
            var page = await _served.GetAsync(next);
            page.Status.ShouldBe(HttpStatusCode.OK, page.Text);
            var value = page.Json!["value"]!.AsArray();
            value.Count.ShouldBeLessThanOrEqualTo(1);
            seen.AddRange(value.Select(entry => entry!["id"]!.GetValue<string>()));
            times.AddRange(value.Select(entry => DateTimeOffset.Parse(entry!["activityDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
            next = page.Json!["@odata.nextLink"]?.GetValue<string>();
            if (next is not null)
            {
                next.ShouldStartWith(_served.Client.BaseAddress!.ToString().TrimEnd('/') + "/v1.0/auditLogs/provisioning?");
                next.ShouldContain("$top=1");
                next.ShouldContain("$skiptoken=");
            }

            seen.Count.ShouldBeLessThan(10, "the nextLinks never end");
        }

        // Assert: each user once, newest first
        seen.Count.ShouldBe(People.Length);
        seen.Distinct().Count().ShouldBe(People.Length);
        times.ShouldBe(times.OrderByDescending(time => time));
    }

    [Fact]
    public async Task Logs_Filters_SelectTheMatchingEntries()
    {
        // Arrange: one cycle creates the users; a second finds nothing to do
        (await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        (await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var all = (await _served.GetAsync($"/v1.0/auditLogs/provisioning?$top=1000")).Json!["value"]!.AsArray();
        var one = all.First(entry => entry!["provisioningAction"]!.GetValue<string>() == "create")!;

        // Act
        async Task<int> CountAsync(string filter) => (await _served.GetAsync(Logs(filter))).Json!["value"]!.AsArray().Count;

        // Assert
        (await CountAsync($"sourceIdentity/id eq '{_userIds[0]}'")).ShouldBe(all.Count(entry => entry!["sourceIdentity"]!["id"]!.GetValue<string>() == _userIds[0]));
        (await CountAsync($"changeId eq '{one["changeId"]!.GetValue<string>()}'")).ShouldBe(1);
        (await CountAsync($"cycleId eq '{one["cycleId"]!.GetValue<string>()}' and provisioningAction eq 'create'")).ShouldBe(People.Length);
        (await CountAsync($"servicePrincipal/id eq '{_sp}'")).ShouldBe(all.Count);
        (await CountAsync("provisioningStatusInfo/status eq microsoft.graph.provisioningResult'failure'")).ShouldBe(0);
        (await CountAsync("activityDateTime ge 2000-01-01T00:00:00Z and activityDateTime lt 2100-01-01T00:00:00Z")).ShouldBe(all.Count);
        (await CountAsync("activityDateTime gt 2100-01-01T00:00:00Z")).ShouldBe(0);
        (await CountAsync($"jobId eq '{_jobId}.other'")).ShouldBe(0);

        var entry = await _served.GetAsync($"/beta/auditLogs/provisioning/{one["id"]!.GetValue<string>()}");
        entry.Status.ShouldBe(HttpStatusCode.OK);
        entry.Json!["changeId"]!.GetValue<string>().ShouldBe(one["changeId"]!.GetValue<string>());
        entry.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith("/beta/$metadata#auditLogs/provisioning/$entity");
        (await _served.GetAsync("/v1.0/auditLogs/provisioning/no-such-entry")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("$filter=tenantId eq 'x'", "Request_UnsupportedQuery")]
    [InlineData("$filter=contains(jobId, 'x')", "Request_UnsupportedQuery")]
    [InlineData("$filter=jobId eq", "BadRequest")]
    [InlineData("$top=5000", "Request_BadRequest")]
    [InlineData("$skiptoken=not-ours", "Request_BadRequest")]
    [InlineData("$select=id", "Request_UnsupportedQuery")]
    public async Task Logs_BadQuery_GraphError(string query, string code)
    {
        var answer = await _served.GetAsync($"/v1.0/auditLogs/provisioning?{query}");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["code"]!.GetValue<string>().ShouldBe(code);
        answer.Error["innerError"]!["request-id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task RunCycle_DryRun_SendsNothing()
    {
        var run = await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle?dryRun=true");

        run.Status.ShouldBe(HttpStatusCode.OK, run.Text);
        (await _served.TargetUsersAsync()).ShouldBeEmpty();
        _served.Target.Requests.Snapshot().Where(request => request.Method != "GET").ShouldBeEmpty();
    }

    [Fact]
    public async Task LogsCommand_Json_PrintsTheGraphRecords()
    {
        // Arrange
        (await _served.SendAsync(HttpMethod.Post, $"{Jobs}/{_jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var api = (await _served.GetAsync(Logs($"jobId eq '{_jobId}'", top: 1000))).Json!["value"]!.AsArray();

        // Act: the CLI on the same database, while the service has it open
        var json = await CliRun.InProcessAsync("", "logs", "--json", "--job", _jobId, "--database", _served.Database);
        var human = await CliRun.InProcessAsync("", "logs", "--action", "create", "--status", "success", "--since", "1h", "--database", _served.Database);
        var top = await CliRun.InProcessAsync("", "logs", "--json", "--top", "2", "--database", _served.Database);

        // Assert
        json.ExitCode.ShouldBe(0, json.Error);
        var lines = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(api.Count);
        for (var index = 0; index < lines.Length; index++)
        {
            JsonNode.Parse(lines[index])!.ToJsonString().ShouldBe(api[index]!.ToJsonString());
        }

        human.ExitCode.ShouldBe(0, human.Error);
        var rows = human.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(People.Length);
        rows.ShouldAllBe(row => row.Contains("  create ") && row.Contains(" success "));
        foreach (var id in _userIds)
        {
            rows.ShouldContain(row => row.Contains(id));
        }

        rows[0].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  create +success +\S");
        top.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
        json.Out.ShouldNotContain(_served.TargetToken);
    }
}
