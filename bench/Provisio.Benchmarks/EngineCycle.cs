using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Scim.Client;
using Provisio.Scim.Server;
using Provisio.Synchronization;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Benchmarks;

/// <summary>
/// <c>--engine-cycle USERS GROUPS MEMBERS</c>: a generated directory on SQLite, the reference SCIM server in process, one
/// scim job; times the initial cycle, an incremental cycle of 100 changes, the peak working set, and the target's raw
/// capacity for the same requests (GET match, POST, PATCH manager per user, 64 in flight) measured in the same run.
/// With <c>--target URL TOKEN</c> the target is another process (for example <c>provisio scim serve</c>), so the peak
/// working set is the engine's alone; the raw capacity is then not measured. With <c>--directory PATH</c> the directory is
/// that SQLite file (made beforehand by <c>provisio directory generate</c>, a process of its own), so the peak is the
/// cycle's alone; the file is changed by the run (100 users' departments, the job's tables).
/// </summary>
public static class EngineCycle
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var groups = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : (int)(users / 10);
        var members = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
        var cancellation = CancellationToken.None;
        var given = Array.IndexOf(args, "--directory") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : null;
        var external = Array.IndexOf(args, "--target") is var at and >= 0 && at + 2 < args.Length ? (Url: new Uri(args[at + 1]), Token: args[at + 2]) : ((Uri Url, string Token)?)null;
        var folder = Path.Combine(Path.GetTempPath(), "provisio-engine-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var path = given ?? Path.Combine(folder, "provisio.db");
        try
        {
            var raw = external is null ? await RawCapacityAsync(Math.Min(users, 20_000), cancellation) : double.NaN;
            Console.WriteLine($"raw target capacity: {raw:0} users/s (GET + POST + PATCH each, 64 in flight)");

            await using var directory = new SqliteDirectoryStore(path);
            await directory.InitializeAsync(cancellation);
            if (given is null)
            {
                var generate = Stopwatch.StartNew();
                await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = members, Seed = 7 }).WriteAsync(directory, null, cancellation);
                Console.WriteLine($"generated {users} users, {groups} groups x {members} members in {generate.Elapsed.TotalSeconds:0.0} s");
            }

            await using var target = ScimServer.Create(new ScimServerOptions { Token = "bench", RequestLogCapacity = 1 }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
            if (external is null)
            {
                await target.StartAsync(cancellation);
            }

            var (targetUrl, targetToken) = external ?? (target.ScimAddress, "bench");
            await using var store = new SqliteSynchronizationStore(path);
            await store.InitializeAsync(cancellation);
            var protector = new EphemeralDataProtectionProvider().CreateProtector("bench");
            var engine = new SynchronizationEngine(directory, store, new Protector(protector));
            var application = await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "Bench", ["appId"] = Guid.NewGuid().ToString() }, cancellation);
            var spId = application.Value!.Id;
            var job = (await engine.CreateJobAsync(spId, "scim", cancellation)).Value!;
            await engine.PutSecretsAsync(spId, [new(SynchronizationSecret.BaseAddress, targetUrl.ToString()), new(SynchronizationSecret.SecretToken, targetToken), new(SynchronizationSecret.SyncAll, "true")], cancellation);

            using var peak = new PeakWorkingSet();
            var initial = Stopwatch.StartNew();
            var first = await engine.RunCycleAsync(job.Id, dryRun: false, cancellation);
            initial.Stop();
            var objects = users + groups;
            Console.WriteLine($"initial cycle: {objects} objects in {initial.Elapsed.TotalSeconds:0.0} s = {objects / initial.Elapsed.TotalSeconds:0} objects/s, " +
                $"{users / initial.Elapsed.TotalSeconds:0} users/s ({100 * users / initial.Elapsed.TotalSeconds / raw:0} % of raw); exported {first.Execution.CountExported}, escrowed {first.Execution.CountEscrowed}, state {first.Execution.State}");
            if (external is null)
            {
                Console.WriteLine($"target holds {target.GetUsers().Count} users, {target.GetGroups().Count} groups");
            }

            var page = await directory.QueryAsync(new Directory.Query.DirectoryQuery { Kind = DirectoryObjectKind.User, Top = 100 }, cancellation);
            foreach (var user in page.Items)
            {
                await directory.UpdateAsync(user.Id, new JsonObject { ["department"] = "Changed " + user.Id.ToString("N")[..6] }, cancellation);
            }

            var incremental = Stopwatch.StartNew();
            var second = await engine.RunCycleAsync(job.Id, dryRun: false, cancellation);
            incremental.Stop();
            Console.WriteLine($"incremental cycle of {page.Items.Count} changes: {incremental.Elapsed.TotalMilliseconds:0} ms, exported {second.Execution.CountExported}");
            Console.WriteLine($"peak working set: {peak.Bytes / 1024 / 1024} MiB");
            return first.Execution.CountEscrowed == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> RawCapacityAsync(long users, CancellationToken cancellationToken)
    {
        await using var target = ScimServer.Create(new ScimServerOptions { Token = "raw", RequestLogCapacity = 1 }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await target.StartAsync(cancellationToken);
        using var client = new ScimClient(new ScimClientOptions { TenantUrl = target.ScimAddress, Credentials = new BearerTokenCredentials("raw") });
        string? previous = null;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, (int)users), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var name = $"raw{index}@contoso.com";
            await client.FindUserAsync("userName", name, token);
            var created = await client.CreateAsync(ScimResourceType.User, new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
                ["userName"] = name,
                ["active"] = true,
            }, token);
            var id = created.Value!["id"]!.GetValue<string>();
            await client.SetManagerAsync(id, Volatile.Read(ref previous) ?? id, token);
            Volatile.Write(ref previous, id);
        });
        return users / watch.Elapsed.TotalSeconds;
    }

    private sealed class Protector(IDataProtector protector) : ISecretProtector
    {
        public string Protect(string plaintext) => protector.Protect(plaintext);

        public string Unprotect(string protectedText) => protector.Unprotect(protectedText);
    }
}
