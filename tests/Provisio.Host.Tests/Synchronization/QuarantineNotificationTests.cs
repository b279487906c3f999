using System.Net;
using System.Text;
using MimeKit;
using Provisio.Testing;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// How an administrator learns of a quarantine (seed 002 "How do I know if my application is in quarantine?"): a
/// one-time e-mail over real SMTP to the job's notification address, a new one only when the reason changes; and a
/// "Quarantine" record in the audit log (category ProvisioningManagement, service Account Provisioning) each time,
/// next to the records of the administrator's own changes.
/// </summary>
public sealed class QuarantineNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private SmtpSink _sink = null!;
    private ServedSynchronization _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sink = SmtpSink.Start();
        _served = await ServedSynchronization.StartAsync(settings:
        [
            "--Provisio:Smtp:Host=127.0.0.1", $"--Provisio:Smtp:Port={_sink.Port}", "--Provisio:Smtp:From=provisio-noreply@contoso.test",
            "--Provisio:Smtp:PollInterval=00:00:00.100",
        ]);
    }

    public async ValueTask DisposeAsync()
    {
        await _served.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task InvalidCredentials_OneEmailToTheNotificationAddress_AndAQuarantineAuditEachTime()
    {
        // Arrange: a job whose notification e-mail is ops@contoso.com
        var (sp, jobId) = await ConfigureWithNotificationsAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";
        await _served.CreateUserAsync("ann@contoso.com", "Ann");
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        _served.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();

        // Act: two failing cycles (quarantined, then re-evaluated), then recovery
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var received = await _sink.NextMessageAsync(Wait, Cancellation);
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        _served.Target.Faults.Heal();
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/{jobId}/restart", """{"criteria":{"resetScope":"Quarantine"}}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        var audits = await _served.GetAsync("/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Quarantine'");

        // Assert: the e-mail
        received.Recipients.ShouldBe(["ops@contoso.com"]);
        received.MailFrom.ShouldBe("provisio-noreply@contoso.test");
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)), Cancellation);
        message.Subject.ShouldBe("Provisioning for Contoso SCIM app is in quarantine: EncounteredQuarantineException");
        message.TextBody!.ShouldContain($"The provisioning job {jobId} of the application \"Contoso SCIM app\" was placed in quarantine");
        message.TextBody!.ShouldContain("Error: SystemForCrossDomainIdentityManagementCredentialsInvalid");
        message.TextBody!.ShouldContain("What to do: Check the admin credentials");
        message.TextBody!.ShouldContain("Test Connection");
        message.TextBody!.ShouldContain($"In the portal: {_served.Client.BaseAddress!.ToString().TrimEnd('/')}/applications/{sp}", Case.Sensitive, "the e-mail links to the job's page");
        var portal = _served.Client.BaseAddress!.ToString().TrimEnd('/');
        message.TextBody!.ShouldContain($"To stop these e-mails, clear \"Send an email notification when a failure occurs\" in the job's settings: {portal}/applications/{sp}/settings");
        message.TextBody!.ShouldContain("The links above only open pages: nothing changes until you sign in and act.");
        message.TextBody!.ShouldNotContain(_served.TargetToken);
        message.HtmlBody!.ShouldContain("<p>Reason: EncounteredQuarantineException");
        message.HtmlBody!.ShouldContain($"<a href=\"{portal}/applications/{sp}\">{portal}/applications/{sp}</a>", Case.Sensitive, "portal addresses are links in the HTML part");
        message.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        _sink.Messages.Count.ShouldBe(1, "re-evaluating the same reason sends no second e-mail");

        // Assert: the audit log, newest first: lifted, continued, entered
        audits.Status.ShouldBe(HttpStatusCode.OK, audits.Text);
        var records = audits.Json!["value"]!.AsArray();
        records.Select(record => Detail(record!, "EventName")).ShouldBe(["Lifted", "Continued", "Entered"]);
        var entered = records[2]!;
        entered["category"]!.GetValue<string>().ShouldBe("ProvisioningManagement");
        entered["loggedByService"]!.GetValue<string>().ShouldBe("Account Provisioning");
        entered["result"]!.GetValue<string>().ShouldBe("success");
        Detail(entered, "QuarantineReason").ShouldBe("EncounteredQuarantineException");
        entered["targetResources"]!.AsArray().Select(target => target!["id"]!.GetValue<string>()).ShouldBe([sp, jobId]);
        records[0]!["initiatedBy"]!["user"]!["displayName"]!.GetValue<string>().ShouldBe("Administrator", "the restart lifted it");
        entered["initiatedBy"]!["app"]!["displayName"]!.GetValue<string>().ShouldBe("Provisio provisioning service");
    }

    [Fact]
    public async Task ReasonChanges_ASecondEmail()
    {
        // Arrange: quarantined for invalid credentials
        var (sp, jobId) = await ConfigureWithNotificationsAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";
        _served.Target.Faults.TryReplace(["invalid-credentials"]).ShouldBeNull();
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        await _sink.NextMessageAsync(Wait, Cancellation);

        // Act: an administrator's quarantine replaces the reason
        (await _served.SendAsync(HttpMethod.Post, $"{job}/provisio.quarantine", """{"reason":"Vendor maintenance"}""")).Status.ShouldBe(HttpStatusCode.NoContent);
        var second = await _sink.NextMessageAsync(Wait, Cancellation);

        // Assert
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(second.Data)), Cancellation).Subject
            .ShouldBe("Provisioning for Contoso SCIM app is in quarantine for a new reason: QuarantinedOnDemand");
    }

    [Fact]
    public async Task AdministratorsChanges_AreAudited_WithoutSecretValues()
    {
        // Arrange
        var (sp, jobId) = await ConfigureWithNotificationsAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";

        // Act
        await _served.SendAsync(HttpMethod.Patch, job, """{"schedule":{"interval":"PT10M","accidentalDeletionThreshold":25}}""");
        await _served.SendAsync(HttpMethod.Post, $"{job}/start");
        await _served.SendAsync(HttpMethod.Post, $"{job}/pause");
        await _served.SendAsync(HttpMethod.Post, $"{job}/restart", """{"criteria":{"resetScope":"Watermark, Escrows"}}""");
        var schema = await _served.GetAsync($"{job}/schema");
        await _served.SendAsync(HttpMethod.Put, $"{job}/schema", schema.Text);
        var audits = await _served.GetAsync($"/v1.0/auditLogs/directoryAudits?$filter=targetResources/any(t: t/id eq '{jobId}')&$top=50");

        // Assert
        var activities = audits.Json!["value"]!.AsArray().Select(record => record!["activityDisplayName"]!.GetValue<string>()).Reverse().ToList();
        activities.ShouldBe(
        [
            "Add provisioning configuration",
            "Update provisioning setting or credentials", // the secrets
            "Update provisioning setting or credentials", // the threshold
            "Update provisioning setting or credentials", // the interval
            "Enable/start provisioning configuration",
            "Disable/pause provisioning configuration",
            "Enable/restart provisioning configuration",
            "Update attribute mappings or scope",
        ]);
        audits.Text.ShouldNotContain(_served.TargetToken);
        audits.Text.ShouldContain("Secrets changed: BaseAddress, SecretToken, SyncAll, SyncNotificationSettings.");
    }

    private async Task<(string ServicePrincipal, string JobId)> ConfigureWithNotificationsAsync()
    {
        var sp = await _served.InstantiateAsync();
        var jobId = await _served.CreateJobAsync(sp);
        var notifications = """{\"Enabled\":true,\"Recipients\":\"ops@contoso.com\"}""";
        var secrets = $$"""
            {"value":[{"key":"BaseAddress","value":"{{_served.Target.ScimAddress}}"},{"key":"SecretToken","value":"{{_served.TargetToken}}"},{"key":"SyncAll","value":"true"},{"key":"SyncNotificationSettings","value":"{{notifications}}"}]}
            """;
        (await _served.SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{sp}/synchronization/secrets", secrets)).Status.ShouldBe(HttpStatusCode.NoContent);
        return (sp, jobId);
    }

    private static string? Detail(System.Text.Json.Nodes.JsonNode record, string key) =>
        record["additionalDetails"]!.AsArray().FirstOrDefault(detail => detail!["key"]!.GetValue<string>() == key)?["value"]?.GetValue<string>();
}
