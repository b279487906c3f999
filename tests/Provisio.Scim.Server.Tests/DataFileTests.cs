using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary><c>--data FILE</c>: a snapshot loaded at start and saved on stop, so a run can be inspected and resumed.</summary>
public sealed class DataFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "provisio-scim-" + Guid.NewGuid().ToString("N"));

    private string DataFile => Path.Combine(_directory, "nested", "scim.json");

    [Fact]
    public async Task Snapshot_SavedOnStop_LoadedOnStart()
    {
        // Arrange
        string userId, groupId, version;
        await using (var first = await TestScimServer.StartAsync(dataFile: DataFile))
        {
            var created = await first.PostAsync("Users", EntraRequests.CreateUser);
            userId = created.Json["id"]!.GetValue<string>();
            version = created.ETag!;
            groupId = (await first.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();
            await first.PatchAsync($"Groups/{groupId}", EntraRequests.AddMembers(userId));
            await first.Server.StopAsync(TestContext.Current.CancellationToken);
        }

        // Act
        File.Exists(DataFile).ShouldBeTrue();
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(DataFile, TestContext.Current.CancellationToken))!;
        await using var second = await TestScimServer.StartAsync(dataFile: DataFile);

        // Assert
        snapshot["users"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(userId);
        snapshot["groups"]!.AsArray().Single()!["members"]![0]!["value"]!.GetValue<string>().ShouldBe(userId);
        var user = await second.GetAsync($"Users/{userId}");
        user.Status.ShouldBe(200);
        user.ETag.ShouldBe(version);
        user.Json["emails"]![0]!["type"]!.GetValue<string>().ShouldBe("work");
        (await second.GetAsync("Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"")).Resources.Single()["id"]!
            .GetValue<string>().ShouldBe(userId);
        (await second.GetAsync("Users?filter=externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"")).Resources.Count.ShouldBe(1);
        (await second.PostAsync("Users", EntraRequests.CreateUser)).ShouldBeScimError(409, "uniqueness");
        (await second.GetAsync($"Groups/{groupId}")).Json["members"]![0]!["value"]!.GetValue<string>().ShouldBe(userId);
        var patched = await second.PatchAsync($"Users/{userId}", EntraRequests.DisableUserDefault);
        Version(patched.ETag!).ShouldBeGreaterThan(Version(version));
        var newer = await second.CreateUserAsync("after.restart@contoso.com");
        Version(newer["meta"]!["version"]!.GetValue<string>()).ShouldBeGreaterThan(Version(patched.ETag!));
    }

    [Fact]
    public async Task Snapshot_MissingFile_StartsEmptyAndCreatesIt()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(dataFile: DataFile);

        // Act
        var list = await server.GetAsync("Users");
        await server.Server.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        list.Json["totalResults"]!.GetValue<int>().ShouldBe(0);
        JsonNode.Parse(await File.ReadAllTextAsync(DataFile, TestContext.Current.CancellationToken))!["users"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Snapshot_SavedPeriodicallyWhileRunning()
    {
        // Arrange
        var options = new ScimServerOptions { Token = TestScimServer.Token, DataFile = DataFile, SaveInterval = TimeSpan.FromMilliseconds(50) };
        await using var server = await TestScimServer.StartAsync(options);

        // Act
        await server.CreateUserAsync("periodic@contoso.com");
        await server.Logs.WaitForAsync(entry => entry.EventId == 3503 && entry.Message.StartsWith("Saved 1 users", StringComparison.Ordinal), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Assert: saved while still running
        (await File.ReadAllTextAsync(DataFile, TestContext.Current.CancellationToken)).ShouldContain("periodic@contoso.com");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"users":{"not":"an array"}}""")]
    [InlineData("""{"users":[{"id":"1"}]}""")]
    [InlineData("""{"users":[{"id":"1","userName":"a"},{"id":"1","userName":"b"}]}""")]
    public async Task Snapshot_UnusableFile_FailsAtStartNamingTheFile(string content)
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(DataFile)!);
        await File.WriteAllTextAsync(DataFile, content, TestContext.Current.CancellationToken);
        var options = new ScimServerOptions { Token = TestScimServer.Token, DataFile = DataFile };

        // Act
        var exception = Should.Throw<InvalidDataException>(() => ScimServer.Create(options, ["http://127.0.0.1:0"]));

        // Assert
        exception.Message.ShouldContain(DataFile);
        (await File.ReadAllTextAsync(DataFile, TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static long Version(string etag) => long.Parse(etag.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"'),
        System.Globalization.CultureInfo.InvariantCulture);
}
