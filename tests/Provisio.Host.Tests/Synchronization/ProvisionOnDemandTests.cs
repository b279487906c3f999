using System.Net;
using System.Text.Json.Nodes;

namespace Provisio.Host.Tests.Synchronization;

/// <summary><c>provisionOnDemand</c> over HTTP in Graph's shape (reference entra-engine-and-api §6.9), against the real host and the reference SCIM server.</summary>
public sealed class ProvisionOnDemandTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task ProvisionOnDemand_OneUser_GraphPairWithResultAndSteps_ThenRateLimitedWithRetryAfter()
    {
        var (sp, jobId) = await _served.ConfigureAsync();
        var user = await _served.CreateUserAsync("ana@contoso.com", "Ana Souza");
        var body = $$"""{"parameters":[{"ruleId":"03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8","subjects":[{"objectId":"{{user}}","objectTypeName":"User"}]}]}""";
        var path = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/provisionOnDemand";

        var first = await _served.SendAsync(HttpMethod.Post, path, body);
        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 5; call++)
        {
            statuses.Add((await _served.SendAsync(HttpMethod.Post, path, body)).Status);
        }

        first.Status.ShouldBe(HttpStatusCode.OK, first.Text);
        var key = JsonNode.Parse(first.Json!["key"]!.GetValue<string>())!;
        var value = JsonNode.Parse(first.Json["value"]!.GetValue<string>())!;
        key["result"]!.GetValue<string>().ShouldBe("Success");
        value["action"]!.GetValue<string>().ShouldBe("Create");
        value["sourceIdentity"]!["id"]!.GetValue<string>().ShouldBe(user);
        value["provisioningSteps"]!.AsArray().Select(step => step!["type"]!.GetValue<string>()).ShouldBe(["import", "scoping", "matching", "processing", "export"]);
        value["provisioningSteps"]![3]!["details"]!["userName"]!.GetValue<string>().ShouldBe("[userPrincipalName] → ana@contoso.com");
        (await _served.TargetUsersAsync()).Count.ShouldBe(1);
        statuses.Take(4).ShouldAllBe(status => status == HttpStatusCode.OK);
        statuses[4].ShouldBe(HttpStatusCode.TooManyRequests, "5 requests per 10 seconds");
    }

    [Fact]
    public async Task ProvisionOnDemand_MalformedBodyOrUnknownType_GraphError400()
    {
        var (sp, jobId) = await _served.ConfigureAsync();
        var path = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/provisionOnDemand";

        var empty = await _served.SendAsync(HttpMethod.Post, path, "{}");
        var worker = await _served.SendAsync(HttpMethod.Post, path, $$"""{"parameters":[{"subjects":[{"objectId":"{{Guid.NewGuid()}}","objectTypeName":"Worker"}]}]}""");

        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Error["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
        worker.Status.ShouldBe(HttpStatusCode.BadRequest);
        worker.Error["message"]!.GetValue<string>().ShouldContain("'Worker'");
    }
}
