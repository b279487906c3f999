using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Provisio.Scim.Server.Tests;

/// <summary>The two ways to host the server: <see cref="ScimServer"/> on its own (the verb), or mapped into another app (the demo).</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task RunAsync_UntilCancelled_ThenStopsAndSaves()
    {
        // Arrange
        var dataFile = Path.Combine(Path.GetTempPath(), $"provisio-run-{Guid.NewGuid():N}.json");
        var logs = new LogCapture();
        var options = new ScimServerOptions { Token = TestScimServer.Token, DataFile = dataFile, SaveInterval = TimeSpan.Zero };
        await using var server = ScimServer.Create(options, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders().AddProvider(logs));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var timeout = TimeSpan.FromSeconds(10);

        try
        {
            // Act
            var run = server.RunAsync(stop.Token);
            await logs.WaitForAsync(entry => entry.EventId == 3500, timeout, TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = server.ScimAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestScimServer.Token);
            using var created = await client.PostAsync("Users", new StringContent("""{"userName":"run@contoso.com"}""", System.Text.Encoding.UTF8, "application/scim+json"), TestContext.Current.CancellationToken);
            await stop.CancelAsync();
            await run.WaitAsync(timeout, TestContext.Current.CancellationToken);

            // Assert
            created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
            server.Address.Port.ShouldBeGreaterThan(0);
            logs.Entries.ShouldContain(entry => entry.EventId == 3501);
            (await File.ReadAllTextAsync(dataFile, TestContext.Current.CancellationToken)).ShouldContain("run@contoso.com");
        }
        finally
        {
            File.Delete(dataFile);
        }
    }

    [Fact]
    public async Task MapScimServer_UnderAPrefixInAnotherApp_ServesUsersThere()
    {
        // Arrange
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Services.AddScimServer(new ScimServerOptions { Token = TestScimServer.Token });
        await using var app = builder.Build();
        app.MapScimServer("/target");
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/target/scim/v2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestScimServer.Token);

        // Act
        using var created = await client.PostAsync("Users", new StringContent("""{"userName":"embedded@contoso.com"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var atRoot = await client.GetAsync(new Uri(app.Urls.First() + "/target/Users"), TestContext.Current.CancellationToken);
        using var faults = await client.GetAsync(new Uri(app.Urls.First() + "/target/_faults"), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        created.Headers.Location!.AbsolutePath.ShouldStartWith("/target/scim/v2/Users/");
        atRoot.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await atRoot.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("embedded@contoso.com");
        faults.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_NoUrlsOrBadOptions_ThrowsNamingTheFix()
    {
        // Act
        var noUrls = Should.Throw<ArgumentException>(() => ScimServer.Create(new ScimServerOptions { Token = "t" }, []));
        var noToken = Should.Throw<ArgumentException>(() => ScimServer.Create(new ScimServerOptions { Token = "" }, ["http://127.0.0.1:0"]));
        await using var notStarted = ScimServer.Create(new ScimServerOptions { Token = "t" }, ["http://127.0.0.1:0"]);

        // Assert
        noUrls.Message.ShouldContain("--urls URL");
        noToken.Message.ShouldContain("--token TOKEN");
        Should.Throw<InvalidOperationException>(() => notStarted.Address).Message.ShouldContain("StartAsync");
    }
}
