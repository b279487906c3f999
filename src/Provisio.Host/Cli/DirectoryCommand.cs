using System.CommandLine;
using System.Data.Common;
using Provisio.Directory.Generation;
using Provisio.Directory.Import;
using Provisio.Directory.Loading;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio directory generate --users N --groups N --members-per-group N --seed N [--database ...]</c> and
/// <c>provisio directory import FILE [--database ...]</c> (../shared/INTERFACES.md, issue 5 §3 "Bulk loading"): a progress
/// bar and errors on stderr, the counts on stdout; exit 0 when everything was written, 1 when rows failed, 2 for an
/// unusable option, file or database.
/// </summary>
internal static class DirectoryCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var directory = new Command("directory", "Bulk-load the directory: generate a synthetic one, or import a CSV or JSON file.")
        {
            BuildGenerate(console),
            BuildImport(console),
        };
        return directory;
    }

    private static Option<string?> DatabaseOption() =>
        new("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio.db)." };

    private static Command BuildGenerate(CommandLineConsole console)
    {
        var users = new Option<long>("--users") { Description = "How many users.", DefaultValueFactory = _ => 1_000 };
        var groups = new Option<int>("--groups") { Description = "How many groups.", DefaultValueFactory = _ => 20 };
        var members = new Option<int>("--members-per-group") { Description = "Members of each group (drawn from the users).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Chooses the directory: the same seed makes the same one (ids included), so running again updates it.", DefaultValueFactory = _ => 1 };
        var domain = new Option<string>("--domain") { Description = "Domain of userPrincipalNames and mail.", DefaultValueFactory = _ => "contoso.com" };
        var batchSize = new Option<int>("--batch-size") { Description = "Objects per transaction.", DefaultValueFactory = _ => DirectoryGeneratorOptions.DefaultBatchSize };
        var database = DatabaseOption();
        var generate = new Command("generate", "Write a synthetic directory: users with realistic names in a manager hierarchy, and groups with members.")
        {
            users, groups, members, seed, domain, batchSize, database,
        };
        generate.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new DirectoryGeneratorOptions
            {
                Users = parseResult.GetValue(users),
                Groups = parseResult.GetValue(groups),
                MembersPerGroup = parseResult.GetValue(members),
                Seed = parseResult.GetValue(seed),
                Domain = parseResult.GetValue(domain)!,
                BatchSize = parseResult.GetValue(batchSize),
            };
            if (options.Validate() is { Count: > 0 } problems)
            {
                await WriteAllAsync(console.Error, problems, cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var generator = new DirectoryGenerator(options);
            return await LoadAsync(console, parseResult.GetValue(database), "generate", options.Users, "users",
                (store, reporter) => generator.WriteAsync(store, reporter, cancellationToken), cancellationToken).ConfigureAwait(false);
        });
        return generate;
    }

    private static Command BuildImport(CommandLineConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file (header of Graph property names) or a JSON file (an array of users, or {\"users\":[...],\"groups\":[...]})." };
        var kind = new Option<string?>("--kind") { Description = "What the file holds, when its header does not say: users, groups or members." };
        kind.AcceptOnlyFromAmong("users", "groups", "members");
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per transaction (a batch with a bad row is not written).", DefaultValueFactory = _ => DirectoryImportOptions.DefaultBatchSize };
        var database = DatabaseOption();
        var import = new Command("import", "Import users, groups or memberships from a CSV or JSON file; importing again updates.") { file, kind, batchSize, database };
        import.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            var options = new DirectoryImportOptions
            {
                BatchSize = parseResult.GetValue(batchSize),
                Kind = parseResult.GetValue(kind) is { } given ? Enum.Parse<DirectoryImportKind>(given, ignoreCase: true) : null,
            };
            if (options.Validate() is { Count: > 0 } problems)
            {
                await WriteAllAsync(console.Error, problems, cancellationToken).ConfigureAwait(false);
                return 2;
            }

            if (Unreadable(path) is { } unreadable)
            {
                await console.Error.WriteLineAsync(unreadable.AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            DirectoryImportResult? imported = null;
            var code = await LoadAsync(console, parseResult.GetValue(database), "import", 0, "rows", async (store, reporter) =>
            {
                imported = await new DirectoryImporter(store, options).ImportAsync(() => Open(path), reporter, cancellationToken).ConfigureAwait(false);
                return imported.Counts;
            }, cancellationToken).ConfigureAwait(false);
            if (imported?.FileError is { } fileError)
            {
                await console.Error.WriteLineAsync($"{path}: {fileError}; nothing was imported".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            return code;
        });
        return import;
    }

    /// <summary>Opens the database, runs the load with the progress display, prints the counts; the exit code.</summary>
    private static async Task<int> LoadAsync(CommandLineConsole console, string? databaseOption, string verb, long rated, string unit,
        Func<Directory.IDirectoryStore, IDirectoryLoadReporter, Task<DirectoryLoadCounts>> load, CancellationToken cancellationToken)
    {
        var database = await ProvisioDatabase.OpenAsync(ProvisioDatabase.Choose(databaseOption, ProvisioDatabase.Configuration()), console.Error, cancellationToken)
            .ConfigureAwait(false);
        if (database is null)
        {
            return 2;
        }

        await using (database.ConfigureAwait(false))
        {
            var started = TimeProvider.System.GetTimestamp();
            DirectoryLoadCounts counts;
            try
            {
                counts = await new DirectoryLoadDisplay(console).RunAsync(reporter => load(database.Directory, reporter)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync(
                    $"directory {verb} stopped: {exception.Message}. The batches written before stay; running it again finishes the job.".AsMemory(),
                    cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var count = rated > 0 ? counts.Users.Created + counts.Users.Updated
                : counts.Users.Total + counts.Groups.Total is var objects and > 0 ? objects
                : counts.Memberships.Added + counts.Memberships.Unchanged + counts.Memberships.Failed;
            await console.Out.WriteLineAsync(DirectoryLoadSummary.Describe(counts, elapsed, count, unit).AsMemory(), cancellationToken).ConfigureAwait(false);
            return counts.Succeeded ? 0 : 1;
        }
    }

    private static string? Unreadable(string path)
    {
        try
        {
            using var stream = Open(path);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot read {path}: {exception.Message}";
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static async Task WriteAllAsync(TextWriter writer, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
