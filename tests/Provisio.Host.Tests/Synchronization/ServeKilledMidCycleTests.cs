using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Host.Tests.Serve;
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

        var first = await ServeProcess.StartAsync(Database, AdminKey);
        string sp, jobId;
        using (var api = first.Api(AdminKey))
        {
            (sp, jobId) = await ConfigureAsync(api);
            (await api.PostAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/start", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await ServeProcess.WaitAsync(() => Task.FromResult(Creates() >= Users / 3), TimeSpan.FromMinutes(2), "the first third of the users created");
        await first.DisposeAsync();
        var createdBeforeKill = Creates();

        await using (var second = await ServeProcess.StartAsync(Database, AdminKey))
        {
            using var api = second.Api(AdminKey);
            JsonNode? execution = null;
            await ServeProcess.WaitAsync(async () =>
            {
                var job = JsonNode.Parse(await api.GetStringAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", Cancellation))!;
                execution = job["status"]?["lastExecution"];
                return execution is JsonObject { } ended && ended["timeEnded"] is not null;
            }, TimeSpan.FromMinutes(3), "the resumed cycle to end");

            createdBeforeKill.ShouldBeLessThan((int)expected, "the process was killed before the cycle ended");
            execution!["state"]!.GetValue<string>().ShouldBe("Succeeded");
            ServedJob.ShouldHoldExactlyOnce(_target, expected);
        }
    }

    private int Creates() => _target.Requests.Snapshot().Count(request => request.Method == "POST" && request.Status == 201);

    private Task<(string ServicePrincipal, string JobId)> ConfigureAsync(HttpClient api) => ServedJob.ConfigureAsync(api, _target, TargetToken, "Kill test");
}
