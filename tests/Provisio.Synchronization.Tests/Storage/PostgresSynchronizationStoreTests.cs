using Npgsql;
using Provisio.Directory.Storage.Postgres;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Postgres;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>
/// The contract on PostgreSQL, a fresh schema per test (dropped afterwards), on the run's one server
/// (<see cref="PostgresServer"/>): skipped locally without PostgreSQL, failed under CI.
/// </summary>
public sealed class PostgresSynchronizationStoreTests(PostgresServer server) : SynchronizationStoreContract, IAsyncDisposable
{
    private readonly List<string> _schemas = [];
    private NpgsqlDataSource? _dataSource;

    protected override async Task<ISynchronizationStore> CreateStoreAsync()
    {
        var store = new PostgresSynchronizationStore(await DataSourceAsync(), NewSchema());
        await store.InitializeAsync(Cancellation);
        return store;
    }

    [Fact]
    public async Task Initialize_Twice_KeepsDataAndOneVersionRowAMigration()
    {
        var dataSource = await DataSourceAsync();
        var schema = NewSchema();
        await using (var first = new PostgresSynchronizationStore(dataSource, schema))
        {
            await first.InitializeAsync(Cancellation);
            await first.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.keep"), Cancellation);
        }

        await using var second = new PostgresSynchronizationStore(dataSource, schema);
        await second.InitializeAsync(Cancellation);

        (await second.GetJobAsync("scim.keep", Cancellation)).ShouldNotBeNull();
        (await ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".sync_schema_version;")).ShouldBe(5);
    }

    [Fact]
    public async Task Initialize_InstancesStartingTogetherWithTheDirectoryStore_EachMigratesOnce()
    {
        var dataSource = await DataSourceAsync();
        var schema = NewSchema();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresSynchronizationStore(dataSource, schema)).ToArray();
        var directories = Enumerable.Range(0, 2).Select(_ => new PostgresDirectoryStore(dataSource, schema)).ToArray();

        await Task.WhenAll([.. stores.Select(store => store.InitializeAsync(Cancellation)), .. directories.Select(store => store.InitializeAsync(Cancellation))]);

        (await ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".sync_schema_version;")).ShouldBe(5);
        (await ScalarAsync<int>($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBeGreaterThanOrEqualTo(3);
        (await stores[0].CreateJobAsync(NewJob(Guid.NewGuid(), "scim.together"), Cancellation)).ShouldBeTrue();
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        foreach (var directory in directories)
        {
            await directory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Initialize_SchemaAtVersion1_AddsTheAuditAndEmailTablesKeepingData()
    {
        // Arrange: a schema as version 1 left it (its tables and data, none of versions 2's to 5's)
        await using var store = await CreateStoreAsync();
        var schema = _schemas[^1];
        await store.CreateJobAsync(NewJob(Guid.NewGuid(), "scim.old"), Cancellation);
        var logs = new SynchronizationWrite();
        logs.Logs.AddRange(PresetLogs());
        await store.WriteAsync("scim.old", logs, Cancellation);
        await ScalarAsync<object>($"DROP INDEX \"{schema}\".sync_logs_error_code;");
        await ScalarAsync<object>($"ALTER TABLE \"{schema}\".sync_logs DROP COLUMN identity_type, DROP COLUMN failed_step;");
        (await ScalarAsync<int>($"DELETE FROM \"{schema}\".sync_schema_version WHERE version = 5 RETURNING version;")).ShouldBe(5);
        await ScalarAsync<object>($"DROP TABLE \"{schema}\".sync_audits, \"{schema}\".sync_audit_targets, \"{schema}\".sync_emails;");
        await ScalarAsync<object>($"DROP INDEX \"{schema}\".sync_logs_job_count, \"{schema}\".sync_logs_status_count;");
        await ScalarAsync<object>($"DROP TABLE \"{schema}\".sync_cycle_stops;");
        (await ScalarAsync<int>($"DELETE FROM \"{schema}\".sync_schema_version WHERE version = 4 RETURNING version;")).ShouldBe(4);
        (await ScalarAsync<int>($"DELETE FROM \"{schema}\".sync_schema_version WHERE version = 3 RETURNING version;")).ShouldBe(3);
        (await ScalarAsync<int>($"DELETE FROM \"{schema}\".sync_schema_version WHERE version = 2 RETURNING version;")).ShouldBe(2);

        // Act
        await store.InitializeAsync(Cancellation);
        await store.AppendAuditAsync(Audit("A1", T0, "scim.old"), Cancellation);
        await store.EnqueueEmailAsync(Email("E1", T0), Cancellation);

        // Assert
        (await ScalarAsync<int>($"SELECT max(version) FROM \"{schema}\".sync_schema_version;")).ShouldBe(5);
        (await store.GetJobAsync("scim.old", Cancellation)).ShouldNotBeNull();
        (await store.IsCycleStopRequestedAsync("scim.old", DateTimeOffset.MinValue, Cancellation)).ShouldBeFalse("the cycle-stop table is back");
        (await store.QueryAuditsAsync(new DirectoryAuditQuery { TargetResourceIds = ["scim.old"] }, Cancellation)).Audits.ShouldHaveSingleItem();
        (await store.ListEmailsAsync(null, 10, Cancellation)).ShouldHaveSingleItem();
        var managers = ProvisioningLogPresets.Find(ProvisioningLogPresets.ManagerAssignmentsFailing)!.Apply(new ProvisioningLogQuery { JobId = JobId });
        (await store.QueryLogsAsync(managers, Cancellation)).Entries.Select(log => log.Id).ShouldBe(["P09"], "the logs written before have their identity type and failed step");
    }

    [Fact]
    public async Task CycleLease_IsWaitedForByAnotherHolderOfTheSameJob_AndAStopRequestCountsWhileFresh()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        store.SharedAcrossProcesses.ShouldBeTrue();
        var first = await store.AcquireCycleLeaseAsync("scim.a", Cancellation);

        // Act: a second holder of the same job waits; another job's lease does not
        var second = store.AcquireCycleLeaseAsync("scim.a", Cancellation);
        var other = await store.AcquireCycleLeaseAsync("scim.b", Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        await Task.Delay(300, Cancellation);
        var waited = !second.IsCompleted;
        await first.DisposeAsync();
        await using (await second.WaitAsync(TimeSpan.FromSeconds(10), Cancellation))
        {
            waited.ShouldBeTrue("the second holder waited for the first");
        }

        await other.DisposeAsync();

        // Assert: stop requests, by job, fresh or stale, cleared
        var now = DateTimeOffset.UtcNow;
        (await store.IsCycleStopRequestedAsync("scim.a", now.AddMinutes(-1), Cancellation)).ShouldBeFalse();
        await store.RequestCycleStopAsync("scim.a", Cancellation);
        (await store.IsCycleStopRequestedAsync("scim.a", now.AddMinutes(-1), Cancellation)).ShouldBeTrue();
        (await store.IsCycleStopRequestedAsync("scim.a", now.AddMinutes(1), Cancellation)).ShouldBeFalse("a request older than the one asked about is stale");
        (await store.IsCycleStopRequestedAsync("scim.b", now.AddMinutes(-1), Cancellation)).ShouldBeFalse();
        await store.ClearCycleStopAsync("scim.a", Cancellation);
        (await store.IsCycleStopRequestedAsync("scim.a", now.AddMinutes(-1), Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task Initialize_SchemaFromANewerProvisio_Refuses()
    {
        await using var store = (PostgresSynchronizationStore)await CreateStoreAsync();
        await ScalarAsync<int>($"INSERT INTO \"{_schemas[^1]}\".sync_schema_version (version) VALUES (99) RETURNING version;");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Cancellation));

        refused.Message.ShouldContain("upgrade Provisio");
    }

    [Fact]
    public async Task Constructor_SchemaNameNeedingQuotes_Refused()
    {
        var dataSource = await DataSourceAsync();

        Should.Throw<ArgumentException>(() => new PostgresSynchronizationStore(dataSource, "Provisio; DROP"));
    }

    [Fact]
    public async Task Write_Logs_AppendedByCopyWithTheirColumns()
    {
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        write.Logs.Add(Log("copied", T0, "scim.job") with { ProvisioningStatusInfo = new() { Status = Logs.ProvisioningResult.Failure } });

        await store.WriteAsync("scim.job", write, Cancellation);

        (await ScalarAsync<string>($"SELECT status || '/' || action || '/' || activity_date_time FROM \"{_schemas[^1]}\".sync_logs WHERE id = 'copied';"))
            .ShouldBe($"failure/create/{T0.UtcTicks}");
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
}
