using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Directory.Tests.Storage;

/// <summary>The contract on a SQLite file, a fresh file per test.</summary>
public sealed class SqliteDirectoryStoreTests : DirectoryStoreContract, IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-directory-").FullName;

    protected override async Task<IDirectoryStore> CreateStoreAsync()
    {
        var store = new SqliteDirectoryStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        await store.InitializeAsync(Cancellation);
        return store;
    }

    [Fact]
    public async Task Initialize_Twice_KeepsData()
    {
        var path = Path.Combine(_folder, "twice.db");
        await using (var first = new SqliteDirectoryStore(path))
        {
            await first.InitializeAsync(Cancellation);
            await first.CreateAsync(Model.DirectoryObjectKind.User, User("keep@contoso.com", "Keep"), Cancellation);
        }

        await using var second = new SqliteDirectoryStore(path);
        await second.InitializeAsync(Cancellation);

        (await second.FindUserByPrincipalNameAsync("keep@contoso.com", Cancellation)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Create_TextBeyondAscii_StoredAsItIsNotEscaped()
    {
        var path = Path.Combine(_folder, "text.db");
        await using var store = new SqliteDirectoryStore(path);
        await store.InitializeAsync(Cancellation);

        await store.CreateAsync(Model.DirectoryObjectKind.User, User("zoe@contoso.com", "Zoë Ångström"), Cancellation);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT properties FROM objects;";
        var stored = (string)(await command.ExecuteScalarAsync(Cancellation))!;
        stored.ShouldContain("\"displayName\":\"Zoë Ångström\"");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
