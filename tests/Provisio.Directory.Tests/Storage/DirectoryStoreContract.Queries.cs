using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory.Tests.Storage;

/// <summary>Listing: filters mean what <see cref="DirectoryFilter.Matches"/> says, keyset pages visit every object once.</summary>
public abstract partial class DirectoryStoreContract
{
    public static TheoryData<string> Filters => [.. SampleFilters.Keys];

    private static readonly Dictionary<string, DirectoryFilter> SampleFilters = new()
    {
        ["department eq other case"] = new PropertyFilter("department", FilterOperator.Equal, "sALES"),
        ["department eq beyond ASCII"] = new PropertyFilter("department", FilterOperator.Equal, "ÉTÉ ÇA"),
        ["department ne (missing counts)"] = new PropertyFilter("department", FilterOperator.NotEqual, "Sales"),
        ["department eq null"] = new PropertyFilter("department", FilterOperator.Equal, null),
        ["startswith displayName"] = new PropertyFilter("displayName", FilterOperator.StartsWith, "zo"),
        ["startswith beyond ASCII"] = new PropertyFilter("displayName", FilterOperator.StartsWith, "ÅN"),
        ["startswith userPrincipalName"] = new PropertyFilter("userPrincipalName", FilterOperator.StartsWith, "ANA"),
        ["startswith userPrincipalName with LIKE wildcards"] = new PropertyFilter("userPrincipalName", FilterOperator.StartsWith, "x_"),
        ["userPrincipalName eq other case"] = new PropertyFilter("userPrincipalName", FilterOperator.Equal, "Bo@Contoso.com"),
        ["accountEnabled eq false"] = new PropertyFilter("accountEnabled", FilterOperator.Equal, false),
        ["accountEnabled eq 'true' (a string is not a boolean)"] = new PropertyFilter("accountEnabled", FilterOperator.Equal, "true"),
        ["array property eq"] = new PropertyFilter("proxyAddresses", FilterOperator.Equal, "smtp:ana@contoso.com"),
        ["nested extension attribute"] = new PropertyFilter("onPremisesExtensionAttributes/extensionAttribute1", FilterOperator.Equal, "contractor"),
        ["directory extension"] = new PropertyFilter("extension_4a5b_costCenter", FilterOperator.Equal, "CC-9"),
        ["in"] = new InFilter("department", ["Sales", "Support", null]),
        ["empty in"] = new InFilter("department", []),
        ["in strings (one set test)"] = new InFilter("department", ["SALES", "support", "sales"]),
        ["in userPrincipalName"] = new InFilter("userPrincipalName", ["ANA@contoso.com", "zoe@CONTOSO.com", "nobody@contoso.com"]),
        ["in beyond ASCII"] = new InFilter("displayName", ["ZOË ÅNGSTRÖM", "åsa ÅNGSTRÖM", "nobody"]),
        ["not in"] = new NotFilter(new InFilter("department", ["Sales", "Support"])),
        ["and/or/not"] = new OrFilter(
            new AndFilter(new PropertyFilter("department", FilterOperator.Equal, "Sales"), new NotFilter(new PropertyFilter("accountEnabled", FilterOperator.Equal, true))),
            new PropertyFilter("city", FilterOperator.StartsWith, "Lis")),
        ["not of a missing property"] = new NotFilter(new PropertyFilter("city", FilterOperator.StartsWith, "L")),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Query_Filter_SelectsWhatMatchesSays(string name)
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);
        var filter = SampleFilters[name];

        var page = await store.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, Filter = filter, Top = 999 }, Cancellation);
        var count = await store.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, Filter = filter }, Cancellation);

        var expected = users.Where(user => filter.Matches(user.Id, user.Properties)).Select(user => user.Id).Order().ToList();
        page.Items.Select(item => item.Id).Order().ToList().ShouldBe(expected, name);
        count.ShouldBe(expected.Count);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public async Task Query_IdFilter_FindsExactlyThatObject()
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);

        var page = await store.QueryAsync(new DirectoryQuery
        {
            Kind = DirectoryObjectKind.User,
            Filter = new PropertyFilter("id", FilterOperator.Equal, users[2].Id.ToString().ToUpperInvariant()),
        }, Cancellation);

        page.Items.Single().Id.ShouldBe(users[2].Id);
    }

    [Fact]
    public async Task Query_IdIn_FindsThoseObjectsIgnoringNonIds()
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);

        var page = await store.QueryAsync(new DirectoryQuery
        {
            Kind = DirectoryObjectKind.User,
            Filter = new InFilter("id", [users[1].Id.ToString().ToUpperInvariant(), users[3].Id.ToString(), "not-a-guid"]),
        }, Cancellation);

        page.Items.Select(item => item.Id).Order().ShouldBe(new[] { users[1].Id, users[3].Id }.Order());
    }

    [Fact]
    public async Task Query_PagesOfThree_VisitEveryUserOnceInIdOrderAndNoGroup()
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);
        await store.CreateAsync(DirectoryObjectKind.Group, new JsonObject { ["displayName"] = "Sales" }, Cancellation);

        var seen = await AllPagesAsync(store, new DirectoryQuery { Kind = DirectoryObjectKind.User, Top = 3 });

        seen.ShouldBe(users.Select(user => user.Id).Order().ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Query_OrderByDisplayName_IgnoresCaseMissingFirstAndPagesWithoutGaps(bool descending)
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);

        var seen = await AllPagesAsync(store, new DirectoryQuery { Kind = DirectoryObjectKind.User, OrderBy = "displayName", Descending = descending, Top = 2 });

        var ascending = users.OrderBy(user => FilterValues.Fold(user["displayName"] ?? string.Empty), StringComparer.Ordinal).ThenBy(user => user.Id).ToList();
        var expected = (descending ? ascending.AsEnumerable().Reverse() : ascending).Select(user => user.Id).ToList();
        seen.ShouldBe(expected);
    }

    [Fact]
    public async Task Query_Deleted_ListsOnlySoftDeletedObjects()
    {
        await using var store = await CreateStoreAsync();
        var users = await CreateSampleUsersAsync(store);
        await store.SoftDeleteAsync(users[1].Id, Cancellation);
        await store.SoftDeleteAsync(users[3].Id, Cancellation);
        await store.PurgeAsync(users[3].Id, Cancellation);

        var deleted = await store.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, Deleted = true }, Cancellation);
        var live = await store.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User }, Cancellation);

        deleted.Items.Select(item => item.Id).ShouldBe([users[1].Id]);
        deleted.Items[0].IsSoftDeleted.ShouldBeTrue();
        live.ShouldBe(users.Count - 2);
    }

    private static async Task<List<Guid>> AllPagesAsync(IDirectoryStore store, DirectoryQuery query)
    {
        var seen = new List<Guid>();
        DirectoryCursor? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await store.QueryAsync(query with { After = after }, Cancellation);
            page.Items.Count.ShouldBeLessThanOrEqualTo(query.Top);
            seen.AddRange(page.Items.Select(item => item.Id));
            if (page.Next is null)
            {
                return seen;
            }

            after = page.Next;
        }

        throw new InvalidOperationException("The listing did not end.");
    }

    private static async Task<List<DirectoryObject>> CreateSampleUsersAsync(IDirectoryStore store)
    {
        JsonObject[] samples =
        [
            new() { ["userPrincipalName"] = "ana@contoso.com", ["displayName"] = "Ana Souza", ["department"] = "Sales", ["accountEnabled"] = true, ["city"] = "Lisbon", ["proxyAddresses"] = new JsonArray("smtp:ana@contoso.com") },
            new() { ["userPrincipalName"] = "bo@contoso.com", ["displayName"] = "bo lind", ["department"] = "sales", ["accountEnabled"] = false },
            new() { ["userPrincipalName"] = "zoe@contoso.com", ["displayName"] = "Zoë Ångström", ["department"] = "été ça", ["accountEnabled"] = true, ["extension_4a5b_costCenter"] = "cc-9" },
            new() { ["userPrincipalName"] = "angstrom@contoso.com", ["displayName"] = "Åsa ångström", ["accountEnabled"] = false, ["city"] = "Luleå" },
            new() { ["userPrincipalName"] = "x_y@contoso.com", ["displayName"] = "ANA BELLE", ["department"] = "Support", ["onPremisesExtensionAttributes"] = new JsonObject { ["extensionAttribute1"] = "Contractor" } },
            new() { ["userPrincipalName"] = "xay@contoso.com", ["department"] = "Support", ["accountEnabled"] = "true" },
            new() { ["userPrincipalName"] = "ANA.Maria@contoso.com", ["displayName"] = "zoltan", ["department"] = null },
        ];
        var users = new List<DirectoryObject>();
        foreach (var sample in samples)
        {
            users.Add((await store.CreateAsync(DirectoryObjectKind.User, sample, Cancellation)).Value!);
        }

        return users;
    }
}
