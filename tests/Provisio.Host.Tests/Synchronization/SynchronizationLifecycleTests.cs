using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// The configuration lifecycle exactly as Graph scripts run it (reference entra-engine-and-api §1.18, §1.19, §6): template,
/// job, Test Connection, secrets, interval, start, pause, restart, schema, delete, against <c>provisio serve</c> and the
/// reference SCIM server; and the secret token never leaves the service in clear, neither in a response nor at rest.
/// </summary>
public sealed class SynchronizationLifecycleTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Lifecycle_GraphScript_EachStepAnswersAsGraph()
    {
        // 1. The application from the non-gallery SCIM template.
        var lookup = await _served.GetAsync("/v1.0/applicationTemplates?$filter=displayName eq 'Provisio SCIM app'");
        lookup.Json!["value"]![0]!["id"]!.GetValue<string>().ShouldBe(ServedSynchronization.TemplateId);
        var sp = await _served.InstantiateAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";

        // 2. Templates, then the job: NotConfigured, Disabled, the interval TimeSpan.MaxValue.
        var templates = await _served.GetAsync($"/v1.0/servicePrincipals/{sp}/synchronization/templates");
        templates.Status.ShouldBe(HttpStatusCode.OK);
        var template = templates.Json!["value"]!.AsArray().Single()!;
        template["id"]!.GetValue<string>().ShouldBe("scim");
        template["factoryTag"]!.GetValue<string>().ShouldBe("scim");
        template["schema"]!["synchronizationRules"]!.AsArray().Count.ShouldBe(1);
        templates.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith($"$metadata#servicePrincipals('{sp}')/synchronization/templates");

        var created = await _served.SendAsync(HttpMethod.Post, jobs, """{"templateId":"scim"}""");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        var job = created.Json!;
        var jobId = job["id"]!.GetValue<string>();
        jobId.ShouldMatch("^scim\\.[0-9a-f]{32}$");
        job["@odata.context"]!.GetValue<string>().ShouldEndWith($"$metadata#servicePrincipals('{sp}')/synchronization/jobs/$entity");
        job["templateId"]!.GetValue<string>().ShouldBe("scim");
        job["status"]!["code"]!.GetValue<string>().ShouldBe("NotConfigured");
        job["status"]!["lastExecution"].ShouldBeNull();
        job["status"]!["steadyStateFirstAchievedTime"]!.GetValue<string>().ShouldBe("0001-01-01T00:00:00Z");
        job["schedule"]!.ToJsonString().ShouldBe("""{"expiration":null,"interval":"P10675199DT2H48M5.4775807S","state":"Disabled"}""");
        job["synchronizationJobSettings"]!.ToJsonString().ShouldBe("""[{"name":"QuarantineTooManyDeletesThreshold","value":"500"}]""");
        job.ContainsKey("schema").ShouldBeFalse();
        var listed = await _served.GetAsync(jobs);
        listed.Json!["value"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ShouldBe([jobId]);
        (await _served.GetAsync($"{jobs}/{jobId}/")).Json!["id"]!.GetValue<string>().ShouldBe(jobId);

        // 3. Test Connection with the credentials, then with a wrong token; then the secrets.
        var credentials = $$"""[{"key":"BaseAddress","value":"{{_served.Target.ScimAddress}}"},{"key":"SecretToken","value":"{{_served.TargetToken}}"}]""";
        var valid = await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/validateCredentials", $$"""{"credentials":{{credentials}},"useSavedCredentials":false}""");
        valid.Status.ShouldBe(HttpStatusCode.NoContent, valid.Text);
        var wrong = await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/validateCredentials",
            $$"""{"credentials":[{"key":"BaseAddress","value":"{{_served.Target.ScimAddress}}"},{"key":"SecretToken","value":"not-the-token"}]}""");
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.Error["code"]!.GetValue<string>().ShouldBe("SystemForCrossDomainIdentityManagementCredentialsInvalid");
        wrong.Error["innerError"]!["request-id"].ShouldNotBeNull();
        var saved = await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets",
            $$"""{"value":{{credentials[..^1]}},{"key":"SyncAll","value":"false"}]}""");
        saved.Status.ShouldBe(HttpStatusCode.NoContent, saved.Text);
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/validateCredentials", """{"useSavedCredentials":true}""")).Status.ShouldBe(HttpStatusCode.NoContent);

        // 4. The interval.
        (await _served.SendAsync(HttpMethod.Patch, $"{jobs}/{jobId}", """{"schedule":{"interval":"PT30S"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        var patched = await _served.GetAsync($"{jobs}/{jobId}");
        patched.Text.ShouldContain("\"interval\":\"PT30S\"");
        patched.Json!["schedule"]!["state"]!.GetValue<string>().ShouldBe("Disabled");

        // 5. Start: the schedule is active, the status NotRun until the first cycle ends, then Active.
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/start")).Status.ShouldBe(HttpStatusCode.NoContent);
        var started = await _served.JobAsync(sp, jobId);
        started["schedule"]!["state"]!.GetValue<string>().ShouldBe("Active");
        started["schedule"]!["interval"]!.GetValue<string>().ShouldBe("PT30S");
        started["status"]!["code"]!.GetValue<string>().ShouldBeOneOf("NotRun", "Active");

        // 6. Pause.
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/pause", "{}")).Status.ShouldBe(HttpStatusCode.NoContent);
        var paused = await _served.JobAsync(sp, jobId);
        paused["schedule"]!["state"]!.GetValue<string>().ShouldBe("Paused");
        paused["status"]!["code"]!.GetValue<string>().ShouldBe("Paused");

        // 7. Restart, with a scope and without a body: the job runs again.
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart", """{"criteria":{"resetScope":"Watermark, Escrows"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart")).Status.ShouldBe(HttpStatusCode.NoContent);
        var restarted = await _served.JobAsync(sp, jobId);
        restarted["schedule"]!["state"]!.GetValue<string>().ShouldBe("Active");
        restarted["status"]!["code"]!.GetValue<string>().ShouldBeOneOf("NotRun", "Active");

        // 8. The schema, read and written back.
        var schema = await _served.GetAsync($"{jobs}/{jobId}/schema");
        schema.Status.ShouldBe(HttpStatusCode.OK);
        schema.Json!["id"]!.GetValue<string>().ShouldBe(jobId);
        schema.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith($"/synchronization/jobs('{jobId}')/schema/$entity");
        var rule = schema.Json!["synchronizationRules"]![0]!;
        rule["id"]!.GetValue<string>().ShouldBe("03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8");
        rule["objectMappings"]!.AsArray().Select(mapping => mapping!["sourceObjectName"]!.GetValue<string>()).ShouldBe(["Group", "User"]);
        schema.Json!["directories"]!.AsArray().Count.ShouldBeGreaterThan(0);
        (await _served.SendAsync(HttpMethod.Put, $"{jobs}/{jobId}/schema", schema.Text)).Status.ShouldBe(HttpStatusCode.NoContent);
        var reread = (await _served.GetAsync($"{jobs}/{jobId}/schema")).Json!;
        reread["synchronizationRules"]!.ToJsonString().ShouldBe(schema.Json!["synchronizationRules"]!.ToJsonString());
        reread["version"]!.GetValue<string>().ShouldNotBe(schema.Json!["version"]?.GetValue<string>());

        // 9. Delete: gone, and a second delete finds nothing.
        (await _served.SendAsync(HttpMethod.Delete, $"{jobs}/{jobId}")).Status.ShouldBe(HttpStatusCode.NoContent);
        var gone = await _served.GetAsync($"{jobs}/{jobId}");
        gone.Status.ShouldBe(HttpStatusCode.NotFound);
        gone.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
        (await _served.SendAsync(HttpMethod.Delete, $"{jobs}/{jobId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _served.GetAsync(jobs)).Json!["value"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PATCH", "", """{"schedule":{"interval":"thirty seconds"}}""", "InvalidSchedule")]
    [InlineData("PATCH", "", """{"schedule":{"interval":"PT0.5S"}}""", "InvalidSchedule")]
    [InlineData("PATCH", "", """{"schedule":{"state":"Active"}}""", "InvalidSchedule")]
    [InlineData("PATCH", "", """{"templateId":"other"}""", "InvalidSchedule")]
    [InlineData("PATCH", "", "not json", "Request_BadRequest")]
    [InlineData("POST", "/restart", """{"criteria":{"resetScope":"Everything"}}""", "InvalidRestartCriteria")]
    [InlineData("POST", "/validateCredentials", """{"credentials":[{"key":"ApiKey","value":"x"}]}""", "InvalidSecret")]
    [InlineData("POST", "/validateCredentials", """{"credentials":[]}""", "CredentialsMissing")]
    [InlineData("POST", "/provisio.runCycle?dryRun=maybe", "", "Request_BadRequest")]
    [InlineData("PUT", "/schema", """{"synchronizationRules":[]}""", "InvalidSchema")]
    [InlineData("PUT", "/schema", """{"synchronizationRules":"none"}""", "InvalidSchema")]
    public async Task JobRequest_Invalid_GraphError(string method, string path, string body, string code)
    {
        // Arrange
        var sp = await _served.InstantiateAsync();
        var jobId = await _served.CreateJobAsync(sp);

        // Act
        var answer = await _served.SendAsync(new HttpMethod(method), $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}{path}", body);

        // Assert
        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.Error["code"]!.GetValue<string>().ShouldBe(code);
        answer.Error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task CreateJob_UnknownTemplateOrServicePrincipal_GraphError()
    {
        var sp = await _served.InstantiateAsync();

        var unknownTemplate = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs", """{"templateId":"aws"}""");
        var noTemplate = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs", "{}");
        var unknownPrincipal = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{Guid.NewGuid()}/synchronization/jobs", """{"templateId":"scim"}""");
        var listUnknown = await _served.GetAsync($"/v1.0/servicePrincipals/{Guid.NewGuid()}/synchronization/jobs");
        var templatesUnknown = await _served.GetAsync($"/beta/servicePrincipals/{Guid.NewGuid()}/synchronization/templates");

        unknownTemplate.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownTemplate.Error["code"]!.GetValue<string>().ShouldBe("InvalidTemplate");
        noTemplate.Error["code"]!.GetValue<string>().ShouldBe("InvalidTemplate");
        unknownPrincipal.Status.ShouldBe(HttpStatusCode.NotFound);
        listUnknown.Status.ShouldBe(HttpStatusCode.NotFound);
        templatesUnknown.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OtherServicePrincipalsJob_NotFound()
    {
        var owner = await _served.InstantiateAsync("Owner");
        var other = await _served.InstantiateAsync("Other");
        var jobId = await _served.CreateJobAsync(owner);

        foreach (var (method, path) in new[] { ("GET", ""), ("DELETE", ""), ("POST", "/start"), ("POST", "/pause"), ("GET", "/schema"), ("POST", "/provisio.runCycle") })
        {
            var answer = await _served.SendAsync(new HttpMethod(method), $"/v1.0/servicePrincipals/{other}/synchronization/jobs/{jobId}{path}");
            answer.Status.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}");
        }

        (await _served.JobAsync(owner, jobId))["id"]!.GetValue<string>().ShouldBe(jobId);
    }

    [Fact]
    public async Task PutSecrets_UnknownKey_BadRequestNamingTheKey()
    {
        var sp = await _served.InstantiateAsync();

        var answer = await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets",
            """{"value":[{"key":"BaseAddress","value":"https://scim.example.com/scim/v2"},{"key":"BearerToken","value":"s3cr3t-in-the-wrong-key"}]}""");
        var notUrl = await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets",
            """{"value":[{"key":"BaseAddress","value":"scim.example.com"}]}""");
        var notArray = await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets", """{"value":"x"}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["code"]!.GetValue<string>().ShouldBe("InvalidSecret");
        answer.Error["message"]!.GetValue<string>().ShouldContain("'BearerToken'");
        answer.Text.ShouldNotContain("s3cr3t-in-the-wrong-key");
        notUrl.Error["code"]!.GetValue<string>().ShouldBe("InvalidSecret");
        notArray.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Secrets_CredentialsNeverReadBack_GetShowsKeysWithTheTokenMasked()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var secrets = $"/v1.0/servicePrincipals/{sp}/synchronization/secrets";

        // Act: every way a client might try to read them back
        var get = await _served.GetAsync(secrets);
        var post = await _served.SendAsync(HttpMethod.Post, secrets, "{}");
        var beta = await _served.GetAsync($"/beta/servicePrincipals/{sp}/synchronization/secrets");
        await _served.CreateUserAsync("ana@contoso.com", "Ana Souza");
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        string[] reads =
        [
            $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}",
            $"/v1.0/servicePrincipals/{sp}/synchronization/jobs",
            $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema",
            $"/v1.0/servicePrincipals/{sp}/synchronization/templates",
            $"/v1.0/servicePrincipals/{sp}",
            $"/v1.0/servicePrincipals/{sp}/appRoleAssignedTo",
            "/v1.0/auditLogs/provisioning?$top=1000",
            "/v1.0/provisio/changes?after=0&top=1000",
        ];
        var answers = new List<ServedSynchronization.Response>();
        foreach (var read in reads)
        {
            answers.Add(await _served.GetAsync(read));
        }

        // Assert: GET lists the keys with the token masked (S8's GET-add-PUT script works), and no answer carries the token
        get.Status.ShouldBe(HttpStatusCode.OK);
        var listed = get.Json!["value"]!.AsArray().ToDictionary(pair => pair!["key"]!.GetValue<string>(), pair => pair!["value"]!.GetValue<string>());
        listed["SecretToken"].ShouldBe("********");
        listed["BaseAddress"].ShouldStartWith("http://127.0.0.1:");
        post.Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        beta.Status.ShouldBe(HttpStatusCode.OK);
        answers.ShouldAllBe(answer => answer.Status == HttpStatusCode.OK);
        foreach (var response in _served.Responses)
        {
            response.ShouldNotContain(_served.TargetToken);
        }
    }

    [Fact]
    public async Task Secrets_AtRest_NotInClear()
    {
        // Arrange: saved, used (Test Connection and a cycle), saved again
        var (sp, jobId) = await _served.ConfigureAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/validateCredentials", """{"useSavedCredentials":true}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        await _served.CreateUserAsync("ana@contoso.com", "Ana Souza");
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        (await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets", _served.SecretsBody())).Status.ShouldBe(HttpStatusCode.NoContent);

        // Act: every text value of every table, then the raw bytes of the database files
        var values = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={_served.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                await using var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\";";
                await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    for (var column = 0; column < reader.FieldCount; column++)
                    {
                        values.Add(reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    }
                }
            }

            tables.ShouldContain("sync_secrets");
        }

        var files = System.IO.Directory.GetFiles(Path.GetDirectoryName(_served.DatabasePath)!, "provisio.db*");

        // Assert
        values.ShouldNotBeEmpty();
        values.Where(value => value.Contains(_served.TargetToken, StringComparison.Ordinal)).ShouldBeEmpty();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, TestContext.Current.CancellationToken);
            var bytes = memory.ToArray();
            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(_served.TargetToken)).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(_served.TargetToken)).ShouldBe(-1, file);
        }

        foreach (var response in _served.Responses)
        {
            response.ShouldNotContain(_served.TargetToken);
        }
    }

    [Fact]
    public async Task SynchronizationEndpoints_WithoutAdminKey_Unauthorized()
    {
        var sp = await _served.InstantiateAsync();
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };

        foreach (var path in new[]
        {
            $"/v1.0/servicePrincipals/{sp}/synchronization/templates",
            $"/v1.0/servicePrincipals/{sp}/synchronization/jobs",
            "/v1.0/auditLogs/provisioning",
            "/beta/auditLogs/provisioning",
        })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!;
            error["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
        }

        using var put = await anonymous.PutAsync(new Uri($"/v1.0/servicePrincipals/{sp}/synchronization/secrets", UriKind.Relative),
            new StringContent(_served.SecretsBody(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        put.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
