using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Provisio.Host.Cli;
using Provisio.Host.Tests.Cli;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

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
    public async Task Logs_OrAndStartsWithAndCount_SelectTheMatchingEntries()
    {
        // Arrange
        var seeded = await SeedLogsAsync(30);
        var failures = seeded.Count(entry => entry.ProvisioningStatusInfo.Status == ProvisioningResult.Failure);
        var named = seeded.Count(entry => entry.SourceIdentity.DisplayName!.StartsWith("Souza", StringComparison.Ordinal));

        // Act
        var or = await _served.GetAsync(Logs($"jobId eq '{SeededJob}' and (provisioningStatusInfo/status eq 'failure' or changeId eq 'change-1')") + "&$count=true");
        var prefix = await _served.GetAsync(Logs($"startswith(sourceIdentity/displayName, 'Souza') and jobId eq '{SeededJob}'"));
        var oldestFirst = await _served.GetAsync(Logs($"jobId eq '{SeededJob}'", top: 2) + "&$orderby=activityDateTime asc");
        var next = await _served.GetAsync(oldestFirst.Json!["@odata.nextLink"]!.GetValue<string>());

        // Assert
        or.Status.ShouldBe(HttpStatusCode.OK, or.Text);
        or.Json!["value"]!.AsArray().Count.ShouldBe(failures + 1);
        or.Json!["@odata.count"]!.GetValue<long>().ShouldBe(failures + 1);
        prefix.Json!["value"]!.AsArray().Count.ShouldBe(named);
        oldestFirst.Json!["value"]!.AsArray().Select(entry => entry!["changeId"]!.GetValue<string>()).ShouldBe(["change-0", "change-1"]);
        next.Json!["value"]!.AsArray().Select(entry => entry!["changeId"]!.GetValue<string>()).ShouldBe(["change-2", "change-3"]);
    }

    [Fact]
    public async Task Export_300Entries_CsvAndJsonLinesEqualThePagedJson()
    {
        // Arrange: written straight to the service's database (cycles would take far longer for as many entries)
        await SeedLogsAsync(300);
        var filter = $"jobId eq '{SeededJob}'";
        var paged = new List<JsonObject>();
        string? link = Logs(filter, top: 70);
        while (link is not null)
        {
            var page = (await _served.GetAsync(link)).Json!;
            paged.AddRange(page["value"]!.AsArray().Select(entry => entry!.AsObject()));
            link = page["@odata.nextLink"]?.GetValue<string>();
        }

        // Act
        var csv = await GetWithAcceptAsync(Logs(filter), "text/csv");
        var jsonLines = await GetWithAcceptAsync(Logs(filter) + "&format=jsonl", null);
        var limited = await GetWithAcceptAsync(Logs(filter) + "&format=csv&$top=5", null);

        // Assert
        paged.Count.ShouldBe(300);
        csv.Type.ShouldBe("text/csv");
        var rows = ParseCsv(csv.Text);
        rows[0].ShouldBe(["activityDateTime", "jobId", "cycleId", "changeId", "provisioningAction", "status", "errorCode", "errorReason",
            "sourceId", "sourceDisplayName", "targetId", "targetDisplayName", "durationInMilliseconds"]);
        rows.Count.ShouldBe(301);
        for (var index = 0; index < paged.Count; index++)
        {
            var entry = paged[index];
            rows[index + 1].ShouldBe(
            [
                entry["activityDateTime"]!.GetValue<string>(), entry["jobId"]!.GetValue<string>(), entry["cycleId"]!.GetValue<string>(),
                entry["changeId"]!.GetValue<string>(), entry["provisioningAction"]!.GetValue<string>(),
                entry["provisioningStatusInfo"]!["status"]!.GetValue<string>(),
                entry["provisioningStatusInfo"]!["errorInformation"]?["errorCode"]?.GetValue<string>() ?? "",
                entry["provisioningStatusInfo"]!["errorInformation"]?["reason"]?.GetValue<string>() ?? "",
                entry["sourceIdentity"]!["id"]!.GetValue<string>(), entry["sourceIdentity"]!["displayName"]!.GetValue<string>(),
                entry["targetIdentity"]!["id"]!.GetValue<string>(), entry["targetIdentity"]!["displayName"]!.GetValue<string>(),
                entry["durationInMilliseconds"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            ], $"row {index + 1}");
        }

        jsonLines.Type.ShouldBe("application/x-ndjson");
        var lines = jsonLines.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(line => JsonNode.Parse(line)!.ToJsonString()).ShouldBe(paged.Select(entry => entry.ToJsonString()));
        ParseCsv(limited.Text).Count.ShouldBe(6);
    }

    [Theory]
    [InlineData("format=csv&$filter=tenantId eq 'x'", "Request_UnsupportedQuery")]
    [InlineData("format=jsonl&$filter=jobId eq", "BadRequest")]
    [InlineData("format=xml", "Request_BadRequest")]
    [InlineData("format=csv&$count=true", "Request_UnsupportedQuery")]
    public async Task Export_BadQuery_GraphErrorBeforeAnyRow(string query, string code)
    {
        var answer = await GetWithAcceptAsync($"/v1.0/auditLogs/provisioning?{query}", "text/csv");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Type.ShouldBe("application/json");
        JsonNode.Parse(answer.Text)!["error"]!["code"]!.GetValue<string>().ShouldBe(code);
    }

    private const string SeededJob = "seeded.0123456789abcdef";

    /// <summary>Entries with commas, quotes and line breaks in their names and reasons, a failure every seventh.</summary>
    private async Task<List<ProvisioningObjectSummary>> SeedLogsAsync(int count)
    {
        var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, count).Select(index => new ProvisioningObjectSummary
        {
            Id = $"seed-{index:D5}",
            ActivityDateTime = start.AddMilliseconds(index * 1500.5),
            ChangeId = $"change-{index}",
            CycleId = $"cycle-{index / 100}",
            JobId = SeededJob,
            DurationInMilliseconds = index * 3,
            ProvisioningAction = index % 3 == 0 ? ProvisioningAction.Create : ProvisioningAction.Update,
            ProvisioningStatusInfo = index % 7 == 0
                ? new ProvisioningStatusInfo
                {
                    Status = ProvisioningResult.Failure,
                    ErrorInformation = new ProvisioningErrorInfo { ErrorCode = "EntryConflict", Reason = $"The target said \"409\",\r\nthen: conflict {index}." },
                }
                : new ProvisioningStatusInfo { Status = ProvisioningResult.Success },
            ServicePrincipal = new ProvisioningServicePrincipal(_sp, "Contoso SCIM app"),
            SourceIdentity = new ProvisionedIdentity { Id = $"user-{index % 40}", DisplayName = index % 2 == 0 ? $"Souza, Ana \"{index}\"" : $"Li\nChen {index}", IdentityType = "User" },
            TargetIdentity = new ProvisionedIdentity { Id = $"target-{index}", DisplayName = $"user{index}@contoso.com", IdentityType = "User" },
        }).ToList();
        var opened = (await ProvisioDatabase.OpenAsync(_served.Database, TextWriter.Null, Cancellation))!;
        await using (opened)
        {
            foreach (var chunk in entries.Chunk(100))
            {
                var write = new SynchronizationWrite();
                write.Logs.AddRange(chunk);
                await opened.Synchronization.WriteAsync(SeededJob, write, Cancellation);
            }
        }

        return entries;
    }

    private async Task<(HttpStatusCode Status, string? Type, string Text)> GetWithAcceptAsync(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await _served.Client.SendAsync(request, Cancellation);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Cancellation));
    }

    /// <summary>RFC 4180 read back: CRLF between rows, quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var index = 0; index < text.Length; index++)
        {
            var current = text[index];
            if (quoted)
            {
                if (current == '"' && index + 1 < text.Length && text[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else if (current == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(current);
                }
            }
            else if (current == '"')
            {
                quoted = true;
            }
            else if (current == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (current == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                index++;
            }
            else
            {
                current.ShouldNotBe('\n', "a bare line break outside quotes");
                field.Append(current);
            }
        }

        field.Length.ShouldBe(0, "the last row ends with CRLF");
        return rows;
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
