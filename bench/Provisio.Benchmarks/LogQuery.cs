using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Postgres;

namespace Provisio.Benchmarks;

/// <summary>
/// Issue 8 §1's goal for <c>GET /auditLogs/provisioning</c>: under 100 ms per page at 10,000,000 provisioning logs on
/// PostgreSQL. Fills the logs table of a fresh schema (the store's own migrations) by binary COPY, indexes dropped
/// during the load and rebuilt after it, with realistic rows: many jobs, a cycle every 40 minutes for 30 days, mostly
/// successes with some skips and failures, several thousand identities. Then times, through the store
/// (<see cref="ISynchronizationStore.QueryLogsAsync"/>, what the endpoint calls), the first page and the 100th keyset
/// page of 50 for each query shape, and <c>$count</c>, printing p50 and p95 per shape.
/// <c>--log-query [rows] --postgres CONNECTION_STRING [--keep] [--reuse SCHEMA]</c>.
/// </summary>
public static class LogQuery
{
    private const int Jobs = 50;
    private const int Identities = 6000;
    private const int PageSize = 50;
    private const int DeepPage = 100;
    private const int Repeats = 21;
    private static readonly TimeSpan Goal = TimeSpan.FromMilliseconds(100);
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CycleInterval = TimeSpan.FromMinutes(40);

    private static readonly string[] Surnames =
    [
        "Souza", "Li", "Angstrom", "Garcia", "Nguyen", "Smith", "Kowalski", "Okafor", "Haddad", "Tanaka", "Müller", "Rossi", "Dubois",
        "Ivanova", "Cohen", "Patel", "Kim", "Silva", "Jansen", "O'Neil",
    ];

    private static readonly string[] GivenNames =
    [
        "Ana", "Bo", "Chen", "Dee", "Eve", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kai", "Lena", "Mo", "Nina", "Omar", "Pia", "Quinn",
        "Rui", "Sara", "Tom", "Uma", "Vik", "Wen", "Xia", "Yara", "Zoë",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rows = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
        var connectionString = args.SkipWhile(arg => arg != "--postgres").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("--log-query needs --postgres CONNECTION_STRING (a server to fill; BENCHMARKS.md shows how to start a throwaway one).");
        var reuse = args.SkipWhile(arg => arg != "--reuse").Skip(1).FirstOrDefault();
        var schema = reuse ?? $"bench_logs_{Environment.ProcessId}";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresSynchronizationStore(dataSource, schema);
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Console.WriteLine($"Provisioning-log queries: {rows:N0} rows, {Jobs} jobs, {Identities:N0} identities; {Environment.ProcessorCount} cores");
            if (reuse is null)
            {
                await LoadAsync(dataSource, schema, rows).ConfigureAwait(false);
            }

            var met = await MeasureAsync(store, rows).ConfigureAwait(false);
            Console.WriteLine(met ? "goal (< 100 ms per page at p95) met" : "goal (< 100 ms per page at p95) NOT met");
            return met ? 0 : 1;
        }
        finally
        {
            if (!args.Contains("--keep") && reuse is null)
            {
                await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            else
            {
                Console.WriteLine($"kept schema {schema} (--reuse {schema})");
            }
        }
    }

    private static async Task LoadAsync(NpgsqlDataSource dataSource, string schema, long rows)
    {
        var table = $"\"{schema}\".sync_logs";
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);

        // The migrations' indexes, dropped for the load and built again after it (as a restore does).
        var indexes = new List<string>();
        await using (var read = new NpgsqlCommand($"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '{schema}' AND tablename = 'sync_logs' AND indexname NOT LIKE '%pkey';", connection))
        await using (var reader = await read.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                indexes.Add(reader.GetString(1));
                Console.WriteLine($"  index: {reader.GetString(1)}");
            }
        }

        await using (var drop = new NpgsqlCommand(
            $"ALTER TABLE {table} DROP CONSTRAINT sync_logs_pkey; {string.Concat(indexes.Select(index => $"DROP INDEX \"{schema}\".{index.Split(' ')[2]};"))}", connection))
        {
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        await using (var import = await connection.BeginBinaryImportAsync(
            $"COPY {table} (id, job_id, service_principal_id, cycle_id, change_id, activity_date_time, action, status, source_id, source_display_name, target_id, target_display_name, error_code, record) FROM STDIN (FORMAT BINARY)")
            .ConfigureAwait(false))
        {
            var random = new Random(8);
            var servicePrincipals = Enumerable.Range(0, Jobs).Select(_ => Guid.NewGuid()).ToArray();
            var jobIds = Enumerable.Range(0, Jobs).Select(job => $"scim.{servicePrincipals[job]:N}").ToArray();
            var perJob = rows / Jobs;
            var cyclesPerJob = (long)(TimeSpan.FromDays(30) / CycleInterval);
            var perCycle = Math.Max(1, perJob / cyclesPerJob);
            long written = 0;
            for (long cycle = 0; written < rows; cycle++)
            {
                for (var job = 0; job < Jobs && written < rows; job++)
                {
                    var cycleId = Guid.NewGuid().ToString();
                    var began = Start + CycleInterval * cycle + TimeSpan.FromSeconds(job * 7);
                    for (long change = 0; change < perCycle && written < rows; change++)
                    {
                        var entry = Entry(random, servicePrincipals[job], jobIds[job], cycleId, began.AddMilliseconds(change * 120 + random.Next(100)));
                        await import.StartRowAsync().ConfigureAwait(false);
                        await import.WriteAsync(entry.Id, NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.JobId, NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(servicePrincipals[job].ToString("D"), NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.CycleId, NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.ChangeId, NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.ActivityDateTime.UtcTicks, NpgsqlDbType.Bigint).ConfigureAwait(false);
                        await import.WriteAsync(Name(entry.ProvisioningAction), NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(Name(entry.ProvisioningStatusInfo.Status), NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.SourceIdentity.Id, NpgsqlDbType.Text).ConfigureAwait(false);
                        await import.WriteAsync(entry.SourceIdentity.DisplayName, NpgsqlDbType.Text).ConfigureAwait(false);
                        await WriteNullableAsync(import, entry.TargetIdentity.Id).ConfigureAwait(false);
                        await import.WriteAsync(entry.TargetIdentity.DisplayName, NpgsqlDbType.Text).ConfigureAwait(false);
                        await WriteNullableAsync(import, entry.ProvisioningStatusInfo.ErrorInformation?.ErrorCode).ConfigureAwait(false);
                        await import.WriteAsync(SynchronizationJson.Serialize(entry), NpgsqlDbType.Json).ConfigureAwait(false);
                        if (++written % 1_000_000 == 0)
                        {
                            Console.WriteLine($"  {written:N0} rows in {clock.Elapsed.TotalSeconds:N0} s");
                        }
                    }
                }
            }

            await import.CompleteAsync().ConfigureAwait(false);
        }

        Console.WriteLine($"  copied {rows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s ({rows / clock.Elapsed.TotalSeconds:N0} rows/s)");
        clock.Restart();
        foreach (var sql in (string[])[$"ALTER TABLE {table} ADD PRIMARY KEY (id);", .. indexes.Select(index => index + ";"), $"VACUUM (ANALYZE) {table};"])
        {
            var step = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            Console.WriteLine($"  {step.Elapsed.TotalSeconds,6:N1} s  {sql}");
        }

        await using var size = new NpgsqlCommand($"SELECT pg_size_pretty(pg_table_size('{table}')), pg_size_pretty(pg_indexes_size('{table}'));", connection);
        await using var sizes = await size.ExecuteReaderAsync().ConfigureAwait(false);
        await sizes.ReadAsync().ConfigureAwait(false);
        Console.WriteLine($"  indexed and analyzed in {clock.Elapsed.TotalSeconds:N1} s; table {sizes.GetString(0)}, indexes {sizes.GetString(1)}");
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value) =>
        value is null ? import.WriteNullAsync() : import.WriteAsync(value, NpgsqlDbType.Text);

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => SynchronizationJson.Serialize(value).Trim('"');

    private static string IdentityName(int identity) => $"{Surnames[identity % Surnames.Length]}, {GivenNames[identity / Surnames.Length % GivenNames.Length]} {identity}";

    private static string IdentityId(int identity) => new Guid(identity, 0x4e2f, 0x4a1b, [0x9c, 0x8d, 0x7e, 0x6f, 0x5a, 0x4b, 0x3c, 0x2d]).ToString("D");

    /// <summary>A provisioning log as the engine writes one: 95 % successes, 3 % skips, 2 % failures.</summary>
    private static ProvisioningObjectSummary Entry(Random random, Guid servicePrincipal, string jobId, string cycleId, DateTimeOffset time)
    {
        var identity = random.Next(Identities);
        var roll = random.Next(100);
        var status = roll < 95 ? ProvisioningResult.Success : roll < 98 ? ProvisioningResult.Skipped : ProvisioningResult.Failure;
        var action = random.Next(10) switch { 0 => ProvisioningAction.Create, 1 => ProvisioningAction.Disable, < 9 => ProvisioningAction.Update, _ => ProvisioningAction.Other };
        var name = IdentityName(identity);
        var upn = $"user{identity}@contoso.com";
        return new ProvisioningObjectSummary
        {
            Id = Guid.CreateVersion7(time).ToString(),
            ActivityDateTime = time,
            ChangeId = Guid.NewGuid().ToString(),
            CycleId = cycleId,
            JobId = jobId,
            DurationInMilliseconds = random.Next(20, 900),
            ProvisioningAction = action,
            ProvisioningStatusInfo = status == ProvisioningResult.Failure
                ? new ProvisioningStatusInfo
                {
                    Status = status,
                    ErrorInformation = new ProvisioningErrorInfo
                    {
                        ErrorCode = random.Next(2) == 0 ? "EntryConflict" : "SchemaAttributeNotFound",
                        ErrorCategory = ProvisioningErrorCategory.NonServiceFailure,
                        Reason = "Contoso SCIM returned an error response with the HTTP status code 409.",
                    },
                }
                : new ProvisioningStatusInfo { Status = status },
            ProvisioningSteps =
            [
                new ProvisioningStep { Name = "EntryImport", ProvisioningStepType = ProvisioningStepType.Import, Status = ProvisioningResult.Success, Description = $"Retrieved {upn} from Microsoft Entra ID" },
                new ProvisioningStep { Name = "EntrySynchronization", ProvisioningStepType = ProvisioningStepType.Matching, Status = ProvisioningResult.Success, Description = $"User '{upn}' was found in Contoso SCIM" },
                new ProvisioningStep { Name = "EntryExportUpdate", ProvisioningStepType = ProvisioningStepType.Export, Status = status, Description = $"User '{upn}' was updated in Contoso SCIM" },
            ],
            ModifiedProperties = [new ModifiedProperty("displayName", null, name), new ModifiedProperty("active", "True", "True")],
            ServicePrincipal = new ProvisioningServicePrincipal(servicePrincipal.ToString(), "Contoso SCIM"),
            SourceIdentity = new ProvisionedIdentity { Id = IdentityId(identity), DisplayName = name, IdentityType = "User" },
            TargetIdentity = new ProvisionedIdentity { Id = $"t-{identity:D6}", DisplayName = upn, IdentityType = "urn:ietf:params:scim:schemas:core:2.0:User" },
        };
    }

    private static async Task<bool> MeasureAsync(ISynchronizationStore store, long rows)
    {
        // Values the shapes ask for, taken from the data: the newest entry's job, cycle and identity.
        var newest = (await store.QueryLogsAsync(new ProvisioningLogQuery { Top = 1 }, CancellationToken.None).ConfigureAwait(false)).Entries[0];
        var middle = Start + TimeSpan.FromDays(15);
        var shapes = new (string Name, ProvisioningLogQuery Query)[]
        {
            ("all logs", new()),
            ("jobId eq", new() { JobId = newest.JobId }),
            ("status eq 'failure'", new() { Status = ProvisioningResult.Failure }),
            ("jobId eq and status eq 'failure'", new() { JobId = newest.JobId, Status = ProvisioningResult.Failure }),
            ("sourceIdentity/id eq", new() { IdentityId = newest.SourceIdentity.Id }),
            ("cycleId eq", new() { CycleId = newest.CycleId }),
            ("activityDateTime ge and lt (1 day)", new() { From = middle, To = middle.AddDays(1) }),
            ("startswith(sourceIdentity/displayName, 'Souza, Ana')", new()
            {
                Condition = new ProvisioningLogComparison(ProvisioningLogProperty.IdentityDisplayName, ProvisioningLogOperator.StartsWith, "Souza, Ana"),
            }),
            ("jobId eq and startswith(displayName)", new()
            {
                JobId = newest.JobId,
                Condition = new ProvisioningLogComparison(ProvisioningLogProperty.IdentityDisplayName, ProvisioningLogOperator.StartsWith, "Souza, Ana"),
            }),
            ("jobId eq, activityDateTime asc", new() { JobId = newest.JobId, Ascending = true }),
            ("(status eq 'failure' or status eq 'skipped') and jobId eq", new()
            {
                JobId = newest.JobId,
                Condition = new ProvisioningLogAny(
                [
                    new ProvisioningLogComparison(ProvisioningLogProperty.Status, ProvisioningLogOperator.Equal, ProvisioningResult.Failure),
                    new ProvisioningLogComparison(ProvisioningLogProperty.Status, ProvisioningLogOperator.Equal, ProvisioningResult.Skipped),
                ]),
            }),
        };

        Console.WriteLine();
        Console.WriteLine($"| query shape ({rows:N0} rows, pages of {PageSize}) | matches | first page p50 | p95 | page {DeepPage} p50 | p95 | goal |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        var met = true;
        foreach (var (name, query) in shapes)
        {
            var count = await store.CountLogsAsync(query, CancellationToken.None).ConfigureAwait(false);
            var first = await TimeAsync(() => store.QueryLogsAsync(query with { Top = PageSize }, CancellationToken.None)).ConfigureAwait(false);

            // The cursor of page 99, walked to by keyset, then page 100 timed.
            ProvisioningLogCursor? cursor = null;
            var reached = true;
            for (var page = 1; page < DeepPage; page++)
            {
                var read = await store.QueryLogsAsync(query with { Top = PageSize, After = cursor }, CancellationToken.None).ConfigureAwait(false);
                if (read.Next is null)
                {
                    reached = false;
                    break;
                }

                cursor = read.Next;
            }

            (TimeSpan P50, TimeSpan P95)? deep = reached ? await TimeAsync(() => store.QueryLogsAsync(query with { Top = PageSize, After = cursor }, CancellationToken.None)).ConfigureAwait(false) : null;
            var ok = first.P95 < Goal && (deep is null || deep.Value.P95 < Goal);
            met &= ok;
            Console.WriteLine($"| {name} | {count:N0} | {Ms(first.P50)} | {Ms(first.P95)} | {(deep is { } d ? Ms(d.P50) : "(fewer pages)")} | {(deep is { } e ? Ms(e.P95) : "")} | {(ok ? "met" : "**not met**")} |");
        }

        var counted = await TimeAsync(() => store.CountLogsAsync(new ProvisioningLogQuery { JobId = newest.JobId }, CancellationToken.None)).ConfigureAwait(false);
        var countedAll = await TimeAsync(() => store.CountLogsAsync(new ProvisioningLogQuery { Status = ProvisioningResult.Failure }, CancellationToken.None)).ConfigureAwait(false);
        Console.WriteLine($"| $count, jobId eq | | {Ms(counted.P50)} | {Ms(counted.P95)} | | | {(counted.P95 < Goal ? "met" : "**not met**")} |");
        Console.WriteLine($"| $count, status eq 'failure' | | {Ms(countedAll.P50)} | {Ms(countedAll.P95)} | | | {(countedAll.P95 < Goal ? "met" : "**not met**")} |");
        return met && counted.P95 < Goal;
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:N1} ms";

    /// <summary>The first run warms the caches and is not counted; p50 and p95 of the rest.</summary>
    private static async Task<(TimeSpan P50, TimeSpan P95)> TimeAsync<T>(Func<Task<T>> run)
    {
        await run().ConfigureAwait(false);
        var times = new List<TimeSpan>();
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            await run().ConfigureAwait(false);
            times.Add(clock.Elapsed);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }
}
