using System.Text.Json.Nodes;
using Provisio.Directory.Model;

namespace Provisio.Directory.Tests.Storage;

/// <summary>
/// What every directory store must do, whatever its database (STYLE.md §6: one abstract suite, each database a subclass).
/// </summary>
public abstract partial class DirectoryStoreContract
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract Task<IDirectoryStore> CreateStoreAsync();

    [Fact]
    public async Task Create_User_ReadBackByIdAndPrincipalName()
    {
        await using var store = await CreateStoreAsync();

        var created = await store.CreateAsync(DirectoryObjectKind.User, User("ana@contoso.com", "Ana Souza"), Cancellation);
        var byId = await store.GetAsync(created.Value!.Id, Cancellation);
        var byName = await store.FindUserByPrincipalNameAsync("ANA@contoso.com", Cancellation);

        byId!["displayName"].ShouldBe("Ana Souza");
        byName!.Id.ShouldBe(created.Value.Id);
        byId.Kind.ShouldBe(DirectoryObjectKind.User);
    }

    [Fact]
    public async Task Create_DuplicatePrincipalNameInOtherCase_ConflictAndNothingWritten()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(DirectoryObjectKind.User, User("ana@contoso.com", "Ana"), Cancellation);
        var before = await ChangesAsync(store, 0);

        var duplicate = await store.CreateAsync(DirectoryObjectKind.User, User("ANA@CONTOSO.COM", "Other"), Cancellation);

        duplicate.Error!.Code.ShouldBe(DirectoryError.Conflict);
        (await ChangesAsync(store, 0)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task Create_UserWithoutPrincipalName_BadRequest()
    {
        await using var store = await CreateStoreAsync();

        var result = await store.CreateAsync(DirectoryObjectKind.User, new JsonObject { ["displayName"] = "Nobody" }, Cancellation);

        result.Error!.Code.ShouldBe(DirectoryError.BadRequest);
    }

    [Fact]
    public async Task Update_MergesAndRemovesProperties()
    {
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("bo@contoso.com", "Bo"), Cancellation)).Value!;

        var updated = await store.UpdateAsync(user.Id, new JsonObject { ["department"] = "Sales", ["displayName"] = null }, Cancellation);

        updated.Value!["department"].ShouldBe("Sales");
        (await store.GetAsync(user.Id, Cancellation))!.Properties.ContainsKey("displayName").ShouldBeFalse();
        updated.Value.Sequence.ShouldBeGreaterThan(user.Sequence);
    }

    [Fact]
    public async Task SoftDelete_ThenRestore_ObjectKeepsItsIdAndFeedShowsBoth()
    {
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("cy@contoso.com", "Cy"), Cancellation)).Value!;

        var deleted = await store.SoftDeleteAsync(user.Id, Cancellation);
        var afterDelete = await ChangesAsync(store, user.Sequence);
        var restored = await store.RestoreAsync(user.Id, Cancellation);

        deleted.Value!.IsSoftDeleted.ShouldBeTrue();
        afterDelete.Single().Object!.IsSoftDeleted.ShouldBeTrue();
        restored.Value!.IsSoftDeleted.ShouldBeFalse();
        (await store.FindUserByPrincipalNameAsync("cy@contoso.com", Cancellation))!.Id.ShouldBe(user.Id);
    }

    [Fact]
    public async Task SoftDelete_PrincipalNameStaysTaken_UntilPurged()
    {
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("di@contoso.com", "Di"), Cancellation)).Value!;
        await store.SoftDeleteAsync(user.Id, Cancellation);

        var whileDeleted = await store.CreateAsync(DirectoryObjectKind.User, User("di@contoso.com", "Di 2"), Cancellation);
        await store.PurgeAsync(user.Id, Cancellation);
        var afterPurge = await store.CreateAsync(DirectoryObjectKind.User, User("di@contoso.com", "Di 3"), Cancellation);

        whileDeleted.Error!.Code.ShouldBe(DirectoryError.Conflict);
        afterPurge.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Purge_FeedHasTombstoneAndGroupThatLostTheMember()
    {
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("ed@contoso.com", "Ed"), Cancellation)).Value!;
        var group = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Sales" }, Cancellation)).Value!;
        await store.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, user.Id), Cancellation);
        var watermark = (await ChangesAsync(store, 0)).Max(change => change.Sequence);

        await store.PurgeAsync(user.Id, Cancellation);

        var changes = await ChangesAsync(store, watermark);
        changes.Single(change => change.Id == user.Id).IsPurged.ShouldBeTrue();
        changes.ShouldContain(change => change.Id == group.Id);
        (await ReferencesAsync(store, group.Id, DirectoryRelation.Member)).ShouldBeEmpty();
        (await store.GetAsync(user.Id, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Manager_SetTwice_ReplacesAndReportsUserInFeed()
    {
        await using var store = await CreateStoreAsync();
        var report = (await store.CreateAsync(DirectoryObjectKind.User, User("r@contoso.com", "R"), Cancellation)).Value!;
        var first = (await store.CreateAsync(DirectoryObjectKind.User, User("m1@contoso.com", "M1"), Cancellation)).Value!;
        var second = (await store.CreateAsync(DirectoryObjectKind.User, User("m2@contoso.com", "M2"), Cancellation)).Value!;

        await store.AddReferenceAsync(new DirectoryReference(report.Id, DirectoryRelation.Manager, first.Id), Cancellation);
        var watermark = (await ChangesAsync(store, 0)).Max(change => change.Sequence);
        await store.AddReferenceAsync(new DirectoryReference(report.Id, DirectoryRelation.Manager, second.Id), Cancellation);

        (await ReferencesAsync(store, report.Id, DirectoryRelation.Manager)).Select(reference => reference.TargetId).ShouldBe([second.Id]);
        (await ChangesAsync(store, watermark)).Select(change => change.Id).ShouldBe([report.Id]);
    }

    [Fact]
    public async Task References_DanglingOrWrongKind_RefusedAndNothingWritten()
    {
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("f@contoso.com", "F"), Cancellation)).Value!;
        var group = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "G" }, Cancellation)).Value!;
        var watermark = (await ChangesAsync(store, 0)).Max(change => change.Sequence);

        var dangling = await store.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, Guid.NewGuid()), Cancellation);
        var groupAsManager = await store.AddReferenceAsync(new DirectoryReference(user.Id, DirectoryRelation.Manager, group.Id), Cancellation);
        var self = await store.AddReferenceAsync(new DirectoryReference(user.Id, DirectoryRelation.Manager, user.Id), Cancellation);
        await store.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, user.Id), Cancellation);
        var twice = await store.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, user.Id), Cancellation);
        var missing = await store.RemoveReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, Guid.NewGuid()), Cancellation);

        dangling.Error!.Code.ShouldBe(DirectoryError.NotFound);
        groupAsManager.Error!.Code.ShouldBe(DirectoryError.BadRequest);
        self.Error!.Code.ShouldBe(DirectoryError.BadRequest);
        twice.Error!.Code.ShouldBe(DirectoryError.BadRequest);
        missing.Error!.Code.ShouldBe(DirectoryError.NotFound);
        (await ChangesAsync(store, watermark)).Count.ShouldBe(1); // only the one valid member add
    }

    [Fact]
    public async Task AppRoleAssignment_UserAndGroupAssigned_ReadBackWithRoles()
    {
        await using var store = await CreateStoreAsync();
        var app = (await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "App", ["appId"] = Guid.NewGuid().ToString() }, Cancellation)).Value!;
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("g@contoso.com", "G"), Cancellation)).Value!;
        var role = Guid.NewGuid();

        await store.AddReferenceAsync(new DirectoryReference(app.Id, DirectoryRelation.AppRoleAssignment, user.Id, role), Cancellation);
        await store.AddReferenceAsync(new DirectoryReference(app.Id, DirectoryRelation.AppRoleAssignment, user.Id, Guid.Empty), Cancellation);

        var assignments = await ReferencesAsync(store, app.Id, DirectoryRelation.AppRoleAssignment);
        assignments.Select(assignment => assignment.AppRoleId).ShouldBe([role, Guid.Empty], ignoreOrder: true);
    }

    [Fact]
    public async Task ChangeFeed_EachChangedObjectOnceInLatestStateInOrder()
    {
        await using var store = await CreateStoreAsync();
        var a = (await store.CreateAsync(DirectoryObjectKind.User, User("a@contoso.com", "A"), Cancellation)).Value!;
        var b = (await store.CreateAsync(DirectoryObjectKind.User, User("b@contoso.com", "B"), Cancellation)).Value!;
        await store.UpdateAsync(a.Id, new JsonObject { ["displayName"] = "A2" }, Cancellation);

        var changes = await ChangesAsync(store, 0);

        changes.Select(change => change.Id).ShouldBe([b.Id, a.Id]);
        changes[1].Object!["displayName"].ShouldBe("A2");
        changes.Select(change => change.Sequence).ShouldBeInOrder();
        (await ChangesAsync(store, changes[^1].Sequence)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChangeFeed_ReadInPages_SeesEverythingOnce()
    {
        await using var store = await CreateStoreAsync();
        for (var i = 0; i < 25; i++)
        {
            await store.CreateAsync(DirectoryObjectKind.User, User($"p{i}@contoso.com", $"P{i}"), Cancellation);
        }

        var seen = new List<Guid>();
        long watermark = 0;
        while (true)
        {
            var page = await ChangesAsync(store, watermark, limit: 7);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(change => change.Id));
            watermark = page[^1].Sequence;
        }

        seen.Count.ShouldBe(25);
        seen.ShouldBeUnique();
    }

    [Fact]
    public async Task ChangeFeed_ConcurrentWritersAndReader_ReaderNeverSkipsAChange()
    {
        // The high-water-mark bug: a reader that advances past a sequence number whose transaction commits later loses
        // that change forever. Writers and a polling reader race here; the reader must end up with every object.
        await using var store = await CreateStoreAsync();
        const int Writers = 4, PerWriter = 40;
        var seen = new HashSet<Guid>();
        long watermark = 0;
        var writing = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var created = await store.CreateAsync(DirectoryObjectKind.User, User($"w{writer}.{i}@contoso.com", $"W{writer} {i}"), Cancellation);
                created.Succeeded.ShouldBeTrue(created.Error?.Message);
            }
        }, Cancellation)).ToArray();

        var done = Task.WhenAll(writing);
        while (true)
        {
            var finished = done.IsCompleted;
            foreach (var change in await ChangesAsync(store, watermark, limit: 13))
            {
                change.Sequence.ShouldBeGreaterThan(watermark);
                watermark = change.Sequence;
                seen.Add(change.Id);
            }

            if (finished)
            {
                break;
            }
        }

        await done;
        foreach (var change in await ChangesAsync(store, watermark, limit: 10_000))
        {
            seen.Add(change.Id);
        }

        seen.Count.ShouldBe(Writers * PerWriter);
    }

    protected static JsonObject User(string userPrincipalName, string displayName) => new()
    {
        ["userPrincipalName"] = userPrincipalName,
        ["displayName"] = displayName,
        ["accountEnabled"] = true,
    };

    protected static async Task<List<DirectoryChange>> ChangesAsync(IDirectoryStore store, long after, int limit = 1000)
    {
        var changes = new List<DirectoryChange>();
        await foreach (var change in store.ReadChangesAsync(after, limit, Cancellation))
        {
            changes.Add(change);
        }

        return changes;
    }

    protected static async Task<List<DirectoryReference>> ReferencesAsync(IDirectoryStore store, Guid source, DirectoryRelation relation)
    {
        var references = new List<DirectoryReference>();
        await foreach (var reference in store.GetReferencesAsync(source, relation, Cancellation))
        {
            references.Add(reference);
        }

        return references;
    }
}
