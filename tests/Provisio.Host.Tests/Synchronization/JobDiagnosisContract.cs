using System.Net;
using System.Text.Json.Nodes;
using Provisio.Host.Tests.Cli;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// <c>GET .../jobs/{jobId}/diagnosis</c> and <c>provisio diagnose</c> against a served job and the reference SCIM server:
/// the report's shape, its errors, and the verb's exit codes. One suite, each database a subclass.
/// </summary>
public abstract class JobDiagnosisContract : IAsyncLifetime
{
    private static readonly string[] Symptoms =
    [
        "No users provisioned", "Users skipped in logs", "Users created but with wrong attributes", "Duplicate users in target",
        "All operations failing", "Job in quarantine", "Manager assignments failing", "Mass deletions pending",
    ];

    private ServedSynchronization _served = null!;
    private string _sp = null!;
    private string _jobId = null!;

    /// <summary>The <c>--database</c> value of a fresh, empty database; null for the SQLite file of <see cref="ServedSynchronization"/>.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public virtual async ValueTask InitializeAsync()
    {
        _served = await ServedSynchronization.StartAsync(database: await CreateDatabaseAsync());
        (_sp, _jobId) = await _served.ConfigureAsync(syncAll: true);
        await _served.CreateUserAsync("ana.souza@contoso.com", "Ana Souza");
        await _served.CreateUserAsync("bo.angstrom@contoso.com", "Bo Angstrom");
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _served.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private string Job => $"/servicePrincipals/{_sp}/synchronization/jobs/{_jobId}";

    [Fact]
    public async Task Diagnosis_HealthyJob_TheReportWithEveryCheck()
    {
        // Arrange
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0{Job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);

        // Act
        var answer = await _served.GetAsync($"/v1.0{Job}/diagnosis");

        // Assert
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        var report = answer.Json!;
        report["@odata.context"]!.GetValue<string>().ShouldEndWith($"/v1.0/$metadata#servicePrincipals('{_sp}')/synchronization/jobs('{_jobId}')/diagnosis/$entity");
        report["jobId"]!.GetValue<string>().ShouldBe(_jobId);
        report["servicePrincipalId"]!.GetValue<string>().ShouldBe(_sp);
        report["generatedDateTime"]!.GetValue<string>().ShouldEndWith("Z");
        report["state"]!["statusCode"]!.GetValue<string>().ShouldBe((await _served.JobAsync(_sp, _jobId))["status"]!["code"]!.GetValue<string>());
        report["state"]!["provisionedByType"]!["User"]!.GetValue<long>().ShouldBe(2);
        report["state"]!["lastExecution"]!["state"]!.GetValue<string>().ShouldBe("Succeeded");
        report["state"]!["quarantine"].ShouldBeNull();
        report["testConnection"]!["succeeded"]!.GetValue<bool>().ShouldBeTrue();
        report["objectFailures"]!["count"]!.GetValue<long>().ShouldBe(0);
        report["objectFailures"]!["groups"]!.AsArray().ShouldBeEmpty();
        report["referenceFailures"]!["pending"]!.GetValue<long>().ShouldBe(0);
        report["skipped"]!["truncated"]!.GetValue<bool>().ShouldBeFalse();
        report["pendingDeletions"]!["threshold"]!.GetValue<int>().ShouldBe(500);
        var checks = report["checks"]!.AsArray();
        checks.Select(check => check!["symptom"]!.GetValue<string>()).ShouldBe(Symptoms);
        checks.ShouldAllBe(check => check!["firstThingToCheck"]!.GetValue<string>().Length > 0 && check["finding"]!.GetValue<string>().Length > 0);
        checks.Select(check => check!["status"]!.GetValue<string>()).ShouldAllBe(status => status == "ok" || status == "info");
        answer.Text.ShouldNotContain(_served.TargetToken);
    }

    [Fact]
    public async Task Diagnosis_BetaWithoutTestConnection_NoLiveTest()
    {
        // Arrange
        var before = _served.Target.Requests.Snapshot().Count;

        // Act
        var answer = await _served.GetAsync($"/beta{Job}/diagnosis?testConnection=false");

        // Assert
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json!["@odata.context"]!.GetValue<string>().ShouldContain("/beta/$metadata#");
        answer.Json!["testConnection"].ShouldBeNull();
        answer.Json!["skipped"]!["cycleId"].ShouldBeNull("no cycle ran");
        answer.Json!["checks"]![0]!["status"]!.GetValue<string>().ShouldBe("info");
        _served.Target.Requests.Snapshot().Count.ShouldBe(before);
    }

    [Fact]
    public async Task Diagnosis_UnknownJobOrServicePrincipal_NotFound()
    {
        // Act
        var job = await _served.GetAsync($"/v1.0/servicePrincipals/{_sp}/synchronization/jobs/scim.0000/diagnosis");
        var principal = await _served.GetAsync($"/v1.0/servicePrincipals/{Guid.NewGuid()}/synchronization/jobs/{_jobId}/diagnosis");

        // Assert
        job.Status.ShouldBe(HttpStatusCode.NotFound);
        job.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
        job.Error["message"]!.GetValue<string>().ShouldContain("scim.0000");
        principal.Status.ShouldBe(HttpStatusCode.NotFound);
        principal.Error["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
        principal.Error["innerError"]!["request-id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Diagnosis_TestConnectionNotABoolean_BadRequest()
    {
        var answer = await _served.GetAsync($"/v1.0{Job}/diagnosis?testConnection=maybe");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["code"]!.GetValue<string>().ShouldBe("Request_BadRequest");
    }

    [Fact]
    public async Task Diagnosis_WithoutAdminKey_Unauthorized()
    {
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri($"/v1.0{Job}/diagnosis", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!["code"]!.GetValue<string>()
            .ShouldBe("InvalidAuthenticationToken");
    }

    [Fact]
    public async Task DiagnoseCommand_HealthyJob_ExitsZero_JsonAsTheApiAnswers()
    {
        // Arrange
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0{Job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var api = (await _served.GetAsync($"/v1.0{Job}/diagnosis")).Json!;

        // Act: the CLI on the same database, while the service has it open
        var json = await CliRun.InProcessAsync("", "diagnose", _jobId, "--json", "--database", _served.Database);
        var human = await CliRun.InProcessAsync("", "diagnose", _jobId, "--database", _served.Database);

        // Assert
        json.ExitCode.ShouldBe(0, json.Error);
        var report = JsonNode.Parse(json.Out)!;
        report["jobId"]!.GetValue<string>().ShouldBe(_jobId);
        report["testConnection"]!["succeeded"]!.GetValue<bool>().ShouldBeTrue("the CLI reads the secrets with the service's key ring");
        report["checks"]!.AsArray().Select(check => check!["status"]!.GetValue<string>())
            .ShouldBe(api["checks"]!.AsArray().Select(check => check!["status"]!.GetValue<string>()));
        report["checks"]!.AsArray().Select(check => check!["finding"]!.GetValue<string>())
            .ShouldBe(api["checks"]!.AsArray().Select(check => check!["finding"]!.GetValue<string>()));
        human.ExitCode.ShouldBe(0, human.Error);
        var lines = human.Out.Split('\n');
        lines[0].ShouldStartWith($"Job {_jobId} (service principal {_sp}): {api["state"]!["statusCode"]!.GetValue<string>()}, schedule ");
        lines.ShouldContain("Test Connection: succeeded");
        foreach (var symptom in Symptoms)
        {
            lines.Count(line => line.Contains($" {symptom}: ", StringComparison.Ordinal)).ShouldBe(1, symptom);
        }

        lines.ShouldContain(line => line.StartsWith("[ok]", StringComparison.Ordinal) && line.Contains("No users provisioned: 2 users are provisioned", StringComparison.Ordinal));
        human.Out.ShouldNotContain("[PROBLEM]");
        json.Out.ShouldNotContain(_served.TargetToken);
    }

    [Fact]
    public async Task DiagnoseCommand_CredentialsRejected_ExitsOne_NamingTheProblem()
    {
        // Arrange: one good cycle, then the target rejects the token when a new user is to be created
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0{Job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        _served.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        await _served.CreateUserAsync("chen.li@contoso.com", "Chen Li");
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0{Job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);

        // Act
        var human = await CliRun.InProcessAsync("", "diagnose", _jobId, "--database", _served.Database);
        var offline = await CliRun.InProcessAsync("", "diagnose", _jobId, "--json", "--no-test-connection", "--database", _served.Database);

        // Assert
        human.ExitCode.ShouldBe(1, human.Error);
        human.Out.ShouldContain("Test Connection: failed: SystemForCrossDomainIdentityManagementCredentialsInvalid");
        human.Out.Split('\n').ShouldContain(line => line.StartsWith("[PROBLEM]", StringComparison.Ordinal) && line.Contains("Job in quarantine: ", StringComparison.Ordinal), human.Out);
        human.Out.Split('\n').ShouldContain(line => line.StartsWith("[PROBLEM]", StringComparison.Ordinal) && line.Contains("All operations failing: ", StringComparison.Ordinal));
        offline.ExitCode.ShouldBe(1, offline.Error);
        var report = JsonNode.Parse(offline.Out)!;
        report["testConnection"].ShouldBeNull();
        report["state"]!["quarantine"]!["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
    }
}
