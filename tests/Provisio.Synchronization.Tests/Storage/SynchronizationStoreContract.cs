using System.Text.Json.Nodes;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>
/// What every synchronization store must do, whatever its database (STYLE.md §6: one abstract suite, each database a
/// subclass): jobs, secrets and keys here; the connector data store, escrows, writes and resets in
/// <c>SynchronizationStoreContract.Entries.cs</c>; provisioning logs in <c>SynchronizationStoreContract.Logs.cs</c>.
/// </summary>
public abstract partial class SynchronizationStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A store on an empty database, initialized.</summary>
    protected abstract Task<ISynchronizationStore> CreateStoreAsync();

    [Fact]
    public async Task CreateJob_ScimJobAndTemplateSchema_ReadBackWithEveryProperty()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());

        var created = await store.CreateJobAsync(job, Cancellation);
        var read = await store.GetJobAsync(job.Id, Cancellation);

        created.ShouldBeTrue();
        read.ShouldNotBeNull();
        read.Version.ShouldBe(1);
        read.ServicePrincipalId.ShouldBe(job.ServicePrincipalId);
        JsonAssert.Equal(JsonNode.Parse(SynchronizationJson.Serialize(job.Job)), JsonNode.Parse(SynchronizationJson.Serialize(read.Job)));
        JsonAssert.Equal(JsonNode.Parse(SynchronizationJson.Serialize(job.Schema)), JsonNode.Parse(SynchronizationJson.Serialize(read.Schema)));
        read.Schema.SynchronizationRules.Single().ObjectMappings.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CreateJob_IdTaken_ReturnsFalseAndKeepsTheFirst()
    {
        await using var store = await CreateStoreAsync();
        var first = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(first, Cancellation);

        var second = await store.CreateJobAsync(first with { ServicePrincipalId = Guid.NewGuid() }, Cancellation);

        second.ShouldBeFalse();
        (await store.GetJobAsync(first.Id, Cancellation))!.ServicePrincipalId.ShouldBe(first.ServicePrincipalId);
    }

    [Fact]
    public async Task GetJob_Unknown_Null()
    {
        await using var store = await CreateStoreAsync();

        (await store.GetJobAsync("scim.00000000000000000000000000000000", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task ListJobs_ByServicePrincipalOrAll_OrderedById()
    {
        await using var store = await CreateStoreAsync();
        var one = Guid.NewGuid();
        var other = Guid.NewGuid();
        foreach (var (id, servicePrincipal) in new[] { ("scim.c", one), ("scim.a", other), ("scim.b", one), ("aws.z", one) })
        {
            await store.CreateJobAsync(NewJob(servicePrincipal, id), Cancellation);
        }

        var ofOne = await store.ListJobsAsync(one, Cancellation);
        var all = await store.ListJobsAsync(null, Cancellation);
        var ofNobody = await store.ListJobsAsync(Guid.NewGuid(), Cancellation);

        ofOne.Select(job => job.Id).ShouldBe(["aws.z", "scim.b", "scim.c"]);
        all.Select(job => job.Id).ShouldBe(["aws.z", "scim.a", "scim.b", "scim.c"]);
        ofNobody.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateJob_CurrentVersion_StoresChangesAndMovesTheVersion()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(job, Cancellation);
        var stored = (await store.GetJobAsync(job.Id, Cancellation))!;
        var changed = stored with
        {
            Job = stored.Job with
            {
                Schedule = new SynchronizationSchedule { Interval = TimeSpan.FromMinutes(40), State = SynchronizationScheduleState.Active },
                SynchronizationJobSettings = [new SynchronizationJobSetting(SynchronizationJob.QuarantineTooManyDeletesThreshold, "100")],
            },
            Schema = stored.Schema with { Version = "date:2026-03-01T10:00:00Z" },
        };

        var updated = await store.UpdateJobAsync(changed, Cancellation);
        var read = (await store.GetJobAsync(job.Id, Cancellation))!;

        updated.ShouldNotBeNull();
        updated.Version.ShouldBe(2);
        updated.ServicePrincipalId.ShouldBe(job.ServicePrincipalId);
        read.Version.ShouldBe(2);
        read.Job.Schedule.State.ShouldBe(SynchronizationScheduleState.Active);
        read.Job.SynchronizationJobSettings.Single().Value.ShouldBe("100");
        read.Schema.Version.ShouldBe("date:2026-03-01T10:00:00Z");
    }

    [Fact]
    public async Task UpdateJob_VersionMovedByAnotherWriter_ReturnsNullAndKeepsTheWinner()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(job, Cancellation);
        var mine = (await store.GetJobAsync(job.Id, Cancellation))!;
        var theirs = (await store.GetJobAsync(job.Id, Cancellation))!;
        await store.UpdateJobAsync(theirs with { Job = theirs.Job with { TemplateId = "theirs" } }, Cancellation);

        var lost = await store.UpdateJobAsync(mine with { Job = mine.Job with { TemplateId = "mine" } }, Cancellation);

        lost.ShouldBeNull();
        var read = (await store.GetJobAsync(job.Id, Cancellation))!;
        read.Job.TemplateId.ShouldBe("theirs");
        read.Version.ShouldBe(2);
    }

    [Fact]
    public async Task UpdateJob_ConcurrentWritersOfOneVersion_ExactlyOneWins()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(job, Cancellation);
        var stored = (await store.GetJobAsync(job.Id, Cancellation))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.UpdateJobAsync(stored with { Job = stored.Job with { TemplateId = $"writer{i}" } }, Cancellation), Cancellation)));

        var winner = results.Where(result => result is not null).ShouldHaveSingleItem()!;
        winner.Version.ShouldBe(2);
        (await store.GetJobAsync(job.Id, Cancellation))!.Job.TemplateId.ShouldBe(winner.Job.TemplateId);
    }

    [Fact]
    public async Task UpdateJob_JobGone_ReturnsNull()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(job, Cancellation);
        var stored = (await store.GetJobAsync(job.Id, Cancellation))!;
        await store.DeleteJobAsync(job.Id, Cancellation);

        (await store.UpdateJobAsync(stored, Cancellation)).ShouldBeNull();
        (await store.GetJobAsync(job.Id, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteJob_WithData_RemovesEntriesStateAndEscrowsButKeepsLogsAndOtherJobs()
    {
        await using var store = await CreateStoreAsync();
        var job = NewJob(Guid.NewGuid());
        var other = NewJob(Guid.NewGuid());
        await store.CreateJobAsync(job, Cancellation);
        await store.CreateJobAsync(other, Cancellation);
        var source = Guid.NewGuid();
        foreach (var id in new[] { job.Id, other.Id })
        {
            var write = new SynchronizationWrite { State = new CycleState { Watermark = 7 } };
            write.Entries.Add(Entry(source));
            write.Escrows.Add(Escrow(source, EscrowKind.Object, T0));
            write.Logs.Add(Log($"log-{id}", T0, id));
            await store.WriteAsync(id, write, Cancellation);
        }

        var deleted = await store.DeleteJobAsync(job.Id, Cancellation);

        deleted.ShouldBeTrue();
        (await store.GetJobAsync(job.Id, Cancellation)).ShouldBeNull();
        (await store.GetEntriesAsync(job.Id, [source], Cancellation)).ShouldBeEmpty();
        (await store.GetCycleStateAsync(job.Id, Cancellation)).ShouldBe(CycleState.Initial);
        (await store.CountEscrowsAsync(job.Id, Cancellation)).Total.ShouldBe(0);
        (await store.GetLogAsync($"log-{job.Id}", Cancellation)).ShouldNotBeNull();
        (await store.QueryLogsAsync(new ProvisioningLogQuery { JobId = job.Id }, Cancellation)).Entries.Count.ShouldBe(1);

        (await store.GetJobAsync(other.Id, Cancellation)).ShouldNotBeNull();
        (await store.GetEntriesAsync(other.Id, [source], Cancellation)).Count.ShouldBe(1);
        (await store.GetCycleStateAsync(other.Id, Cancellation)).Watermark.ShouldBe(7);
        (await store.CountEscrowsAsync(other.Id, Cancellation)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task DeleteJob_Unknown_ReturnsFalse()
    {
        await using var store = await CreateStoreAsync();

        (await store.DeleteJobAsync("scim.00000000000000000000000000000000", Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task SetProtectedSecrets_Twice_GetReturnsTheLatestForThatServicePrincipalOnly()
    {
        await using var store = await CreateStoreAsync();
        var servicePrincipal = Guid.NewGuid();
        var other = Guid.NewGuid();
        await store.SetProtectedSecretsAsync(other, "CfDJ8-other", Cancellation);

        var before = await store.GetProtectedSecretsAsync(servicePrincipal, Cancellation);
        await store.SetProtectedSecretsAsync(servicePrincipal, "CfDJ8-first", Cancellation);
        await store.SetProtectedSecretsAsync(servicePrincipal, "CfDJ8-second", Cancellation);

        before.ShouldBeNull();
        (await store.GetProtectedSecretsAsync(servicePrincipal, Cancellation)).ShouldBe("CfDJ8-second");
        (await store.GetProtectedSecretsAsync(other, Cancellation)).ShouldBe("CfDJ8-other");
    }

    [Fact]
    public async Task StoreProtectionKey_Several_ReadBackInTheOrderStored()
    {
        await using var store = await CreateStoreAsync();
        var empty = store.ReadProtectionKeys();

        // Neither the names nor the texts are in the order stored, so an ORDER BY either would fail.
        store.StoreProtectionKey("key-b", "<key id=\"2\"/>");
        store.StoreProtectionKey("key-a", "<key id=\"1\"/>");
        store.StoreProtectionKey("key-c", "<key id=\"0\"/>");

        empty.ShouldBeEmpty();
        store.ReadProtectionKeys().ShouldBe(["<key id=\"2\"/>", "<key id=\"1\"/>", "<key id=\"0\"/>"]);
    }

    [Fact]
    public async Task GetCycleState_NeverWritten_Initial()
    {
        await using var store = await CreateStoreAsync();

        var state = await store.GetCycleStateAsync("scim.never", Cancellation);

        state.ShouldBe(CycleState.Initial);
        state.Watermark.ShouldBeNull();
        state.Checkpoint.ShouldBeNull();
    }

    [Fact]
    public async Task Write_StatesOfAnInitialThenAnIncrementalCycle_EachReadBackAsWritten()
    {
        await using var store = await CreateStoreAsync();
        var checkpoint = new CycleCheckpoint
        {
            CycleId = "0b4c1f1e-2d4b-4e8f-9f55-6a1e0c9d2b71",
            Kind = CycleKind.Incremental,
            Began = T0.AddTicks(1234567),
            Phase = "Group",
            Cursor = "eyJpZCI6IjQyIn0",
            EndWatermark = 99,
            Counters = new CycleCounters
            {
                Imported = 1, ImportedDeltas = 2, ImportedReferenceDeltas = 3, Entitled = 4, Exports = 5, Exported = 6, Escrowed = 7, Skipped = 8,
                CompletedUnits = 9, TotalUnits = 10,
            },
        };
        var initial = new CycleState { Checkpoint = checkpoint with { Kind = CycleKind.Initial } };
        var running = new CycleState { Watermark = 42, Checkpoint = checkpoint };
        var completed = new CycleState { Watermark = 99 };

        await store.WriteAsync("scim.job", new SynchronizationWrite { State = initial }, Cancellation);
        var duringInitial = await store.GetCycleStateAsync("scim.job", Cancellation);
        await store.WriteAsync("scim.job", new SynchronizationWrite { State = running }, Cancellation);
        var whileRunning = await store.GetCycleStateAsync("scim.job", Cancellation);
        await store.WriteAsync("scim.job", new SynchronizationWrite { State = completed }, Cancellation);
        var afterwards = await store.GetCycleStateAsync("scim.job", Cancellation);

        duringInitial.ShouldBe(initial);
        whileRunning.ShouldBe(running);
        afterwards.ShouldBe(completed);
        (await store.GetCycleStateAsync("scim.other", Cancellation)).ShouldBe(CycleState.Initial);
    }

    [Fact]
    public async Task Write_WithoutState_LeavesTheState()
    {
        await using var store = await CreateStoreAsync();
        await store.WriteAsync("scim.job", new SynchronizationWrite { State = new CycleState { Watermark = 5 } }, Cancellation);
        var write = new SynchronizationWrite();
        write.Entries.Add(Entry(Guid.NewGuid()));

        await store.WriteAsync("scim.job", write, Cancellation);

        (await store.GetCycleStateAsync("scim.job", Cancellation)).Watermark.ShouldBe(5);
    }

    protected static StoredJob NewJob(Guid servicePrincipalId, string? id = null)
    {
        var job = SynchronizationJob.Create(ScimSynchronizationTemplate.Id, Guid.NewGuid());
        job = id is null ? job : job with { Id = id };
        return new StoredJob { ServicePrincipalId = servicePrincipalId, Job = job, Schema = ScimSynchronizationTemplate.CreateSchema(job.Id) };
    }
}
