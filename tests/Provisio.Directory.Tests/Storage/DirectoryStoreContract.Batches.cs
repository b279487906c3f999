using System.Text.Json.Nodes;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;

namespace Provisio.Directory.Tests.Storage;

/// <summary>Bulk writes: one transaction per batch, upserts by id or userPrincipalName, all or nothing.</summary>
public abstract partial class DirectoryStoreContract
{
    [Fact]
    public async Task WriteBatch_ObjectsAndReferencesToEachOther_AllWrittenAndInTheFeed()
    {
        await using var store = await CreateStoreAsync();
        Guid boss = Guid.NewGuid(), report = Guid.NewGuid(), group = Guid.NewGuid();

        var result = await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("boss@contoso.com", "Boss"), boss),
                new(DirectoryObjectKind.User, User("report@contoso.com", "Report"), report),
                new(DirectoryObjectKind.User, User("free@contoso.com", "Free")),
                new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Team" }, group),
            ],
            [
                new(report, DirectoryRelation.Manager, boss),
                new(group, DirectoryRelation.Member, boss),
                new(group, DirectoryRelation.Member, report),
            ]), Cancellation);

        result.Written.ShouldBeTrue();
        (result.Created, result.Updated, result.ReferencesAdded).ShouldBe((4, 0, 3));
        result.Ids.Take(2).ShouldBe([boss, report]);
        (await store.FindUserByPrincipalNameAsync("free@contoso.com", Cancellation))!.Id.ShouldBe(result.Ids[2]);
        (await ReferencesAsync(store, report, DirectoryRelation.Manager)).Single().TargetId.ShouldBe(boss);
        (await ReferencesAsync(store, group, DirectoryRelation.Member)).Select(member => member.TargetId).Order().ShouldBe(new[] { boss, report }.Order());
        (await ChangesAsync(store, 0)).Select(change => change.Id).Order().ShouldBe(result.Ids.Order());
    }

    [Fact]
    public async Task WriteBatch_SameUsersAgain_UpdatesThemByPrincipalNameAndKeepsReferences()
    {
        await using var store = await CreateStoreAsync();
        var first = await store.WriteBatchAsync(new DirectoryBatch([new(DirectoryObjectKind.User, User("ana@contoso.com", "Ana"))], []), Cancellation);
        var watermark = (await ChangesAsync(store, 0)).Max(change => change.Sequence);

        var again = await store.WriteBatchAsync(new DirectoryBatch(
            [new(DirectoryObjectKind.User, new JsonObject { ["userPrincipalName"] = "ANA@contoso.com", ["department"] = "Sales" })], []), Cancellation);

        (again.Created, again.Updated).ShouldBe((0, 1));
        again.Ids.ShouldBe(first.Ids);
        var user = (await store.GetAsync(first.Ids[0], Cancellation))!;
        (user["displayName"], user["department"]).ShouldBe(("Ana", "Sales"));
        (await ChangesAsync(store, watermark)).Single().Id.ShouldBe(first.Ids[0]);
    }

    [Fact]
    public async Task WriteBatch_ExistingReferenceAgain_NotAnErrorAndNotCounted()
    {
        await using var store = await CreateStoreAsync();
        Guid group = Guid.NewGuid(), member = Guid.NewGuid();
        var batch = new DirectoryBatch(
            [new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Team" }, group), new(DirectoryObjectKind.User, User("m@contoso.com", "M"), member)],
            [new(group, DirectoryRelation.Member, member)]);
        await store.WriteBatchAsync(batch, Cancellation);

        var again = await store.WriteBatchAsync(batch, Cancellation);

        again.Written.ShouldBeTrue();
        (again.Updated, again.ReferencesAdded).ShouldBe((2, 0));
        (await ReferencesAsync(store, group, DirectoryRelation.Member)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task WriteBatch_ReferencesBetweenExistingObjects_SourceMovesInTheFeedAndManagerIsReplaced()
    {
        await using var store = await CreateStoreAsync();
        var ids = (await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("a@contoso.com", "A")),
                new(DirectoryObjectKind.User, User("b@contoso.com", "B")),
                new(DirectoryObjectKind.User, User("c@contoso.com", "C")),
            ], []), Cancellation)).Ids;
        await store.AddReferenceAsync(new(ids[0], DirectoryRelation.Manager, ids[1]), Cancellation);
        var watermark = (await ChangesAsync(store, 0)).Max(change => change.Sequence);

        var result = await store.WriteBatchAsync(new DirectoryBatch([], [new(ids[0], DirectoryRelation.Manager, ids[2])]), Cancellation);

        result.ReferencesAdded.ShouldBe(1);
        (await ReferencesAsync(store, ids[0], DirectoryRelation.Manager)).Single().TargetId.ShouldBe(ids[2]);
        (await ChangesAsync(store, watermark)).Single().Id.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task WriteBatch_RefusedItems_ReportedByIndexAndNothingWritten()
    {
        await using var store = await CreateStoreAsync();
        var existing = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Old" }, Cancellation)).Value!;
        var deleted = (await store.CreateAsync(DirectoryObjectKind.User, User("gone@contoso.com", "Gone"), Cancellation)).Value!;
        await store.SoftDeleteAsync(deleted.Id, Cancellation);
        var before = await ChangesAsync(store, 0);
        var good = Guid.NewGuid();

        var result = await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("good@contoso.com", "Good"), good),
                new(DirectoryObjectKind.User, User("gone@contoso.com", "Back?")),
                new(DirectoryObjectKind.User, User("other@contoso.com", "Other"), existing.Id),
            ],
            [
                new(good, DirectoryRelation.Manager, Guid.NewGuid()),
                new(existing.Id, DirectoryRelation.Member, good),
                new(good, DirectoryRelation.Manager, good),
            ]), Cancellation);

        result.Written.ShouldBeFalse();
        result.ObjectErrors.Select(error => error.Index).ShouldBe([1, 2]);
        result.ReferenceErrors.Select(error => (error.Index, error.Error.Code)).ShouldBe([(0, DirectoryError.NotFound), (2, DirectoryError.BadRequest)]);
        (await store.FindUserByPrincipalNameAsync("good@contoso.com", Cancellation)).ShouldBeNull();
        (await ChangesAsync(store, 0)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task WriteBatch_DuplicatesWithinTheBatch_RefusedBeforeWriting()
    {
        await using var store = await CreateStoreAsync();
        var id = Guid.NewGuid();

        var result = await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("twin@contoso.com", "One"), id),
                new(DirectoryObjectKind.User, User("TWIN@contoso.com", "Two")),
                new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Same id" }, id),
                new(DirectoryObjectKind.User, new JsonObject { ["displayName"] = "No name" }),
            ], []), Cancellation);

        result.Written.ShouldBeFalse();
        result.ObjectErrors.Select(error => error.Index).Order().ShouldBe([1, 2, 3]);
        (await ChangesAsync(store, 0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteBatch_RenamingOntoAnotherUsersName_Refused()
    {
        await using var store = await CreateStoreAsync();
        var ids = (await store.WriteBatchAsync(new DirectoryBatch(
            [new(DirectoryObjectKind.User, User("a@contoso.com", "A")), new(DirectoryObjectKind.User, User("b@contoso.com", "B"))], []), Cancellation)).Ids;

        var result = await store.WriteBatchAsync(new DirectoryBatch(
            [new(DirectoryObjectKind.User, new JsonObject { ["userPrincipalName"] = "B@contoso.com" }, ids[0])], []), Cancellation);

        result.ObjectErrors.Single().Error.Code.ShouldBe(DirectoryError.Conflict);
        (await store.GetAsync(ids[0], Cancellation))!["userPrincipalName"].ShouldBe("a@contoso.com");
    }

    [Fact]
    public async Task GetReferencesTo_GroupsOfAMemberAndAssignmentsOfAUser_BySourceWithRoles()
    {
        await using var store = await CreateStoreAsync();
        Guid user = Guid.NewGuid(), sales = Guid.NewGuid(), support = Guid.NewGuid(), app = Guid.NewGuid(), role = Guid.NewGuid();
        await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("m@contoso.com", "M"), user),
                new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Sales" }, sales),
                new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Support" }, support),
                new(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["displayName"] = "App" }, app),
            ],
            [
                new(sales, DirectoryRelation.Member, user),
                new(support, DirectoryRelation.Member, user),
                new(app, DirectoryRelation.AppRoleAssignment, user, role),
                new(app, DirectoryRelation.AppRoleAssignment, sales, Guid.Empty),
            ]), Cancellation);

        var groups = await store.GetReferencesToAsync(user, DirectoryRelation.Member, Cancellation).ToListAsync(Cancellation);
        var assignments = await store.GetReferencesToAsync(user, DirectoryRelation.AppRoleAssignment, Cancellation).ToListAsync(Cancellation);
        var ofSales = await store.GetReferencesToAsync(sales, DirectoryRelation.AppRoleAssignment, Cancellation).ToListAsync(Cancellation);

        groups.Select(reference => reference.SourceId).Order().ShouldBe(new[] { sales, support }.Order());
        groups.ShouldAllBe(reference => reference.TargetId == user && reference.Relation == DirectoryRelation.Member);
        assignments.ShouldBe([new DirectoryReference(app, DirectoryRelation.AppRoleAssignment, user, role)]);
        ofSales.Single().AppRoleId.ShouldBe(Guid.Empty);
    }

    [Fact]
    public async Task GetReferences_OfSeveralSources_OneRelationOnlyAndNothingForAnEmptySet()
    {
        await using var store = await CreateStoreAsync();
        Guid ann = Guid.NewGuid(), bob = Guid.NewGuid(), boss = Guid.NewGuid(), sales = Guid.NewGuid(), other = Guid.NewGuid();
        await store.WriteBatchAsync(new DirectoryBatch(
            [
                new(DirectoryObjectKind.User, User("ann@contoso.com", "Ann"), ann),
                new(DirectoryObjectKind.User, User("bob@contoso.com", "Bob"), bob),
                new(DirectoryObjectKind.User, User("boss@contoso.com", "Boss"), boss),
                new(DirectoryObjectKind.User, User("other@contoso.com", "Other"), other),
                new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Sales" }, sales),
            ],
            [
                new(ann, DirectoryRelation.Manager, boss),
                new(bob, DirectoryRelation.Manager, boss),
                new(other, DirectoryRelation.Manager, boss),
                new(sales, DirectoryRelation.Member, ann),
            ]), Cancellation);

        var managers = await store.GetReferencesAsync([ann, bob, sales], DirectoryRelation.Manager, Cancellation).ToListAsync(Cancellation);
        var members = await store.GetReferencesAsync([ann, bob, sales], DirectoryRelation.Member, Cancellation).ToListAsync(Cancellation);
        var none = await store.GetReferencesAsync([], DirectoryRelation.Manager, Cancellation).ToListAsync(Cancellation);

        managers.Select(reference => reference.SourceId).Order().ShouldBe(new[] { ann, bob }.Order());
        managers.ShouldAllBe(reference => reference.TargetId == boss && reference.Relation == DirectoryRelation.Manager);
        members.ShouldBe([new DirectoryReference(sales, DirectoryRelation.Member, ann)]);
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLatestSequence_ZeroWhenEmpty_ThenTheLastChangesSequence()
    {
        await using var store = await CreateStoreAsync();
        var empty = await store.GetLatestSequenceAsync(Cancellation);
        await store.CreateAsync(DirectoryObjectKind.User, User("one@contoso.com", "One"), Cancellation);
        var two = (await store.CreateAsync(DirectoryObjectKind.User, User("two@contoso.com", "Two"), Cancellation)).Value!;

        var latest = await store.GetLatestSequenceAsync(Cancellation);
        var changes = await store.ReadChangesAsync(0, 10, Cancellation).ToListAsync(Cancellation);

        empty.ShouldBe(0);
        latest.ShouldBe(changes.Max(change => change.Sequence));
        (await store.ReadChangesAsync(latest, 10, Cancellation).ToListAsync(Cancellation)).ShouldBeEmpty();
        changes.Single(change => change.Id == two.Id).Sequence.ShouldBe(latest);
    }

    [Fact]
    public async Task PurgeDeleted_LiveObject_RefusedAndKept_SoftDeletedOne_Purged()
    {
        await using var store = await CreateStoreAsync();
        var live = (await store.CreateAsync(DirectoryObjectKind.User, User("live@contoso.com", "Live"), Cancellation)).Value!;
        var gone = (await store.CreateAsync(DirectoryObjectKind.User, User("gone@contoso.com", "Gone"), Cancellation)).Value!;
        await store.SoftDeleteAsync(gone.Id, Cancellation);

        var onLive = await store.PurgeDeletedAsync(live.Id, Cancellation);
        var onGone = await store.PurgeDeletedAsync(gone.Id, Cancellation);

        onLive.Error!.Code.ShouldBe(DirectoryError.NotFound);
        (await store.GetAsync(live.Id, Cancellation)).ShouldNotBeNull();
        onGone.Succeeded.ShouldBeTrue();
        (await store.GetAsync(gone.Id, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task NulCharacter_RefusedAsBadInputOnEveryDatabaseAndNothingWritten()
    {
        // PostgreSQL text and jsonb cannot hold U+0000; every store refuses it alike, naming the batch item.
        await using var store = await CreateStoreAsync();
        var user = (await store.CreateAsync(DirectoryObjectKind.User, User("ok@contoso.com", "Ok"), Cancellation)).Value!;

        var inProperty = await store.CreateAsync(DirectoryObjectKind.User, new JsonObject { ["userPrincipalName"] = "nul@contoso.com", ["displayName"] = "A\0B" }, Cancellation);
        var inPrincipalName = await store.CreateAsync(DirectoryObjectKind.User, User("nul\0@contoso.com", "N"), Cancellation);
        var inUpdate = await store.UpdateAsync(user.Id, new JsonObject { ["proxyAddresses"] = new JsonArray("smtp:a\0b") }, Cancellation);
        var inBatch = await store.WriteBatchAsync(new DirectoryBatch(
            [new(DirectoryObjectKind.User, User("fine@contoso.com", "Fine")), new(DirectoryObjectKind.User, User("bad@contoso.com", "B\0"))], []), Cancellation);

        (inProperty.Error!.Code, inPrincipalName.Error!.Code, inUpdate.Error!.Code).ShouldBe((DirectoryError.BadRequest, DirectoryError.BadRequest, DirectoryError.BadRequest));
        inBatch.ObjectErrors.Single().Index.ShouldBe(1);
        (await ChangesAsync(store, user.Sequence)).ShouldBeEmpty();
        (await store.FindUserByPrincipalNameAsync("fine@contoso.com", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task ServicePrincipals_SameAppIdTwice_ConflictFromTheDatabaseEvenInABatch()
    {
        await using var store = await CreateStoreAsync();
        var appId = Guid.NewGuid().ToString();
        var first = await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["appId"] = appId, ["displayName"] = "One" }, Cancellation);
        var before = await ChangesAsync(store, 0);

        var second = await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["appId"] = appId, ["displayName"] = "Two" }, Cancellation);
        var inBatch = await store.WriteBatchAsync(new DirectoryBatch([new(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["appId"] = appId })], []), Cancellation);
        var otherApp = await store.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject { ["appId"] = Guid.NewGuid().ToString() }, Cancellation);
        var groupWithAppId = await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "G", ["appId"] = appId }, Cancellation);

        first.Succeeded.ShouldBeTrue();
        second.Error!.Code.ShouldBe(DirectoryError.Conflict);
        inBatch.Written.ShouldBeFalse();
        otherApp.Succeeded.ShouldBeTrue();
        groupWithAppId.Succeeded.ShouldBeTrue("only service principals' appIds are unique");
        (await ChangesAsync(store, 0)).Count.ShouldBe(before.Count + 2);
    }

    [Fact]
    public async Task WriteBatch_IdOfAPermanentlyDeletedObject_RefusedAsIdsAreNeverReused()
    {
        await using var store = await CreateStoreAsync();
        var gone = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Gone" }, Cancellation)).Value!;
        await store.PurgeAsync(gone.Id, Cancellation);

        var result = await store.WriteBatchAsync(new DirectoryBatch([new(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Again" }, gone.Id)], []), Cancellation);

        result.ObjectErrors.Single().Error.Code.ShouldBe(DirectoryError.Conflict);
        (await store.GetAsync(gone.Id, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Create_WithTheIdOfAnExistingOrPurgedObject_Conflict()
    {
        await using var store = await CreateStoreAsync();
        var live = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Live" }, Cancellation)).Value!;
        var gone = (await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Gone" }, Cancellation)).Value!;
        await store.PurgeAsync(gone.Id, Cancellation);

        var onLive = await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["id"] = live.Id.ToString(), ["displayName"] = "X" }, Cancellation);
        var onGone = await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["id"] = gone.Id.ToString(), ["displayName"] = "Y" }, Cancellation);

        onLive.Error!.Code.ShouldBe(DirectoryError.Conflict);
        onGone.Error!.Code.ShouldBe(DirectoryError.Conflict);
        (await store.GetAsync(live.Id, Cancellation))!["displayName"].ShouldBe("Live");
    }
}
