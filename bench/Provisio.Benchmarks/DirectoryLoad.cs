using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Provisio.Directory;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;
using Provisio.Directory.Storage.Postgres;
using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Benchmarks;

/// <summary>
/// <c>--directory-load [users] [sqlite:PATH|postgres:CONNECTION_STRING] [batch]</c>: bulk-writes users (each with a manager
/// written before it) through <see cref="IDirectoryStore.WriteBatchAsync"/>, then reads the whole change feed, reporting
/// rates and the largest managed heap seen (flat memory: it must not grow with the number of users).
/// </summary>
public static class DirectoryLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var users = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var database = args.Length > 2 ? args[2] : $"sqlite:{Path.Combine(Path.GetTempPath(), $"provisio-load-{Guid.NewGuid():N}.db")}";
        var batchSize = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5_000;
        await using var store = Open(database);
        await store.InitializeAsync(CancellationToken.None);

        var heap = 0L;
        var ids = new Guid[Math.Min(users, 1_000)];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < users; start += batchSize)
        {
            var objects = new List<DirectoryBatchObject>(batchSize);
            var references = new List<DirectoryReference>(batchSize);
            for (var i = start; i < Math.Min(users, start + batchSize); i++)
            {
                var id = Guid.NewGuid();
                if (i < ids.Length)
                {
                    ids[i] = id;
                }

                objects.Add(new(DirectoryObjectKind.User, new JsonObject
                {
                    ["userPrincipalName"] = $"user{i}@load.example",
                    ["displayName"] = $"Łoad Üser {i}",
                    ["givenName"] = "Łoad",
                    ["surname"] = $"Üser {i}",
                    ["mail"] = $"user{i}@load.example",
                    ["mailNickname"] = $"user{i}",
                    ["department"] = $"Department {i % 40}",
                    ["jobTitle"] = "Engineer",
                    ["employeeId"] = i.ToString(CultureInfo.InvariantCulture),
                    ["accountEnabled"] = true,
                }, id));
                if (i > 0)
                {
                    references.Add(new(id, DirectoryRelation.Manager, ids[(i - 1) / 10 % ids.Length]));
                }
            }

            var result = await store.WriteBatchAsync(new DirectoryBatch(objects, references), CancellationToken.None);
            if (!result.Written)
            {
                Console.Error.WriteLine($"batch at {start} refused: {result.ObjectErrors.Concat(result.ReferenceErrors).First().Error.Message}");
                return 1;
            }

            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
        }

        var writeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        long changes = 0, watermark = 0;
        while (true)
        {
            var read = 0;
            await foreach (var change in store.ReadChangesAsync(watermark, 10_000, CancellationToken.None))
            {
                watermark = change.Sequence;
                read++;
            }

            changes += read;
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            if (read < 10_000)
            {
                break;
            }
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"directory-load: {database.Split(':')[0]}, {users:N0} users with managers in batches of {batchSize:N0}: {writeSeconds:0.0} s ({users / writeSeconds:N0} users/s); " +
            $"feed: {changes:N0} changes in {readSeconds:0.0} s ({changes / readSeconds:N0}/s); largest managed heap {heap / 1048576.0:0} MiB, peak working set {Environment.WorkingSet / 1048576.0:0} MiB"));
        return 0;
    }

    private static IDirectoryStore Open(string database) => database.StartsWith("postgres:", StringComparison.Ordinal)
        ? new PostgresDirectoryStore(database["postgres:".Length..], $"load_{Guid.NewGuid():N}"[..20])
        : new SqliteDirectoryStore(database["sqlite:".Length..]);
}
