using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Scim.Server;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// Issue 6 §2 and §5: a <c>provisio serve</c> process killed with SIGKILL in the middle of an initial cycle loses
/// nothing. Started again on the same database, its scheduler resumes the active job from the cycle's checkpoint; the
/// target then holds exactly the directory's users (the disabled ones inactive), each created by exactly one successful POST.
/// </summary>
public sealed class ServeKilledMidCycleTests : IAsyncLifetime
{
    private const string AdminKey = "kill-test-admin-key-81c3";
    private const string TargetToken = "kill-test-target-token";
    private const int Users = 4_000;
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-kill-").FullName;
    private ScimServer _target = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Database => $"sqlite:{Path.Combine(_folder, "provisio.db")}";

    public async ValueTask InitializeAsync()
    {
        _target = ScimServer.Create(new ScimServerOptions { Token = TargetToken, Faults = ["slow:5"] }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await _target.StartAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Serve_KilledMidInitialCycle_RestartedResumesAndTargetIsExactWithoutDuplicateCreates()
    {
        long expected; // every user: disabled ones are provisioned inactive
        await using (var directory = new SqliteDirectoryStore(Path.Combine(_folder, "provisio.db")))
        {
            await directory.InitializeAsync(Cancellation);
            await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = Users, Groups = 0, MembersPerGroup = 0, Seed = 3 }).WriteAsync(directory, null, Cancellation);
            expected = await directory.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User }, Cancellation);
        }

        var (first, firstUrl) = await StartServeAsync();
        string sp, jobId;
        using (var api = Api(firstUrl))
        {
            (sp, jobId) = await ConfigureAsync(api);
            (await api.PostAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/start", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await WaitAsync(() => Task.FromResult(Creates() >= Users / 3), TimeSpan.FromMinutes(2), "the first third of the users created");
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(Cancellation);
        var createdBeforeKill = Creates();

        var (second, secondUrl) = await StartServeAsync();
        try
        {
            using var api = Api(secondUrl);
            JsonNode? execution = null;
            await WaitAsync(async () =>
            {
                var job = JsonNode.Parse(await api.GetStringAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", Cancellation))!;
                execution = job["status"]?["lastExecution"];
                return execution is JsonObject { } ended && ended["timeEnded"] is not null;
            }, TimeSpan.FromMinutes(3), "the resumed cycle to end");

            createdBeforeKill.ShouldBeLessThan((int)expected, "the process was killed before the cycle ended");
            execution!["state"]!.GetValue<string>().ShouldBe("Succeeded");
            _target.GetUsers().Count.ShouldBe((int)expected);
            _target.GetUsers().Select(user => user["userName"]!.GetValue<string>()).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe((int)expected);
            // A POST the kill cut off may have created its user without the answer reaching Provisio (logged 499); the
            // resumed cycle then finds that user by its matching query instead of creating it again. A second create of
            // a user would be refused as a conflict.
            var posts = _target.Requests.Snapshot().Where(request => request.Method == "POST" && request.Path.Contains("/Users", StringComparison.Ordinal)).ToList();
            posts.Count(request => request.Status == 409).ShouldBe(0, "no user was created twice");
            Creates().ShouldBeInRange((int)expected - posts.Count(request => request.Status == 499), (int)expected);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(CancellationToken.None);
        }
    }

    private int Creates() => _target.Requests.Snapshot().Count(request => request.Method == "POST" && request.Status == 201);

    private async Task<(string ServicePrincipal, string JobId)> ConfigureAsync(HttpClient api)
    {
        var instantiated = await PostJsonAsync(api, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"Kill test"}""");
        var sp = instantiated["servicePrincipal"]!["id"]!.GetValue<string>();
        var job = await PostJsonAsync(api, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs", """{"templateId":"scim"}""");
        var jobId = job["id"]!.GetValue<string>();
        var secrets = $$"""{"value":[{"key":"BaseAddress","value":"{{_target.ScimAddress}}"},{"key":"SecretToken","value":"{{TargetToken}}"},{"key":"SyncAll","value":"true"}]}""";
        (await api.PutAsync($"/v1.0/servicePrincipals/{sp}/synchronization/secrets", Content(secrets), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.PatchAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", Content("""{"schedule":{"interval":"PT1H"}}"""), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return (sp, jobId);
    }

    private static async Task<JsonNode> PostJsonAsync(HttpClient api, string path, string body)
    {
        var response = await api.PostAsync(path, Content(body), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!;
    }

    private static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpClient Api(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>A real <c>provisio serve</c> process on a free loopback port, once it answers /readyz.</summary>
    private async Task<(Process Process, Uri Url)> StartServeAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "provisio.dll"), "serve", "--urls", url.ToString().TrimEnd('/'), "--database", Database })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Provisio__AdminKey"] = AdminKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        await WaitAsync(async () =>
        {
            process.HasExited.ShouldBeFalse("provisio serve exited before it was ready");
            try
            {
                return (await probe.GetAsync("/readyz", Cancellation)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "provisio serve to be ready");
        return (process, url);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.ShouldBeLessThan(timeout, $"waiting for {what}");
            await Task.Delay(50, Cancellation);
        }
    }
}
