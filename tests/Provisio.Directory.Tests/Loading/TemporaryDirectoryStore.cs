using Provisio.Directory.Storage.Sqlite;

namespace Provisio.Directory.Tests.Loading;

/// <summary>A real SQLite directory in a temporary folder, deleted afterwards.</summary>
internal sealed class TemporaryDirectoryStore : IAsyncDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-load-").FullName;

    private TemporaryDirectoryStore() => Store = new SqliteDirectoryStore(Path.Combine(_folder, "directory.db"));

    public SqliteDirectoryStore Store { get; }

    public string Folder => _folder;

    public static async Task<TemporaryDirectoryStore> CreateAsync()
    {
        var temporary = new TemporaryDirectoryStore();
        await temporary.Store.InitializeAsync(TestContext.Current.CancellationToken);
        return temporary;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
