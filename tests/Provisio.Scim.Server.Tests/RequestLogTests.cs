using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary>The request log, in-process and as <c>GET /_requests</c>: what later issues assert "no duplicate creates" from.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Requests_RecordMethodPathStatusAndWriteBodies()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();
        await server.PostAsync("Users", EntraRequests.CreateUser);
        await server.GetAsync("Users?filter=userName eq \"x\"");
        await server.PatchAsync($"Users/{id}", EntraRequests.DisableUserDefault);
        await server.DeleteAsync($"/Users/{id}");

        // Assert
        var records = server.Server.Requests.Snapshot();
        records.Select(record => (record.Method, record.Status)).ShouldBe(
            [("POST", 201), ("POST", 409), ("GET", 200), ("PATCH", 200), ("DELETE", 204)]);
        records[0].Path.ShouldBe("/scim/v2/Users");
        records[0].Body.ShouldBe(EntraRequests.CreateUser);
        records[2].DecodedPath.ShouldBe("/scim/v2/Users?filter=userName eq \"x\"");
        records[2].Body.ShouldBeNull();
        records[3].Body.ShouldBe(EntraRequests.DisableUserDefault);
        records[4].Path.ShouldBe($"/Users/{id}");
        records.Select(record => record.Sequence).ShouldBeInOrder();
        records.Count(record => record is { Method: "POST", Status: 201 } && record.Path.EndsWith("/Users", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Requests_OverHttp_AndClearable_AdminCallsNotRecorded()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.PostAsync("Groups", EntraRequests.CreateGroup);
        await server.GetAsync("/_faults");
        (await server.GetAsync("Users", request => request.Headers.Authorization = new("Bearer", "wrong"))).Status.ShouldBe(401);

        // Act
        var answer = await server.GetAsync("/_requests");
        var cleared = await server.DeleteAsync("/_requests");
        var after = await server.GetAsync("/_requests");

        // Assert
        answer.Status.ShouldBe(200);
        var requests = answer.Json["requests"]!.AsArray();
        requests.Count.ShouldBe(2);
        requests[0]!["method"]!.GetValue<string>().ShouldBe("POST");
        requests[0]!["path"]!.GetValue<string>().ShouldBe("/scim/v2/Groups");
        requests[0]!["status"]!.GetValue<int>().ShouldBe(201);
        requests[0]!["body"]!.GetValue<string>().ShouldBe(EntraRequests.CreateGroup);
        requests[1]!["status"]!.GetValue<int>().ShouldBe(401);
        requests[1]!.AsObject().ContainsKey("body").ShouldBeFalse();
        cleared.Status.ShouldBe(204);
        after.Json["requests"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Requests_FaultedAnswersRecordedWithTheirStatus()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["throttle:2"]);

        // Act
        await server.GetAsync("Users");
        await server.PostAsync("Users", EntraRequests.CreateUser);

        // Assert
        var records = server.Server.Requests.Snapshot();
        records.Select(record => record.Status).ShouldBe([200, 429]);
        records[1].Body.ShouldBe(EntraRequests.CreateUser);
        server.Server.GetUsers().ShouldBeEmpty();
    }

    [Fact]
    public async Task Requests_BoundedByCapacity_KeepsTheNewest()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(new ScimServerOptions { Token = TestScimServer.Token, RequestLogCapacity = 3 });

        // Act
        for (var i = 0; i < 5; i++)
        {
            await server.GetAsync($"Users?count={i}");
        }

        // Assert
        server.Server.Requests.Snapshot().Select(record => record.Path).ShouldBe(
            ["/scim/v2/Users?count=2", "/scim/v2/Users?count=3", "/scim/v2/Users?count=4"]);
        JsonNode.Parse((await server.GetAsync("/_requests")).Text)!["requests"]!.AsArray().Count.ShouldBe(3);
    }
}
