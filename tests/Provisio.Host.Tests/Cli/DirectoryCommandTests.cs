using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio directory generate</c> and <c>directory import</c> in process, on a real SQLite file.</summary>
public sealed class DirectoryCommandTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-directory-cli-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Database => $"sqlite:{Path.Combine(_folder, "provisio.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private async Task<long> CountAsync(DirectoryObjectKind kind)
    {
        await using var store = new SqliteDirectoryStore(Path.Combine(_folder, "provisio.db"));
        return await store.CountAsync(new DirectoryQuery { Kind = kind }, Cancellation);
    }

    private async Task<string> FileAsync(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, content, Cancellation);
        return path;
    }

    [Fact]
    public async Task Generate_SmallDirectory_Exit0WithTheCountsOnStdout()
    {
        var outcome = await CliRun.InProcessAsync("", "directory", "generate", "--users", "300", "--groups", "6", "--members-per-group", "5", "--seed", "7", "--database", Database);

        outcome.ExitCode.ShouldBe(0, outcome.Error);
        var summary = outcome.Out.TrimEnd().Split('\n').Last();
        summary.ShouldStartWith("users: 300 created, 0 updated, 0 failed; groups: 6 created, 0 updated, 0 failed; managers: 299 set, 0 unchanged, 0 failed; memberships: 30 added, 0 unchanged, 0 failed; 0 bad rows; ");
        summary.ShouldEndWith(" users/s");
        outcome.Error.ShouldContain("users: 100%");
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(300);
        (await CountAsync(DirectoryObjectKind.Group)).ShouldBe(6);
    }

    [Fact]
    public async Task Generate_SameSeedTwice_UpdatesTheSameObjects()
    {
        string[] args = ["directory", "generate", "--users", "120", "--groups", "2", "--members-per-group", "3", "--seed", "11", "--database", Database];
        await CliRun.InProcessAsync("", args);

        var again = await CliRun.InProcessAsync("", args);

        again.ExitCode.ShouldBe(0, again.Error);
        again.Out.ShouldContain("users: 0 created, 120 updated, 0 failed; groups: 0 created, 2 updated");
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(120);
    }

    [Theory]
    [InlineData("--users", "-1", "--users must be 0 or more.")]
    [InlineData("--batch-size", "0", "--batch-size must be between 1 and 25000.")]
    public async Task Generate_BadOption_Exit2NamingIt(string option, string value, string message)
    {
        var outcome = await CliRun.InProcessAsync("", "directory", "generate", option, value, "--database", Database);

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData("generate", "--users", "abc")]
    [InlineData("generate", "--colour", "red")]
    [InlineData("import", "--kind", "printers")]
    public async Task Directory_WordsThatDoNotParse_Exit2NamingThem(string verb, string option, string value)
    {
        var outcome = await CliRun.InProcessAsync("", "directory", verb, option, value, "--database", Database);

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(value);
    }

    [Fact]
    public async Task Import_GoodFile_Exit0AndTheCounts()
    {
        var path = await FileAsync("userPrincipalName,displayName,manager\nana@contoso.com,Ana Souza,bo@contoso.com\nbo@contoso.com,Bo Ek,\n");

        var outcome = await CliRun.InProcessAsync("", "directory", "import", path, "--database", Database);

        outcome.ExitCode.ShouldBe(0, outcome.Error);
        outcome.Out.ShouldContain("users: 2 created, 0 updated, 0 failed; groups: 0 created, 0 updated, 0 failed; managers: 1 set, 0 unchanged, 0 failed;");
        outcome.Out.TrimEnd().ShouldEndWith(" rows/s");
    }

    [Fact]
    public async Task Import_BadRow_Exit1WithTheLineOnStderr()
    {
        var path = await FileAsync("userPrincipalName,displayName,accountEnabled\nana@contoso.com,Ana,true\nbo@contoso.com,Bo,yes\n");

        var outcome = await CliRun.InProcessAsync("", "directory", "import", path, "--database", Database, "--batch-size", "1");

        outcome.ExitCode.ShouldBe(1);
        outcome.Error.ShouldContain("line 3: column 'accountEnabled': 'yes' is not a boolean (true or false)\n");
        outcome.Out.ShouldContain("users: 1 created, 0 updated, 1 failed;");
        outcome.Out.ShouldContain("; 1 bad row; ");
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(1);
    }

    [Fact]
    public async Task Import_UnknownColumn_Exit2AndNothingImported()
    {
        var path = await FileAsync("userPrincipalName,shoeSize\nana@contoso.com,38\n");

        var outcome = await CliRun.InProcessAsync("", "directory", "import", path, "--database", Database);

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain($"{path}: line 1: column 'shoeSize' is not a user property");
        outcome.Error.ShouldContain("nothing was imported");
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_MissingFile_Exit2()
    {
        var missing = Path.Combine(_folder, "missing.csv");

        var outcome = await CliRun.InProcessAsync("", "directory", "import", missing, "--database", Database);

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldStartWith($"cannot read {missing}: ");
    }

    [Fact]
    public async Task Import_BadDatabase_Exit2SayingWhatItMustBe()
    {
        var path = await FileAsync("userPrincipalName\nana@contoso.com\n");

        var outcome = await CliRun.InProcessAsync("", "directory", "import", path, "--database", "mysql:somewhere");

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("Provisio:Database must be sqlite:PATH or postgres:CONNECTION_STRING, not 'mysql:somewhere'.");
    }

    [Fact]
    public async Task Import_GroupsThenMemberships_ByKindOverride()
    {
        await CliRun.InProcessAsync("", "directory", "import", await FileAsync("userPrincipalName\nana@contoso.com\n"), "--database", Database);
        await CliRun.InProcessAsync("", "directory", "import", await FileAsync("displayName\nReaders\n"), "--database", Database);

        var outcome = await CliRun.InProcessAsync("", "directory", "import", await FileAsync("Group,Member\nReaders,ana@contoso.com\n"), "--database", Database, "--kind", "members");

        outcome.ExitCode.ShouldBe(0, outcome.Error);
        outcome.Out.ShouldContain("memberships: 1 added, 0 unchanged, 0 failed;");
    }
}
