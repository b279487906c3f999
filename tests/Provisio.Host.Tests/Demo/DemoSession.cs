using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Demo;

/// <summary>
/// Runs <c>provisio demo</c> in process until it prints its final block, reads the Contoso Demo job's status over the
/// API with the printed key, then cancels it (Ctrl+C) and returns what it printed and its exit code.
/// </summary>
internal static partial class DemoSession
{
    public sealed record Outcome(string Output, string Error, string Key, string Job, JsonNode Status, int ExitCode)
    {
        /// <summary>The final block's line per troubleshooting application: name → (state, job id).</summary>
        public IReadOnlyDictionary<string, (string State, string Job)> Applications { get; } = ApplicationLine().Matches(Output)
            .ToDictionary(match => match.Groups["name"].Value, match => (match.Groups["state"].Value, match.Groups["job"].Value), StringComparer.Ordinal);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<Outcome> RunUntilReadyAsync(string database, params string[] options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var (port, targetPort) = (FreePort(), FreePort());
        var run = ProvisioCommandLine.InvokeAsync(["demo", .. options, "--urls", $"http://127.0.0.1:{port}", "--target-urls", $"http://127.0.0.1:{targetPort}", "--database", database],
            new CommandLineConsole(TextReader.Null, synchronized, TextWriter.Synchronized(error)), stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!output.ToString().Contains("Ctrl+C stops it", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancellation);
        }

        if (run.IsCompleted)
        {
            return new Outcome(output.ToString(), error.ToString(), "", "", new JsonObject(), await run);
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
        return new Outcome(text, error.ToString(), key, job!["id"]!.GetValue<string>(), job["status"]!, code);
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

    [GeneratedRegex(@"^  (?<name>[^:\n]+ \([^)\n]+\)):\s+(?<state>[^\n]+); job (?<job>scim\.[0-9a-f]+); target \S+$", RegexOptions.Multiline)]
    private static partial Regex ApplicationLine();
}
