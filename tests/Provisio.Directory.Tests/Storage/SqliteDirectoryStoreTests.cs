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

    [Fact]
    public async Task Initialize_DatabaseOfSchemaVersion1_MigratesAndOrdersByDisplayNameFromTheNewColumn()
    {
        var path = Path.Combine(_folder, "v1.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(Cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                INSERT INTO schema_version (version) VALUES (1);
                CREATE TABLE feed (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
                INSERT INTO feed (id, last) VALUES (1, 3);
                CREATE TABLE objects (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, principal_name TEXT NULL COLLATE NOCASE, properties TEXT NOT NULL,
                    created TEXT NOT NULL, deleted TEXT NULL, purged INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL);
                CREATE TABLE refs (source TEXT NOT NULL, relation INTEGER NOT NULL, target TEXT NOT NULL, role TEXT NOT NULL DEFAULT '', PRIMARY KEY (source, relation, target, role));
                INSERT INTO objects VALUES ('00000000-0000-0000-0000-000000000001', 0, 'z@contoso.com', '{"userPrincipalName":"z@contoso.com","displayName":"Zoë"}', '2026-01-01T00:00:00+00:00', NULL, 0, 1);
                INSERT INTO objects VALUES ('00000000-0000-0000-0000-000000000002', 0, 'a@contoso.com', '{"userPrincipalName":"a@contoso.com","displayName":"ÅSA"}', '2026-01-01T00:00:00+00:00', NULL, 0, 2);
                INSERT INTO objects VALUES ('00000000-0000-0000-0000-000000000003', 0, 'b@contoso.com', '{"userPrincipalName":"b@contoso.com","displayName":"bo"}', '2026-01-01T00:00:00+00:00', NULL, 0, 3);
                """;
            await command.ExecuteNonQueryAsync(Cancellation);
        }

        await using var store = new SqliteDirectoryStore(path);
        await store.InitializeAsync(Cancellation);
        var page = await store.QueryAsync(new Query.DirectoryQuery { Kind = Model.DirectoryObjectKind.User, OrderBy = "displayName" }, Cancellation);
        var created = await store.CreateAsync(Model.DirectoryObjectKind.User, User("c@contoso.com", "Carl"), Cancellation);
        var after = await store.QueryAsync(new Query.DirectoryQuery { Kind = Model.DirectoryObjectKind.User, OrderBy = "displayName" }, Cancellation);

        page.Items.Select(item => item["displayName"]).ShouldBe(["bo", "Zoë", "ÅSA"]); // code point order of the folded names: b < z < å
        created.Value!.Sequence.ShouldBe(4);
        after.Items.Select(item => item["displayName"]).ShouldBe(["bo", "Carl", "Zoë", "ÅSA"]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Query_ByKindInIdOrder_ReadsTheKindIdIndexWithoutSortingEveryObject()
    {
        // Schema 4: a cycle's scan pages through one kind by id; without statistics SQLite otherwise took the displayName
        // index and sorted every object of the kind for each page (seconds per page at a million users).
        var path = Path.Combine(_folder, "plan.db");
        await using var store = new SqliteDirectoryStore(path);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM objects WHERE kind = 0 AND purged = 0 AND deleted IS NULL AND id > 'a' ORDER BY id LIMIT 501;";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.ShouldContain(step => step.Contains("objects_kind_id", StringComparison.Ordinal));
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
