using System.Net;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// Issue 11: the seed queries <c>GET https://graph.microsoft.com/beta/servicePrincipals/{id}/synchronization/jobs/{jobId}/</c>;
/// every synchronization and audit-log endpoint answers under <c>/beta</c> as under <c>/v1.0</c>, a trailing slash included.
/// </summary>
public sealed class BetaPathTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task TheSeedsQuery_UnderBetaWithATrailingSlash_AnswersTheJobAsV1Does()
    {
        // Arrange
        var (sp, jobId) = await _served.ConfigureAsync();
        var job = $"servicePrincipals/{sp}/synchronization/jobs/{jobId}";

        // Act
        var v1 = await _served.GetAsync($"/v1.0/{job}");
        var beta = await _served.GetAsync($"/beta/{job}/");
        var paths = new[] { $"{job}/schema/", $"servicePrincipals/{sp}/synchronization/jobs/", "auditLogs/provisioning/", "auditLogs/directoryAudits/", $"{job}/diagnosis/" };
        var answers = new List<(string Path, HttpStatusCode Status)>();
        foreach (var path in paths)
        {
            answers.Add(($"/beta/{path}", (await _served.GetAsync($"/beta/{path}")).Status));
        }

        // Assert: the same job, Graph's beta context; every other endpoint answers too
        beta.Status.ShouldBe(HttpStatusCode.OK);
        beta.Json!["id"]!.GetValue<string>().ShouldBe(jobId);
        beta.Json["schedule"]!.ToJsonString().ShouldBe(v1.Json!["schedule"]!.ToJsonString());
        beta.Json["@odata.context"]!.GetValue<string>().ShouldContain("/beta/$metadata#");
        answers.ShouldAllBe(answer => answer.Status == HttpStatusCode.OK);
    }
}
