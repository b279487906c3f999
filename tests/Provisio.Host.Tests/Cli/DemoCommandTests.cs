using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// <c>provisio demo</c> (issue 9 §3, first part): the service, the bundled SCIM target and a generated directory,
/// provisioned by the first cycle; the addresses and admin key printed; a second run reuses the data; cancelling stops it.
/// </summary>
public sealed partial class DemoCommandTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-demo-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_ProvisionsTheGeneratedDirectory_PrintsTheKey_AndASecondRunReusesIt()
    {
        // Arrange
        var database = $"sqlite:{Path.Combine(_folder, "provisio-demo.db")}";

        // Act
        var first = await RunUntilReadyAsync(database);
        var second = await RunUntilReadyAsync(database);

        // Assert: the first run generated, provisioned and printed; the job is Active with a completed cycle
        first.Output.ShouldContain("Generating a directory of 120 users and 6 groups");
        first.Output.ShouldContain("Initial cycle Succeeded");
        first.Output.ShouldContain("120 users, 6 groups");
        first.Status["code"]!.GetValue<string>().ShouldBe("Active");
        first.Status["lastExecution"]!["state"]!.GetValue<string>().ShouldBe("Succeeded");
        first.ExitCode.ShouldBe(0);

        // Assert: the second run reused the directory, the job, the target's accounts and the key
        second.Output.ShouldNotContain("Generating");
        second.Output.ShouldContain("120 users, 6 groups");
        second.Key.ShouldBe(first.Key);
        second.Job.ShouldBe(first.Job);
        second.ExitCode.ShouldBe(0);
    }

    private async Task<(string Output, string Key, string Job, JsonNode Status, int ExitCode)> RunUntilReadyAsync(string database)
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var (port, targetPort) = (FreePort(), FreePort());
        var run = ProvisioCommandLine.InvokeAsync(["demo", "--users", "120", "--groups", "6", "--urls", $"http://127.0.0.1:{port}",
            "--target-urls", $"http://127.0.0.1:{targetPort}", "--database", database], new CommandLineConsole(TextReader.Null, synchronized, TextWriter.Null), stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!output.ToString().Contains("Ctrl+C stops it", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancellation);
        }

        var text = output.ToString();
        var key = KeyPattern().Match(text).Groups[1].Value;
        var status = StatusPattern().Match(text).Groups[1].Value;
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        JsonNode? job = null;
        for (var attempt = 0; attempt < 50 && job?["status"]?["lastExecution"] is null; attempt++)
        {
            using var response = await client.GetAsync(new Uri(status), Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            job = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            await Task.Delay(100, Cancellation);
        }

        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
        return (text, key, job!["id"]!.GetValue<string>(), job["status"]!, code);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Admin key:\s+(\S+)")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"Job status:\s+GET (\S+)")]
    private static partial Regex StatusPattern();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // still open on the way out
        }
    }
}
