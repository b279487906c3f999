using System.Data.Common;
using System.Text.Json.Nodes;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>The connector data store, escrows, units of work and resets.</summary>
public abstract partial class SynchronizationStoreContract
{
    protected const string JobId = "scim.e4bbf44533ea4eabb17027f3a92e92aa";

    [Fact]
    public async Task Write_Entries_GetEntriesReturnsThoseStoredWithEveryField()
    {
        await using var store = await CreateStoreAsync();
        var user = Guid.NewGuid();
        var group = Guid.NewGuid();
        var entry = new ConnectorEntry
        {
            SourceId = user,
            ObjectType = "User",
            TargetId = "2819c223-7f76-453a-919d-413861904646",
            State = ConnectorEntryState.Disabled,
            DisplayName = "zoë@contoso.com",
            ExportedValues = new JsonObject { ["userName"] = "zoë@contoso.com", ["active"] = false, ["emails[type eq \"work\"].value"] = "z@contoso.com" },
            ExportedReferences = new JsonObject { ["manager"] = new JsonArray("26118915-6090-4610-87e4-49d8ca9f808d") },
            LastModified = T0.AddTicks(7654321),
        };
        var write = new SynchronizationWrite();
        write.Entries.Add(entry);
        write.Entries.Add(Entry(group, "Group"));

        await store.WriteAsync(JobId, write, Cancellation);
        var found = await store.GetEntriesAsync(JobId, [user, group, Guid.NewGuid()], Cancellation);

        found.Keys.ShouldBe([user, group], ignoreOrder: true);
        ShouldBeEqual(found[user], entry);
        found[user].ExportedValues.Select(pair => pair.Key).ShouldBe(["userName", "active", "emails[type eq \"work\"].value"], "in the order written (the mapping's)");
        found[group].ObjectType.ShouldBe("Group");
        found[group].DisplayName.ShouldBeNull();
        (await store.GetEntriesAsync("scim.other", [user, group], Cancellation)).ShouldBeEmpty();
        (await store.GetEntriesAsync(JobId, [], Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLinks_ReturnsTheTypeAndTargetIdOfTheStoredEntriesOnly()
    {
        await using var store = await CreateStoreAsync();
        var user = Guid.NewGuid();
        var group = Guid.NewGuid();
        var write = new SynchronizationWrite();
        write.Entries.Add(Entry(user) with { TargetId = "u-1" });
        write.Entries.Add(Entry(group, "Group") with { TargetId = "g-1" });
        await store.WriteAsync(JobId, write, Cancellation);

        var links = await store.GetLinksAsync(JobId, [user, group, Guid.NewGuid()], Cancellation);

        links.Count.ShouldBe(2);
        links[user].ShouldBe(new ConnectorLink("User", "u-1"));
        links[group].ShouldBe(new ConnectorLink("Group", "g-1"));
        (await store.GetLinksAsync("scim.other", [user, group], Cancellation)).ShouldBeEmpty();
        (await store.GetLinksAsync(JobId, [], Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_EntryOfAStoredSource_ReplacesIt()
    {
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        await WriteEntriesAsync(store, JobId, Entry(source));
        var replacement = Entry(source) with
        {
            TargetId = "other-target",
            State = ConnectorEntryState.Disabled,
            DisplayName = "renamed",
            ExportedValues = new JsonObject { ["displayName"] = "Renamed" },
            ExportedReferences = [],
            LastModified = T0.AddHours(1),
        };

        await WriteEntriesAsync(store, JobId, replacement);

        ShouldBeEqual((await store.GetEntriesAsync(JobId, [source], Cancellation))[source], replacement);
        (await store.CountEntriesAsync(JobId, Cancellation))["User"].ShouldBe(1);
    }

    [Fact]
    public async Task Write_SameSourceTwiceInOneWrite_TheLaterWins()
    {
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        var write = new SynchronizationWrite();
        write.Entries.Add(Entry(source) with { TargetId = "first" });
        write.Entries.Add(Entry(source) with { TargetId = "second" });

        await store.WriteAsync(JobId, write, Cancellation);

        (await store.GetEntriesAsync(JobId, [source], Cancellation))[source].TargetId.ShouldBe("second");
    }

    [Fact]
    public async Task Write_RemovedEntries_GoneAndOthersKept()
    {
        await using var store = await CreateStoreAsync();
        var removed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await WriteEntriesAsync(store, JobId, Entry(removed), Entry(kept));
        await WriteEntriesAsync(store, "scim.other", Entry(removed));
        var write = new SynchronizationWrite();
        write.RemovedEntries.Add(removed);
        write.RemovedEntries.Add(Guid.NewGuid());

        await store.WriteAsync(JobId, write, Cancellation);

        (await store.GetEntriesAsync(JobId, [removed, kept], Cancellation)).Keys.ShouldBe([kept]);
        (await store.GetEntriesAsync("scim.other", [removed], Cancellation)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Write_RemovedAndWrittenInOneWrite_RemovalFirstSoTheEntryStays()
    {
        // SynchronizationWrite: entries removed, then entries written; escrows resolved, then escrows raised.
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        await WriteEntriesAsync(store, JobId, Entry(source) with { TargetId = "old" });
        var write = new SynchronizationWrite();
        write.RemovedEntries.Add(source);
        write.Entries.Add(Entry(source) with { TargetId = "new" });
        write.ResolvedEscrows.Add(new EscrowKey(source, EscrowKind.Object));
        write.Escrows.Add(Escrow(source, EscrowKind.Object, T0));

        await store.WriteAsync(JobId, write, Cancellation);

        (await store.GetEntriesAsync(JobId, [source], Cancellation))[source].TargetId.ShouldBe("new");
        (await ReadAllAsync(store.ReadEscrowsAsync(JobId, Cancellation))).ShouldHaveSingleItem().SourceId.ShouldBe(source);
    }

    [Fact]
    public async Task GetEntries_2500Ids_ReturnsExactlyTheStoredOnes()
    {
        await using var store = await CreateStoreAsync();
        var stored = Enumerable.Range(0, 2_500).Select(_ => Guid.NewGuid()).ToList();
        var write = new SynchronizationWrite();
        write.Entries.AddRange(stored.Select(id => Entry(id)));
        await store.WriteAsync(JobId, write, Cancellation);
        var asked = stored.Take(2_000).Concat(Enumerable.Range(0, 500).Select(_ => Guid.NewGuid())).ToList();

        var found = await store.GetEntriesAsync(JobId, asked, Cancellation);

        found.Count.ShouldBe(2_000);
        found.Keys.ShouldBe(stored.Take(2_000), ignoreOrder: true);
        found.ShouldAllBe(pair => pair.Value.SourceId == pair.Key);
    }

    [Fact]
    public async Task ReadEntries_PagedAfterTheLastSourceId_EveryEntryOfTheTypeOnceInTheStoresOrder()
    {
        await using var store = await CreateStoreAsync();
        var users = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        var groups = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await WriteEntriesAsync(store, JobId, [.. users.Select(id => Entry(id)), .. groups.Select(id => Entry(id, "Group"))]);
        await WriteEntriesAsync(store, "scim.other", Entry(Guid.NewGuid()));

        var all = await ReadAllAsync(store.ReadEntriesAsync(JobId, "User", null, 1_000, Cancellation));
        var paged = new List<ConnectorEntry>();
        var pages = 0;
        Guid? after = null;
        while (true)
        {
            var page = await ReadAllAsync(store.ReadEntriesAsync(JobId, "User", after, 7, Cancellation));
            page.Count.ShouldBeLessThanOrEqualTo(7);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            paged.AddRange(page);
            after = page[^1].SourceId;
        }

        all.Select(entry => entry.SourceId).ShouldBe(users, ignoreOrder: true);
        paged.Select(entry => entry.SourceId).ShouldBe(all.Select(entry => entry.SourceId));
        pages.ShouldBe(4);
        paged.ShouldAllBe(entry => entry.ObjectType == "User");
    }

    [Fact]
    public async Task CountEntries_SeveralTypes_CountsEachTypeOfThatJob()
    {
        await using var store = await CreateStoreAsync();
        await WriteEntriesAsync(store, JobId, Entry(Guid.NewGuid()), Entry(Guid.NewGuid()), Entry(Guid.NewGuid()), Entry(Guid.NewGuid(), "Group"));
        await WriteEntriesAsync(store, "scim.other", Entry(Guid.NewGuid()));

        var counts = await store.CountEntriesAsync(JobId, Cancellation);

        counts.Count.ShouldBe(2);
        counts["User"].ShouldBe(3);
        counts["Group"].ShouldBe(1);
        (await store.CountEntriesAsync("scim.none", Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_Escrows_ReadBackWithEveryFieldAndCountedByKind()
    {
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        var other = Guid.NewGuid();
        var objectEscrow = new EscrowEntry
        {
            SourceId = source,
            ObjectType = "User",
            Kind = EscrowKind.Object,
            Action = "create",
            ErrorCode = "SystemForCrossDomainIdentityManagementServiceIncompatible",
            Reason = "The SCIM endpoint answered 500.",
            DisplayName = "ana@contoso.com",
            FirstFailure = T0.AddTicks(1),
            LastFailure = T0.AddMinutes(40).AddTicks(2),
            Attempts = 3,
            NextRetry = T0.AddHours(2).AddTicks(3),
        };
        var write = new SynchronizationWrite();
        write.Escrows.Add(objectEscrow);
        write.Escrows.Add(Escrow(source, EscrowKind.Reference, T0));
        write.Escrows.Add(Escrow(other, EscrowKind.Reference, T0));

        await store.WriteAsync(JobId, write, Cancellation);
        var escrows = await ReadAllAsync(store.ReadEscrowsAsync(JobId, Cancellation));
        var counts = await store.CountEscrowsAsync(JobId, Cancellation);

        escrows.ShouldBe([objectEscrow, Escrow(source, EscrowKind.Reference, T0), Escrow(other, EscrowKind.Reference, T0)], ignoreOrder: true);
        escrows.Where(escrow => escrow.SourceId == source).Select(escrow => escrow.Kind).ShouldBe([EscrowKind.Object, EscrowKind.Reference]);
        counts.ShouldBe(new EscrowCounts(1, 2));
        (await store.CountEscrowsAsync("scim.other", Cancellation)).ShouldBe(new EscrowCounts(0, 0));
    }

    [Fact]
    public async Task Write_EscrowRaisedAgain_ReplacesItAndResolvingRemovesOnlyThatKind()
    {
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        var first = new SynchronizationWrite();
        first.Escrows.Add(Escrow(source, EscrowKind.Object, T0));
        first.Escrows.Add(Escrow(source, EscrowKind.Reference, T0));
        await store.WriteAsync(JobId, first, Cancellation);
        var retried = Escrow(source, EscrowKind.Object, T0) with { Attempts = 2, LastFailure = T0.AddMinutes(10), NextRetry = T0.AddMinutes(50), ErrorCode = "TooManyRequests" };
        var again = new SynchronizationWrite();
        again.Escrows.Add(retried);

        await store.WriteAsync(JobId, again, Cancellation);
        var afterRetry = await ReadAllAsync(store.ReadEscrowsAsync(JobId, Cancellation));
        var resolve = new SynchronizationWrite();
        resolve.ResolvedEscrows.Add(new EscrowKey(source, EscrowKind.Reference));
        await store.WriteAsync(JobId, resolve, Cancellation);

        afterRetry.Count.ShouldBe(2);
        afterRetry.Single(escrow => escrow.Kind == EscrowKind.Object).ShouldBe(retried);
        (await ReadAllAsync(store.ReadEscrowsAsync(JobId, Cancellation))).ShouldBe([retried]);
    }

    [Fact]
    public async Task ReadDueEscrows_DueBy_IncludesTheBoundaryEarliestFirstUpToTheLimit()
    {
        await using var store = await CreateStoreAsync();
        var write = new SynchronizationWrite();
        foreach (var minutes in new[] { 30, 10, 20, 50 })
        {
            write.Escrows.Add(Escrow(Guid.NewGuid(), EscrowKind.Object, T0.AddMinutes(minutes)));
        }

        await store.WriteAsync(JobId, write, Cancellation);
        await store.WriteAsync("scim.other", Copy(write.Escrows), Cancellation);
        var dueBy = T0.AddMinutes(30);

        var due = await ReadAllAsync(store.ReadDueEscrowsAsync(JobId, dueBy, 10, Cancellation));
        var limited = await ReadAllAsync(store.ReadDueEscrowsAsync(JobId, dueBy, 2, Cancellation));
        var oneTickBefore = await ReadAllAsync(store.ReadDueEscrowsAsync(JobId, dueBy.AddTicks(-1), 10, Cancellation));

        due.Select(escrow => escrow.NextRetry).ShouldBe([T0.AddMinutes(10), T0.AddMinutes(20), T0.AddMinutes(30)]);
        limited.Select(escrow => escrow.NextRetry).ShouldBe([T0.AddMinutes(10), T0.AddMinutes(20)]);
        oneTickBefore.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Write_LastItemFails_NothingOfTheWriteRemains()
    {
        await using var store = await CreateStoreAsync();
        var existing = Guid.NewGuid();
        var escrowed = Guid.NewGuid();
        var before = new SynchronizationWrite { State = new CycleState { Watermark = 5 } };
        before.Entries.Add(Entry(existing));
        before.Escrows.Add(Escrow(escrowed, EscrowKind.Object, T0));
        await store.WriteAsync(JobId, before, Cancellation);
        var fresh = Guid.NewGuid();
        var failing = new SynchronizationWrite
        {
            State = new CycleState { Watermark = 6, Checkpoint = Checkpoint("cycle-2") },
        };
        failing.RemovedEntries.Add(existing);
        failing.Entries.Add(Entry(fresh));
        failing.ResolvedEscrows.Add(new EscrowKey(escrowed, EscrowKind.Object));
        failing.Escrows.Add(Escrow(fresh, EscrowKind.Reference, T0));
        failing.Logs.Add(Log("log-1", T0, JobId));
        failing.Logs.Add(Log("log-2", T0, JobId));
        failing.Logs.Add(Log("log-1", T0.AddSeconds(1), JobId)); // the logs' primary key refuses it

        await Should.ThrowAsync<DbException>(() => store.WriteAsync(JobId, failing, Cancellation));

        (await store.GetEntriesAsync(JobId, [existing, fresh], Cancellation)).Keys.ShouldBe([existing]);
        (await ReadAllAsync(store.ReadEscrowsAsync(JobId, Cancellation))).Select(escrow => escrow.SourceId).ShouldBe([escrowed]);
        (await store.GetCycleStateAsync(JobId, Cancellation)).ShouldBe(new CycleState { Watermark = 5 });
        (await store.GetLogAsync("log-1", Cancellation)).ShouldBeNull();
        (await store.GetLogAsync("log-2", Cancellation)).ShouldBeNull();
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public async Task Reset_Scope_ClearsWhatWasAskedOfThatJobOnly(bool watermark, bool escrows, bool connectorDataStore)
    {
        await using var store = await CreateStoreAsync();
        var source = Guid.NewGuid();
        foreach (var job in new[] { JobId, "scim.other" })
        {
            var write = new SynchronizationWrite { State = new CycleState { Watermark = 9, Checkpoint = Checkpoint("cycle-1") } };
            write.Entries.Add(Entry(source));
            write.Escrows.Add(Escrow(source, EscrowKind.Object, T0));
            write.Logs.Add(Log($"log-{job}", T0, job));
            await store.WriteAsync(job, write, Cancellation);
        }

        await store.ResetAsync(JobId, new SynchronizationReset { Watermark = watermark, Escrows = escrows, ConnectorDataStore = connectorDataStore }, Cancellation);

        var state = await store.GetCycleStateAsync(JobId, Cancellation);
        (state == CycleState.Initial).ShouldBe(watermark);
        (await store.CountEscrowsAsync(JobId, Cancellation)).Total.ShouldBe(escrows ? 0 : 1);
        (await store.GetEntriesAsync(JobId, [source], Cancellation)).Count.ShouldBe(connectorDataStore ? 0 : 1);
        (await store.GetLogAsync($"log-{JobId}", Cancellation)).ShouldNotBeNull();
        (await store.GetCycleStateAsync("scim.other", Cancellation)).Watermark.ShouldBe(9);
        (await store.CountEscrowsAsync("scim.other", Cancellation)).Total.ShouldBe(1);
        (await store.GetEntriesAsync("scim.other", [source], Cancellation)).Count.ShouldBe(1);
    }

    protected static ConnectorEntry Entry(Guid sourceId, string objectType = "User") => new()
    {
        SourceId = sourceId,
        ObjectType = objectType,
        TargetId = $"target-{sourceId:N}",
        ExportedValues = new JsonObject { ["externalId"] = sourceId.ToString() },
        LastModified = T0,
    };

    protected static EscrowEntry Escrow(Guid sourceId, EscrowKind kind, DateTimeOffset nextRetry) => new()
    {
        SourceId = sourceId,
        ObjectType = "User",
        Kind = kind,
        Action = kind == EscrowKind.Object ? "update" : "other",
        ErrorCode = "TooManyRequests",
        FirstFailure = T0.AddMinutes(-40),
        LastFailure = T0.AddMinutes(-40),
        NextRetry = nextRetry,
    };

    protected static CycleCheckpoint Checkpoint(string cycleId) => new() { CycleId = cycleId, Kind = CycleKind.Initial, Began = T0, Phase = "User" };

    protected static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var all = new List<T>();
        await foreach (var item in items)
        {
            all.Add(item);
        }

        return all;
    }

    private static async Task WriteEntriesAsync(ISynchronizationStore store, string jobId, params ConnectorEntry[] entries)
    {
        var write = new SynchronizationWrite();
        write.Entries.AddRange(entries);
        await store.WriteAsync(jobId, write, Cancellation);
    }

    private static SynchronizationWrite Copy(IEnumerable<EscrowEntry> escrows)
    {
        var write = new SynchronizationWrite();
        write.Escrows.AddRange(escrows);
        return write;
    }

    private static void ShouldBeEqual(ConnectorEntry actual, ConnectorEntry expected)
    {
        (actual.SourceId, actual.ObjectType, actual.TargetId, actual.State, actual.DisplayName, actual.LastModified)
            .ShouldBe((expected.SourceId, expected.ObjectType, expected.TargetId, expected.State, expected.DisplayName, expected.LastModified));
        actual.LastModified.Ticks.ShouldBe(expected.LastModified.UtcTicks);
        JsonAssert.Equal(expected.ExportedValues, actual.ExportedValues);
        JsonAssert.Equal(expected.ExportedReferences, actual.ExportedReferences);
    }
}
