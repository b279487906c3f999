using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Provisio.Directory.Model;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>The contract on a SQLite file, a fresh file per test, in a folder of this class.</summary>
public sealed class SqliteSynchronizationStoreTests : SynchronizationStoreContract, IDisposable
{
    private const string DirectoryTables =
        "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name NOT LIKE 'sync\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_autoindex\\_sync\\_%' ESCAPE '\\' ORDER BY name);";

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-synchronization-").FullName;

    protected override async Task<ISynchronizationStore> CreateStoreAsync()
    {
        var store = new SqliteSynchronizationStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        await store.InitializeAsync(Cancellation);
        return store;
    }

    [Fact]
    public async Task Initialize_FileOfTheDirectoryStore_BothWorkAndEachKeepsItsOwnSchemaVersion()
    {
        var path = Path.Combine(_folder, "shared.db");
        await using var directory = new SqliteDirectoryStore(path);
        await using var synchronization = new SqliteSynchronizationStore(path);

        await directory.InitializeAsync(Cancellation);
        var directoryVersion = await ScalarAsync(path, "SELECT MAX(version) FROM schema_version;");
        var directoryTables = await ScalarAsync(path, DirectoryTables);
        await synchronization.InitializeAsync(Cancellation);
        await directory.InitializeAsync(Cancellation);
        var user = await directory.CreateAsync(DirectoryObjectKind.User,
            new JsonObject { ["userPrincipalName"] = "ana@contoso.com", ["displayName"] = "Ana" }, Cancellation);
        var created = await synchronization.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.shared"), Cancellation);

        user.Succeeded.ShouldBeTrue();
        created.ShouldBeTrue();
        (await directory.FindUserByPrincipalNameAsync("ana@contoso.com", Cancellation)).ShouldNotBeNull();
        (await synchronization.GetJobAsync("scim.shared", Cancellation)).ShouldNotBeNull();
        (await ScalarAsync(path, "SELECT MAX(version) FROM schema_version;")).ShouldBe(directoryVersion);
        (await ScalarAsync(path, "SELECT MAX(version) FROM sync_schema_version;")).ShouldBe(3L);
        (await ScalarAsync(path, DirectoryTables)).ShouldBe(directoryTables, "every table of ours is prefixed sync_");
        (await ScalarAsync(path, "PRAGMA journal_mode;")).ShouldBe("wal");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Initialize_NewFile_Gets16KiBPages_WhicheverStoreCreatesIt(bool directoryFirst)
    {
        var path = Path.Combine(_folder, $"pages-{directoryFirst}.db");
        await using var directory = new SqliteDirectoryStore(path);
        await using var synchronization = new SqliteSynchronizationStore(path);

        if (directoryFirst)
        {
            await directory.InitializeAsync(Cancellation);
        }

        await synchronization.InitializeAsync(Cancellation);
        await directory.InitializeAsync(Cancellation);

        (await ScalarAsync(path, "PRAGMA page_size;")).ShouldBe(16384L);
        (await ScalarAsync(path, "PRAGMA journal_mode;")).ShouldBe("wal");
    }

    [Fact]
    public async Task Initialize_ExistingFileWith4KiBPages_KeepsItsPagesAndData()
    {
        var path = Path.Combine(_folder, "old-pages.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync(Cancellation);
            await using var command = old.CreateCommand();
            command.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here');";
            await command.ExecuteNonQueryAsync(Cancellation);
        }

        await using var directory = new SqliteDirectoryStore(path);
        await using var synchronization = new SqliteSynchronizationStore(path);
        await directory.InitializeAsync(Cancellation);
        await synchronization.InitializeAsync(Cancellation);
        var created = await synchronization.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.old"), Cancellation);

        created.ShouldBeTrue();
        (await ScalarAsync(path, "PRAGMA page_size;")).ShouldBe(4096L);
        (await ScalarAsync(path, "SELECT value FROM kept;")).ShouldBe("still here");
    }

    [Fact]
    public async Task CycleWrite_CommitsWithoutWaitingForTheDisk_AndHandsItsConnectionBackSyncingAgain()
    {
        var path = Path.Combine(_folder, "synchronous.db");
        await using var store = new SqliteSynchronizationStore(path);
        await store.InitializeAsync(Cancellation);
        var write = new SynchronizationWrite();
        write.Logs.Add(Log("sync-1", T0, JobId));

        await store.WriteAsync(JobId, write, Cancellation);

        // The pool (shared with the directory store, same connection string) hands back the connection the write used.
        await using var pooled = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        await pooled.OpenAsync(Cancellation);
        await using var command = pooled.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        (await command.ExecuteScalarAsync(Cancellation)).ShouldBe(2L, "FULL, SQLite's default, for the directory's and the API's writes");
        (await store.GetLogAsync("sync-1", Cancellation)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Initialize_Twice_KeepsData()
    {
        var path = Path.Combine(_folder, "twice.db");
        await using (var first = new SqliteSynchronizationStore(path))
        {
            await first.InitializeAsync(Cancellation);
            await first.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.keep"), Cancellation);
        }

        await using var second = new SqliteSynchronizationStore(path);
        await second.InitializeAsync(Cancellation);

        (await second.GetJobAsync("scim.keep", Cancellation)).ShouldNotBeNull();
        (await ScalarAsync(path, "SELECT COUNT(*) FROM sync_schema_version;")).ShouldBe(1L);
    }

    [Fact]
    public async Task Initialize_DatabaseAtVersion1_AddsTheAuditAndEmailTablesAndThePresetColumnsKeepingData()
    {
        // Arrange: a database as version 1 left it (its tables and data, none of version 2's and 3's)
        var path = Path.Combine(_folder, "version1.db");
        await using var store = new SqliteSynchronizationStore(path);
        await store.InitializeAsync(Cancellation);
        await store.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.old"), Cancellation);
        var logs = new SynchronizationWrite();
        logs.Logs.AddRange(PresetLogs());
        await store.WriteAsync("scim.old", logs, Cancellation);
        await ScalarAsync(path, "DROP TABLE sync_audits; DROP TABLE sync_audit_targets; DROP TABLE sync_emails; DROP INDEX sync_logs_error_code; " +
            "ALTER TABLE sync_logs DROP COLUMN identity_type; ALTER TABLE sync_logs DROP COLUMN failed_step; UPDATE sync_schema_version SET version = 1;");

        // Act
        await store.InitializeAsync(Cancellation);
        await store.AppendAuditAsync(Audit("A1", T0, "scim.old"), Cancellation);
        await store.EnqueueEmailAsync(Email("E1", T0), Cancellation);

        // Assert
        (await ScalarAsync(path, "SELECT MAX(version) FROM sync_schema_version;")).ShouldBe(3L);
        (await store.GetJobAsync("scim.old", Cancellation)).ShouldNotBeNull();
        (await store.GetAuditAsync("A1", Cancellation)).ShouldNotBeNull();
        (await store.ListEmailsAsync(null, 10, Cancellation)).ShouldHaveSingleItem();
        var managers = ProvisioningLogPresets.Find(ProvisioningLogPresets.ManagerAssignmentsFailing)!.Apply(new ProvisioningLogQuery { JobId = JobId });
        (await store.QueryLogsAsync(managers, Cancellation)).Entries.Select(log => log.Id).ShouldBe(["P09"], "the logs written before have their identity type and failed step");
    }

    [Fact]
    public async Task Initialize_SchemaFromANewerProvisio_Refuses()
    {
        var path = Path.Combine(_folder, "newer.db");
        await using var store = new SqliteSynchronizationStore(path);
        await store.InitializeAsync(Cancellation);
        await ScalarAsync(path, "UPDATE sync_schema_version SET version = 99;");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Cancellation));

        refused.Message.ShouldContain("upgrade Provisio");
    }

    [Fact]
    public async Task Write_TextBeyondAscii_StoredAsItIsNotEscaped()
    {
        var path = Path.Combine(_folder, "text.db");
        await using var store = new SqliteSynchronizationStore(path);
        await store.InitializeAsync(Cancellation);
        var write = new SynchronizationWrite();
        write.Entries.Add(Entry(Guid.NewGuid()) with { ExportedValues = new JsonObject { ["displayName"] = "Zoë \"Z\" Ångström" } });

        await store.WriteAsync("scim.job", write, Cancellation);

        ((string)(await ScalarAsync(path, "SELECT exported_values FROM sync_entries;"))!).ShouldBe("{\"displayName\":\"Zoë \\\"Z\\\" Ångström\"}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancellation);
    }
}
