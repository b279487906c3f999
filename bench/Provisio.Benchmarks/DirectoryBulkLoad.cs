using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Provisio.Directory;
using Provisio.Directory.Generation;
using Provisio.Directory.Import;
using Provisio.Directory.Storage.Postgres;
using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Benchmarks;

/// <summary>
/// Issue 5 §2's goal through the bulk loaders (<see cref="DirectoryLoad"/> measures the store alone): 1,000,000 users
/// into the directory in under 2 minutes, memory flat. For each database (SQLite in a
/// temporary file; PostgreSQL when a connection string is given, in a schema of its own, dropped afterwards) it
/// generates the users with their managers plus groups (<c>directory generate</c>'s path), then imports the same users
/// from a CSV file with a manager column into an empty directory (<c>directory import</c>'s path: two passes, names
/// resolved in bulk), and prints users/s and the peak working set of each.
/// <c>--directory-bulk [users] [--groups N] [--members-per-group N] [--postgres CONNECTION_STRING] [--no-import]</c>.
/// </summary>
public static class DirectoryBulkLoad
{
    private static readonly TimeSpan Goal = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var users = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var groups = (int)Option(args, "--groups", users / 100);
        var members = (int)Option(args, "--members-per-group", 30);
        var postgres = args.SkipWhile(arg => arg != "--postgres").Skip(1).FirstOrDefault();
        var import = !args.Contains("--no-import");
        var options = new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = members, Seed = 7 };
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-bench-").FullName;
        var met = true;
        try
        {
            Console.WriteLine($"Directory load: {users:N0} users, {groups:N0} groups of {members:N0}; {Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}");
            var csv = Path.Combine(folder, "users.csv");
            if (import)
            {
                var written = Stopwatch.StartNew();
                await WriteCsvAsync(options with { Groups = 0 }, csv).ConfigureAwait(false);
                Console.WriteLine($"  (wrote {new FileInfo(csv).Length / 1_048_576.0:N0} MB of CSV in {written.Elapsed.TotalSeconds:N1} s)");
            }

            var databases = new List<(string Name, Func<string, IDirectoryStore> Create)>
            {
                ("sqlite", name => new SqliteDirectoryStore(Path.Combine(folder, $"{name}.db"))),
            };
            if (postgres is not null)
            {
                databases.Add(("postgres", name => new PostgresDirectoryStore(postgres, $"bench_{name}_{Environment.ProcessId}")));
            }

            foreach (var (database, create) in databases)
            {
                met &= await MeasureAsync($"{database} generate", users, create("generated"),
                    store => new DirectoryGenerator(options).WriteAsync(store, null, CancellationToken.None)).ConfigureAwait(false);
                if (import)
                {
                    var phases = new PhaseClock();
                    met &= await MeasureAsync($"{database} import csv", users, create("imported"), async store =>
                        (await new DirectoryImporter(store).ImportAsync(() => File.OpenRead(csv), phases, CancellationToken.None).ConfigureAwait(false)).Counts)
                        .ConfigureAwait(false);
                    Console.WriteLine($"  ({phases})");
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
            if (postgres is not null)
            {
                await DropSchemasAsync(postgres).ConfigureAwait(false);
            }
        }

        Console.WriteLine(met ? "All goals met." : "Some goals missed.");
        return met ? 0 : 1;
    }

    private static async Task<bool> MeasureAsync(string name, long users, IDirectoryStore store,
        Func<IDirectoryStore, Task<Directory.Loading.DirectoryLoadCounts>> load)
    {
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
            GC.Collect();
            using var memory = new PeakWorkingSet();
            var started = Stopwatch.StartNew();
            var counts = await load(store).ConfigureAwait(false);
            var elapsed = started.Elapsed;
            var scaled = TimeSpan.FromSeconds(elapsed.TotalSeconds * 1_000_000 / Math.Max(1, users));
            var met = counts.Succeeded && scaled < Goal;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-20} {elapsed.TotalSeconds,7:N1} s {counts.Users.Created / elapsed.TotalSeconds,9:N0} users/s  peak working set {memory.Bytes / 1_048_576.0,6:N0} MB  " +
                $"managers {counts.Managers.Added:N0}, memberships {counts.Memberships.Added:N0}, failed {counts.Users.Failed + counts.Managers.Failed + counts.Memberships.Failed:N0}  " +
                $"1M in {scaled.TotalSeconds:N0} s: {(met ? "< 2 min met" : "< 2 min MISSED")}"));
            return met;
        }
    }

    /// <summary>The generated users as an import file: Graph's columns, and the manager by userPrincipalName (the manager's row comes earlier).</summary>
    private static async Task WriteCsvAsync(DirectoryGeneratorOptions options, string path)
    {
        string[] columns = ["userPrincipalName", "displayName", "givenName", "surname", "mail", "mailNickname", "department", "jobTitle",
            "employeeId", "city", "country", "usageLocation", "accountEnabled", "businessPhones"];
        var people = new GeneratedPeople(options.Seed, options.Domain);
        var chart = new OrganizationChart(options.Users, GeneratedNames.Departments.Count);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(",", columns) + ",manager").ConfigureAwait(false);
            long user = 0;
            var line = new StringBuilder();
            foreach (var batch in new DirectoryGenerator(options).Batches())
            {
                foreach (var item in batch.Objects)
                {
                    line.Clear();
                    foreach (var column in columns)
                    {
                        var value = item.Properties[column] switch
                        {
                            System.Text.Json.Nodes.JsonArray array => string.Join(";", array.Select(element => element!.GetValue<string>())),
                            { } node => node.ToString(),
                            null => string.Empty,
                        };
                        line.Append(Escape(value)).Append(',');
                    }

                    line.Append(user == 0 ? string.Empty : people.UserPrincipalNameOf(chart.ManagerOf(user)));
                    await writer.WriteLineAsync(line).ConfigureAwait(false);
                    user++;
                }
            }
        }
    }

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static long Option(string[] args, string name, long fallback) =>
        args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault() is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static async Task DropSchemasAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in new[] { "generated", "imported" })
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS bench_{name}_{Environment.ProcessId} CASCADE", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>When each phase of an import ended, from its first progress report.</summary>
    private sealed class PhaseClock : Directory.Loading.IDirectoryLoadReporter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<string, TimeSpan> _last = [];

        public void Progress(Directory.Loading.DirectoryLoadProgress progress) => _last[progress.Phase] = _clock.Elapsed;

        public void Error(Directory.Loading.DirectoryLoadError error) => Console.WriteLine(error);

        public override string ToString() => string.Join(", ", _last.Select(phase => string.Create(CultureInfo.InvariantCulture, $"{phase.Key} done at {phase.Value.TotalSeconds:N1} s")));
    }
}
