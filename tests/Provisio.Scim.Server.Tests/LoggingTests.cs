namespace Provisio.Scim.Server.Tests;

/// <summary>Logging: [LoggerMessage] events in 3500-3599, and never the token (STYLE.md §4).</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_NeverContainTheTokenOrAPresentedOne_AtAnyLevel()
    {
        // Arrange
        const string presented = "presented-wrong-token-91ab";
        await using var server = await TestScimServer.StartAsync(["slow:0"]);

        // Act: a bit of everything, at Trace
        await server.PostAsync("Users", EntraRequests.CreateUser);
        await server.GetAsync("Users?filter=userName eq \"x\"");
        await server.GetAsync("Users", request => request.Headers.Authorization = new("Bearer", presented));
        await server.SetFaultsAsync("throttle:1");
        await server.GetAsync("Users");
        await server.SetFaultsAsync();
        await server.Server.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        var entries = server.Logs.Entries;
        entries.ShouldNotBeEmpty();
        entries.ShouldAllBe(entry => !entry.Message.Contains(TestScimServer.Token) && !entry.Message.Contains(presented));
        entries.ShouldAllBe(entry => entry.Exception == null || !entry.Exception.Contains(TestScimServer.Token));
        var ours = entries.Where(entry => entry.Category == "Provisio.Scim.Server").ToList();
        ours.ShouldAllBe(entry => entry.EventId >= 3500 && entry.EventId <= 3599);
        ours.Select(entry => entry.EventId).ShouldContain(3500); // started
        ours.Select(entry => entry.EventId).ShouldContain(3501); // stopped
        ours.Select(entry => entry.EventId).ShouldContain(3505); // faults replaced
        ours.Select(entry => entry.EventId).ShouldContain(3506); // fault injected
        ours.Select(entry => entry.EventId).ShouldContain(3507); // unauthorized
        ours.Select(entry => entry.EventId).ShouldContain(3508); // created
    }

    [Fact]
    public async Task Logs_CarryIdsNotAttributeValues()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();
        await server.PatchAsync($"Users/{id}", EntraRequests.PatchMultiValued);

        // Assert
        var ours = server.Logs.Entries.Where(entry => entry.Category == "Provisio.Scim.Server").ToList();
        ours.ShouldContain(entry => entry.EventId == 3508 && entry.Message.Contains(id));
        ours.ShouldAllBe(entry => !entry.Message.Contains("Test_User_00aa00aa") && !entry.Message.Contains("updatedEmail"));
    }
}
