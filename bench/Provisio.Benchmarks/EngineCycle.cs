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
using Provisio.Synchronization.Cycles;
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
/// cycle's alone; the file is changed by the run (100 users' departments, the job's tables). With <c>--warm</c> the initial
/// cycle runs a second time, warm, for another job against a fresh target, printed beside the cold one and the raw capacity; <c>--utilization</c> prints
/// the process's share of the cores every 250 ms of each cycle; <c>--store-times</c> the synchronization store's calls of
/// each cycle by method (count, wall time, CPU time of the calling thread; <see cref="StoreTimes"/>).
/// </summary>
public static class EngineCycle
{
    private static StoreTimes? _storeTimes;

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
            await using var sqliteStore = new SqliteSynchronizationStore(path);
            await sqliteStore.InitializeAsync(cancellation);
            var (store, times) = args.Contains("--store-times") ? StoreTimes.Wrap(sqliteStore) : (sqliteStore, null);
            _storeTimes = times;
            var protector = new EphemeralDataProtectionProvider().CreateProtector("bench");
            var engine = new SynchronizationEngine(directory, store, new Protector(protector));
            var application = await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "Bench", ["appId"] = Guid.NewGuid().ToString() }, cancellation);
            var spId = application.Value!.Id;
            var job = (await engine.CreateJobAsync(spId, "scim", cancellation)).Value!;
            await engine.PutSecretsAsync(spId, [new(SynchronizationSecret.BaseAddress, targetUrl.ToString()), new(SynchronizationSecret.SecretToken, targetToken), new(SynchronizationSecret.SyncAll, "true")], cancellation);

            using var peak = new PeakWorkingSet();
            using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
            var first = await MeasureAsync(engine, job.Id, cancellation);
            sampler?.Dispose();
            sampler?.Print(40);
            var objects = users + groups;
            Console.WriteLine($"initial cycle: {objects} objects in {first.Elapsed.TotalSeconds:0.0} s = {objects / first.Elapsed.TotalSeconds:0} objects/s, " +
                $"exported {first.Result.Execution.CountExported}, escrowed {first.Result.Execution.CountEscrowed}, state {first.Result.Execution.State}; {first.Figures}");
            var initial = first.Elapsed;
            TimeSpan? rawElapsed = null;
            if (external is null)
            {
                var (held, heldGroups) = (target.GetUsers(), target.GetGroups());
                Console.WriteLine($"target holds {held.Count} users, {heldGroups.Count} groups");
                var raw = await RawCapacityAsync(held, heldGroups, cancellation);
                Console.WriteLine($"raw target capacity for the same requests: {raw.Requests} requests in {raw.Elapsed.TotalSeconds:0.0} s " +
                    $"(64 in flight, no engine); the engine took {initial.TotalSeconds:0.0} s = {100 * raw.Elapsed / initial:0} % of raw capacity");
                rawElapsed = raw.Elapsed;
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
            var warmEscrowed = 0L;
            if (args.Contains("--warm"))
            {
                warmEscrowed = await MeasureWarmAsync(directory, engine, external is null ? null : external.Value, objects, initial, rawElapsed, cancellation);
            }

            return first.Result.Execution.CountEscrowed == 0 && warmEscrowed == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// <c>--warm</c>: the same initial cycle again, now that the cold one has tiered the JIT up (as in a long-running
    /// <c>provisio serve</c> after its first cycles): a second scim job of another application over the same directory,
    /// against a fresh target of the same kind (or the same external target, whose objects it then matches instead of
    /// creating), so it sends the same requests as the cold cycle; printed beside the cold figure and the raw capacity.
    /// </summary>
    private static async Task<long> MeasureWarmAsync(SqliteDirectoryStore directory, SynchronizationEngine engine, (Uri Url, string Token)? external,
        long objects, TimeSpan cold, TimeSpan? raw, CancellationToken cancellationToken)
    {
        await using var target = ScimServer.Create(new ScimServerOptions { Token = "warm", RequestLogCapacity = 1 }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        if (external is null)
        {
            await target.StartAsync(cancellationToken);
        }

        var (targetUrl, targetToken) = external ?? (target.ScimAddress, "warm");
        var application = await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "Bench warm", ["appId"] = Guid.NewGuid().ToString() }, cancellationToken);
        var spId = application.Value!.Id;
        var job = (await engine.CreateJobAsync(spId, "scim", cancellationToken)).Value!;
        await engine.PutSecretsAsync(spId, [new(SynchronizationSecret.BaseAddress, targetUrl.ToString()), new(SynchronizationSecret.SecretToken, targetToken), new(SynchronizationSecret.SyncAll, "true")], cancellationToken);
        using var jit = Environment.GetCommandLineArgs().Contains("--jit") ? new JitSampler() : null;
        var warm = await MeasureAsync(engine, job.Id, cancellationToken);
        jit?.Dispose();
        jit?.Print(30);
        Console.WriteLine($"warm initial cycle (another job, a fresh target, after the cold one): {objects} objects in {warm.Elapsed.TotalSeconds:0.0} s = {objects / warm.Elapsed.TotalSeconds:0} objects/s, " +
            $"exported {warm.Result.Execution.CountExported}, escrowed {warm.Result.Execution.CountEscrowed}, state {warm.Result.Execution.State}; {warm.Figures}");
        if (raw is { } rawElapsed)
        {
            Console.WriteLine($"engine vs raw capacity ({rawElapsed.TotalSeconds:0.0} s): cold {cold.TotalSeconds:0.0} s = {100 * rawElapsed / cold:0} %, warm {warm.Elapsed.TotalSeconds:0.0} s = {100 * rawElapsed / warm.Elapsed:0} %");
        }

        return warm.Result.Execution.CountEscrowed;
    }

    /// <summary>One initial cycle with its CPU time, bytes allocated, GC pauses (and their share of the wall time) and collections.</summary>
    private static async Task<(CycleResult Result, TimeSpan Elapsed, string Figures)> MeasureAsync(SynchronizationEngine engine, string jobId, CancellationToken cancellationToken)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (allocated, paused) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var (compiled, compiling) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var watch = Stopwatch.StartNew();
        using var samplerStop = new CancellationTokenSource();
        var series = new System.Text.StringBuilder();
        var sampling = Environment.GetCommandLineArgs().Contains("--utilization") ? Task.Run(async () =>
        {
            var last = Process.GetCurrentProcess().TotalProcessorTime;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (await timer.WaitForNextTickAsync(samplerStop.Token).ConfigureAwait(false))
            {
                var now = Process.GetCurrentProcess().TotalProcessorTime;
                series.Append(CultureInfo.InvariantCulture, $"{(int)(100 * (now - last).TotalMilliseconds / 250 / Environment.ProcessorCount),3}");
                last = now;
            }
        }, CancellationToken.None) : Task.CompletedTask;
        _storeTimes?.Reset();
        var result = await engine.RunCycleAsync(jobId, dryRun: false, cancellationToken);
        watch.Stop();
        if (_storeTimes is { } times)
        {
            Console.WriteLine("store calls: " + times.Report());
        }

        await samplerStop.CancelAsync();
        await sampling.ContinueWith(static _ => { }, TaskScheduler.Default);
        if (series.Length > 0)
        {
            Console.WriteLine("utilization per 250 ms (% of all cores): " + series);
        }

        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var pause = GC.GetTotalPauseDuration() - paused;
        var figures = $"CPU {used.TotalSeconds:0.0} s ({used / watch.Elapsed / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores); " +
            $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1024 / 1024} MiB, GC paused {pause.TotalSeconds:0.0} s in {GC.CollectionCount(0) - gen0} collections " +
            $"({pause / watch.Elapsed:P1} of the time; gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}); " +
            $"JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - compiled} methods in {(System.Runtime.JitInfo.GetCompilationTime() - compiling).TotalSeconds:0.0} s";
        return (result, watch.Elapsed, figures);
    }

    /// <summary>
    /// The target's raw capacity for the requests the engine sent: a fresh server of the same kind receives, from a bare
    /// client with 64 requests in flight, what an initial cycle sends for the objects the engine's target now holds (the
    /// same bodies): per user a matching query, a create and, for users with a manager, a manager PATCH; per group a
    /// matching query, a create without members and PATCHes adding its members 100 at a time. Bodies are prepared before
    /// the clock starts, so the figure is the target's and the loopback's alone.
    /// </summary>
    private static async Task<(long Requests, TimeSpan Elapsed)> RawCapacityAsync(IReadOnlyList<JsonObject> users, IReadOnlyList<JsonObject> groups, CancellationToken cancellationToken)
    {
        const string enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        var userBodies = users.Select(user =>
        {
            var body = (JsonObject)user.DeepClone();
            var manager = (body[enterprise] as JsonObject)?["manager"]?["value"]?.GetValue<string>();
            (body[enterprise] as JsonObject)?.Remove("manager");
            body.Remove("id");
            body.Remove("meta");
            return (OldId: user["id"]!.GetValue<string>(), UserName: user["userName"]!.GetValue<string>(), Manager: manager, Body: body);
        }).ToList();
        var groupBodies = groups.Select(group =>
        {
            var body = (JsonObject)group.DeepClone();
            var members = (body["members"] as JsonArray)?.Select(member => member!["value"]!.GetValue<string>()).ToList() ?? [];
            body.Remove("members");
            body.Remove("id");
            body.Remove("meta");
            return (Name: group["displayName"]!.GetValue<string>(), Members: members, Body: body);
        }).ToList();

        await using var target = ScimServer.Create(new ScimServerOptions { Token = "raw", RequestLogCapacity = 1 }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await target.StartAsync(cancellationToken);
        using var client = new ScimClient(new ScimClientOptions { TenantUrl = target.ScimAddress, Credentials = new BearerTokenCredentials("raw") });
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        long requests = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var (paused, collections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(userBodies, parallel, async (user, token) =>
        {
            await client.FindUserAsync("userName", user.UserName, token);
            var created = await client.CreateAsync(ScimResourceType.User, user.Body, token);
            ids[user.OldId] = created.Value!["id"]!.GetValue<string>();
            Interlocked.Add(ref requests, 2);
        });
        await Parallel.ForEachAsync(userBodies.Where(user => user.Manager is not null), parallel, async (user, token) =>
        {
            await client.SetManagerAsync(ids[user.OldId], ids[user.Manager!], token);
            Interlocked.Increment(ref requests);
        });
        await Parallel.ForEachAsync(groupBodies, parallel, async (group, token) =>
        {
            await client.FindGroupAsync("displayName", group.Name, token);
            var created = await client.CreateAsync(ScimResourceType.Group, group.Body, token);
            var id = created.Value!["id"]!.GetValue<string>();
            Interlocked.Add(ref requests, 2);
            foreach (var batch in group.Members.Select(member => ids[member]).Chunk(100))
            {
                await client.AddMembersAsync(id, batch, token);
                Interlocked.Increment(ref requests);
            }
        });
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"raw: CPU {used.TotalSeconds:0.0} s ({used / watch.Elapsed / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores); allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1024 / 1024} MiB, " +
            $"GC paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.0} s in {GC.CollectionCount(0) - collections} collections");
        return (requests, watch.Elapsed);
    }

    private sealed class Protector(IDataProtector protector) : ISecretProtector
    {
        public string Protect(string plaintext) => protector.Protect(plaintext);

        public string Unprotect(string protectedText) => protector.Unprotect(protectedText);
    }
}
