using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Host.Tests.Authentication;
using Provisio.Synchronization;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Tests.Audit;

/// <summary>An administrator's change is audited with who made it: the API client (initiatedBy.app) or the admin key.</summary>
public sealed class AuditInitiatorTests : IAsyncLifetime
{
    private ServedAuthentication _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _served = await ServedAuthentication.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task AStartByAnApiClient_IsAuditedWithThatClient_AndAPauseByTheAdminKey_WithTheAdministrator()
    {
        // Arrange
        var directory = _served.App.Services.GetRequiredService<IDirectoryStore>();
        var engine = _served.App.Services.GetRequiredService<SynchronizationEngine>();
        var application = (await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "Audited" }, Cancellation)).Value!;
        var job = (await engine.CreateJobAsync(application.Id, "scim", Cancellation)).Value!;
        var token = await _served.TokenAsync(_served.Administrator, _served.AdministratorSecret);
        var jobPath = $"/v1.0/servicePrincipals/{application.Id:D}/synchronization/jobs/{job.Id}";

        // Act
        using (var started = await _served.SendAsync(HttpMethod.Post, jobPath + "/start", token))
        {
            started.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var paused = await _served.SendAsync(HttpMethod.Post, jobPath + "/pause", ServedAuthentication.AdminKey))
        {
            paused.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        // Assert
        var audits = (await engine.Store.QueryAuditsAsync(new DirectoryAuditQuery { Top = 50 }, Cancellation)).Audits;
        var start = audits.Single(audit => audit.ActivityDisplayName.Contains("Start", StringComparison.OrdinalIgnoreCase));
        start.InitiatedBy.App.ShouldNotBeNull().AppId.ShouldBe(_served.Administrator.ClientId);
        start.InitiatedBy.App.DisplayName.ShouldBe("deployment pipeline");
        start.InitiatedBy.User.ShouldBeNull();
        var pause = audits.Single(audit => audit.ActivityDisplayName.Contains("Pause", StringComparison.OrdinalIgnoreCase));
        pause.InitiatedBy.User.ShouldNotBeNull().DisplayName.ShouldBe("Administrator");
        pause.InitiatedBy.User.IpAddress.ShouldBe("127.0.0.1");
        pause.InitiatedBy.App.ShouldBeNull();
    }
}
