using System.Diagnostics;
using System.Text;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// Issue 5 "Bad input": a crash mid-import leaves the directory consistent. A real <c>provisio directory import</c>
/// process is killed (SIGKILL) while it writes; whole batches only are left, and importing again finishes the job.
/// </summary>
public sealed class DirectoryImportCrashTests : IDisposable
{
    private const int Users = 100_000;
    private const int BatchSize = 1_000;
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-import-crash-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "provisio.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_KilledWhileWriting_WholeBatchesOnlyAndASecondRunFinishes()
    {
        var file = await WriteUsersAsync();

        var killedAfter = await ImportUntilKilledAsync(file);
        var left = await CountUsersAsync();
        var again = await CliRun.InProcessAsync("", "directory", "import", file, "--batch-size", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--database", $"sqlite:{DatabasePath}");

        killedAfter.ShouldContain("objects:");
        left.ShouldBeGreaterThan(0);
        left.ShouldBeLessThan(Users, "the process was killed before it finished");
        (left % BatchSize).ShouldBe(0, "a batch is one transaction: none is left half written");
        again.ExitCode.ShouldBe(0, again.Error);
        again.Out.ShouldContain($"users: {Users - left:N0} created, {left:N0} updated, 0 failed");
        (await CountUsersAsync()).ShouldBe(Users);
        await using var store = new SqliteDirectoryStore(DatabasePath);
        var last = await store.FindUserByPrincipalNameAsync($"user{Users - 1}@contoso.com", Cancellation);
        last.ShouldNotBeNull()["department"].ShouldBe("Department 9");
        var manager = await store.GetReferencesAsync(last.Id, DirectoryRelation.Manager, Cancellation).ToListAsync(Cancellation);
        (await store.GetAsync(manager.Single().TargetId, Cancellation))!["userPrincipalName"].ShouldBe($"user{(Users - 2) / 10}@contoso.com");
    }

    /// <summary>Users in org-chart order, each (but the first) managed by one written before it.</summary>
    private async Task<string> WriteUsersAsync()
    {
        var path = Path.Combine(_folder, "users.csv");
        var csv = new StringBuilder("userPrincipalName,displayName,department,manager\n");
        for (var i = 0; i < Users; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"user{i}@contoso.com,Üser {i},Department {i % 10},{(i == 0 ? "" : $"user{(i - 1) / 10}@contoso.com")}\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString(), Cancellation);
        return path;
    }

    /// <summary>Starts the import as its own process and kills it once it reports its first progress; what it printed until then.</summary>
    private async Task<string> ImportUntilKilledAsync(string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "provisio.dll"), "directory", "import", file, "--batch-size", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--database", $"sqlite:{DatabasePath}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.StartsWith("objects:", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, as in a crash
                break;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return seen.ToString();
    }

    private async Task<long> CountUsersAsync()
    {
        await using var store = new SqliteDirectoryStore(DatabasePath);
        return await store.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User }, Cancellation);
    }
}
