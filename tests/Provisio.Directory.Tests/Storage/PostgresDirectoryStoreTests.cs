using System.Text.Json.Nodes;
using Npgsql;
using Provisio.Directory.Model;
using Provisio.Directory.Storage.Postgres;

namespace Provisio.Directory.Tests.Storage;

/// <summary>
/// The contract on PostgreSQL, a fresh schema per test (dropped afterwards), on the run's one server
/// (<see cref="PostgresServer"/>): skipped locally without PostgreSQL, failed under CI.
/// </summary>
public sealed class PostgresDirectoryStoreTests(PostgresServer server) : DirectoryStoreContract, IAsyncDisposable
{
    private readonly List<string> _schemas = [];
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IDirectoryStore> CreateStoreAsync()
    {
        var store = new PostgresDirectoryStore(await DataSourceAsync(), NewSchema());
        await store.InitializeAsync(Cancellation);
        return store;
    }

    [Fact]
    public async Task Initialize_TwiceWithOwnConnections_KeepsData()
    {
        var connectionString = await server.GetConnectionStringAsync(Cancellation);
        var schema = NewSchema();
        await using (var first = new PostgresDirectoryStore(connectionString, schema))
        {
            await first.InitializeAsync(Cancellation);
            await first.CreateAsync(DirectoryObjectKind.User, User("keep@contoso.com", "Keep"), Cancellation);
        }

        await using var second = new PostgresDirectoryStore(connectionString, schema);
        await second.InitializeAsync(Cancellation);

        (await second.FindUserByPrincipalNameAsync("keep@contoso.com", Cancellation)).ShouldNotBeNull();
        (await ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".schema_version;")).ShouldBe(new PostgresDirectorySchema(schema).Version, "one row a migration");
    }

    [Fact]
    public async Task Initialize_InstancesStartingTogether_MigrateOnce()
    {
        var dataSource = await DataSourceAsync();
        var schema = NewSchema();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresDirectoryStore(dataSource, schema)).ToArray();

        await Task.WhenAll(stores.Select(store => store.InitializeAsync(Cancellation)));

        (await ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".schema_version;")).ShouldBe(new PostgresDirectorySchema(schema).Version, "one row a migration");
        (await ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".feed;")).ShouldBe(1);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_ReturnedObject_EqualsWhatIsReadBack()
    {
        // jsonb and timestamptz (microseconds) must give back what the write returned.
        await using var store = await CreateStoreAsync();
        var properties = User("ümit@contoso.com", "Ümit Çelik");
        properties["proxyAddresses"] = new JsonArray("SMTP:umit@contoso.com", "smtp:u@contoso.com");
        properties["extension_0123_costCenter"] = 4711.50m;

        var created = (await store.CreateAsync(DirectoryObjectKind.User, properties, Cancellation)).Value!;
        var read = (await store.GetAsync(created.Id, Cancellation))!;

        read.CreatedDateTime.ShouldBe(created.CreatedDateTime);
        read.Sequence.ShouldBe(created.Sequence);
        JsonNode.DeepEquals(read.Properties, created.Properties).ShouldBeTrue(read.Properties.ToJsonString());
        read.Properties["USERPRINCIPALNAME"]!.GetValue<string>().ShouldBe("ümit@contoso.com");
    }

    [Fact]
    public async Task Initialize_SchemaAtVersion1_MigratesAndOrdersByDisplayNameFromTheNewColumn()
    {
        var schema = NewSchema();
        var definition = new PostgresDirectorySchema(schema);
        await ScalarAsync<int>($"""
            CREATE SCHEMA "{schema}";
            CREATE TABLE "{schema}".schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());
            {definition.Migrations[0]}
            INSERT INTO "{schema}".objects (id, kind, principal_name, properties, created, deleted, purged, seq) VALUES
                ('00000000-0000-0000-0000-000000000001', 0, 'z@contoso.com', '{"{"}"userPrincipalName":"z@contoso.com","displayName":"Zoë"{"}"}', now(), NULL, false, 1),
                ('00000000-0000-0000-0000-000000000002', 0, 'a@contoso.com', '{"{"}"userPrincipalName":"a@contoso.com","displayName":"ÅSA"{"}"}', now(), NULL, false, 2),
                ('00000000-0000-0000-0000-000000000003', 0, 'b@contoso.com', '{"{"}"userPrincipalName":"b@contoso.com","displayName":"bo"{"}"}', now(), NULL, false, 3);
            INSERT INTO "{schema}".schema_version (version) VALUES (1) RETURNING version;
            """);
        await using var store = new PostgresDirectoryStore(await DataSourceAsync(), schema);

        await store.InitializeAsync(Cancellation);
        var page = await store.QueryAsync(new Query.DirectoryQuery { Kind = DirectoryObjectKind.User, OrderBy = "displayName" }, Cancellation);

        page.Items.Select(item => item["displayName"]).ShouldBe(["bo", "Zoë", "ÅSA"]); // code point order of the folded names: b < z < å
        (await ScalarAsync<int>($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBe(definition.Version);
    }

    [Fact]
    public async Task Initialize_SchemaFromANewerProvisio_Refuses()
    {
        await using var store = (PostgresDirectoryStore)await CreateStoreAsync();
        await ScalarAsync<int>($"INSERT INTO \"{_schemas[^1]}\".schema_version (version) VALUES (99) RETURNING version;");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Cancellation));

        refused.Message.ShouldContain("upgrade Provisio");
    }

    [Fact]
    public void Constructor_SchemaNameNeedingQuotes_Refused()
    {
        Should.Throw<ArgumentException>(() => new PostgresDirectoryStore("Host=127.0.0.1", "Provisio; DROP"));
    }

    [Fact]
    public async Task ChangeFeed_TransactionHoldingASequence_LaterWriterWaitsAndReaderSeesNothingPastIt()
    {
        // The high-water-mark bug, made deterministic: a transaction takes a number and stays open. A writer after it
        // must wait for its commit, so no reader can see a higher number while a lower one is still uncommitted.
        await using var store = await CreateStoreAsync();
        var before = (await store.CreateAsync(DirectoryObjectKind.User, User("before@contoso.com", "Before"), Cancellation)).Value!;
        var dataSource = await DataSourceAsync();
        await using var slow = await dataSource.OpenConnectionAsync(Cancellation);
        await using var slowTransaction = await slow.BeginTransactionAsync(Cancellation);
        await using (var take = new NpgsqlCommand($"UPDATE \"{_schemas[^1]}\".feed SET last = last + 1 WHERE id = 1 RETURNING last;", slow, slowTransaction))
        {
            ((long)(await take.ExecuteScalarAsync(Cancellation))!).ShouldBe(before.Sequence + 1);
        }

        var writing = store.CreateAsync(DirectoryObjectKind.User, User("after@contoso.com", "After"), Cancellation);
        await WaitUntilBlockedByAsync(dataSource, slow.ProcessID);
        var completedWhileHeld = writing.IsCompleted;
        var whileHeld = await ChangesAsync(store, before.Sequence);
        await slowTransaction.CommitAsync(Cancellation);
        var after = (await writing).Value!;

        completedWhileHeld.ShouldBeFalse();
        whileHeld.ShouldBeEmpty();
        after.Sequence.ShouldBe(before.Sequence + 2);
        (await ChangesAsync(store, before.Sequence)).Select(change => change.Id).ShouldBe([after.Id]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        foreach (var schema in _schemas)
        {
            await using var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<NpgsqlDataSource> DataSourceAsync() => _dataSource ??= await server.GetDataSourceAsync(Cancellation);

    private string NewSchema()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        _schemas.Add(schema);
        return schema;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = (await DataSourceAsync()).CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    /// <summary>Waits (at most 10 s) until some backend waits for a lock that backend <paramref name="pid"/> holds.</summary>
    private static async Task WaitUntilBlockedByAsync(NpgsqlDataSource dataSource, int pid)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE @pid = ANY (pg_blocking_pids(pid));");
        command.Parameters.Add(new NpgsqlParameter<int>("pid", pid));
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
        {
            await Task.Yield();
        }
    }
}
