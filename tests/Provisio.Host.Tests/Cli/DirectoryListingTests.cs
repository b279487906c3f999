using System.Net;
using System.Text.Json.Nodes;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// <c>GET /v1.0/users</c>, <c>/groups</c> and their OData options through <c>provisio serve</c> on SQLite and a real
/// socket, as a Graph client pages, filters, counts, sorts and selects.
/// </summary>
public sealed class DirectoryListingTests : IAsyncLifetime
{
    private ServedDirectory _directory = null!;

    public async ValueTask InitializeAsync() => _directory = await ServedDirectory.StartAsync();

    public async ValueTask DisposeAsync() => await _directory.DisposeAsync();

    [Fact]
    public async Task Users_TopWithNextLink_VisitsEveryUserExactlyOnce()
    {
        var ids = new List<string>();
        for (var index = 0; index < 23; index++)
        {
            ids.Add(await _directory.CreateUserAsync($"page{index}@contoso.com", $"Page {index}"));
        }

        var pages = await _directory.PagesAsync("/v1.0/users?$top=5&$select=id,displayName");

        pages.Count.ShouldBe(5);
        pages.SelectMany(page => ServedDirectory.Values(page, "id")).ShouldBe(ids, ignoreOrder: true);
        pages.Take(4).ShouldAllBe(page => page["value"]!.AsArray().Count == 5);
        pages[^1].ContainsKey("@odata.nextLink").ShouldBeFalse();
        var link = pages[0]["@odata.nextLink"]!.GetValue<string>();
        link.ShouldStartWith($"{_directory.Client.BaseAddress}v1.0/users?$top=5&$select=id%2CdisplayName&$skiptoken=");
        pages[1]["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#users(id,displayName)");
    }

    [Fact]
    public async Task Users_PagingByDisplayNameDescWhileWriting_EachOriginalUserOnceInOrder()
    {
        var names = new[] { "Émile", "ana", "Bo", "carla", "Dmitri", "erik", "Fatima", "gus", "Hana", "ivo", "Jo" };
        foreach (var name in names)
        {
            await _directory.CreateUserAsync($"{Guid.NewGuid():N}@contoso.com", name);
        }

        var seen = new List<string>();
        string? next = "/v1.0/users?$orderby=displayName desc&$top=3&$select=displayName";
        var written = 0;
        while (next is not null)
        {
            var (status, page) = await _directory.GetAsync(next);
            status.ShouldBe(HttpStatusCode.OK);
            seen.AddRange(ServedDirectory.Values(page!, "displayName"));
            next = page!["@odata.nextLink"]?.GetValue<string>();
            await _directory.CreateUserAsync($"late{written++}@contoso.com", "Zz late");
        }

        seen.ShouldBe([.. names.OrderByDescending(name => name.ToLowerInvariant(), StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Users_ExtensionAttributeSpelledInAnyCase_StoredCanonicallyAndFound()
    {
        var id = await _directory.CreateUserAsync("ext@contoso.com", "Ext", "\"onPremisesExtensionAttributes\":{\"EXTENSIONATTRIBUTE7\":\"contractor\"}");

        var (_, found) = await _directory.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString("onPremisesExtensionAttributes/extensionAttribute7 eq 'Contractor'"));
        var (_, user) = await _directory.GetAsync($"/v1.0/users/{id}");

        ServedDirectory.Values(found!, "id").ShouldBe([id]);
        user!["onPremisesExtensionAttributes"]!.AsObject().Select(pair => pair.Key).ShouldBe(["extensionAttribute7"]);
    }

    [Fact]
    public async Task Users_Filter_StartsWithEqAndOrNotIn()
    {
        var zoe = await _directory.CreateUserAsync("zoe.a@contoso.com", "Zoë Ångström", "\"department\":\"Sales\",\"accountEnabled\":true");
        var zack = await _directory.CreateUserAsync("zack@contoso.com", "Zack", "\"department\":\"HR\",\"accountEnabled\":false");
        var ana = await _directory.CreateUserAsync("ana@contoso.com", "Ana", "\"department\":\"sales\",\"accountEnabled\":true,\"onPremisesExtensionAttributes\":{\"extensionAttribute1\":\"blue\"}");

        async Task<List<string>> Ids(string filter)
        {
            var (status, body) = await _directory.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString(filter));
            status.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
            return ServedDirectory.Values(body!, "id");
        }

        (await Ids("startswith(userPrincipalName,'zoe.a@')")).ShouldBe([zoe]);
        (await Ids("startswith(userPrincipalName,'Z')")).ShouldBe([zoe, zack], ignoreOrder: true);
        (await Ids("department eq 'SALES'")).ShouldBe([zoe, ana], ignoreOrder: true);
        (await Ids("department eq 'Sales' and startswith(displayName,'z')")).ShouldBe([zoe]);
        (await Ids("department eq 'HR' or displayName eq 'ana'")).ShouldBe([zack, ana], ignoreOrder: true);
        (await Ids("not (accountEnabled eq true)")).ShouldBe([zack]);
        (await Ids("department in ('hr', 'Nowhere')")).ShouldBe([zack]);
        (await Ids("onPremisesExtensionAttributes/extensionAttribute1 eq 'Blue'")).ShouldBe([ana]);
        (await Ids($"id eq '{zack.ToUpperInvariant()}'")).ShouldBe([zack]);
        (await Ids("jobTitle eq null and department ne 'HR'")).ShouldBe([zoe, ana], ignoreOrder: true);
    }

    [Fact]
    public async Task Users_CountWithConsistencyLevel_CountsWhatTheFilterSelects()
    {
        for (var index = 0; index < 7; index++)
        {
            await _directory.CreateUserAsync($"count{index}@contoso.com", $"Count {index}", index < 3 ? "\"department\":\"Ops\"" : null);
        }

        var (allStatus, all) = await _directory.GetAsync("/v1.0/users?$top=2&$count=true", eventual: true);
        var (_, ops) = await _directory.GetAsync("/v1.0/users?$count=true&$filter=department eq 'Ops'", eventual: true);
        using var countOnly = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1.0/users/$count?$filter=department%20eq%20'Ops'", UriKind.Relative));
        countOnly.Headers.Add("ConsistencyLevel", "eventual");
        using var counted = await _directory.Client.SendAsync(countOnly, TestContext.Current.CancellationToken);
        var (withoutHeader, refusal) = await _directory.GetAsync("/v1.0/users?$count=true");
        var (countWithoutHeader, _) = await _directory.GetAsync("/v1.0/users/$count");

        allStatus.ShouldBe(HttpStatusCode.OK);
        all!["@odata.count"]!.GetValue<long>().ShouldBe(7);
        all["value"]!.AsArray().Count.ShouldBe(2);
        all.ContainsKey("@odata.nextLink").ShouldBeTrue();
        ops!["@odata.count"]!.GetValue<long>().ShouldBe(3);
        counted.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await counted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("3");
        withoutHeader.ShouldBe(HttpStatusCode.BadRequest);
        refusal!["error"]!["code"]!.GetValue<string>().ShouldBe("Request_BadRequest");
        countWithoutHeader.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Users_OrderByDisplayName_SortedIgnoringCaseThenById()
    {
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo", "alpha" })
        {
            await _directory.CreateUserAsync($"{Guid.NewGuid():N}@contoso.com", name);
        }

        var (_, ascending) = await _directory.GetAsync("/v1.0/users?$orderby=displayName");
        var (_, descending) = await _directory.GetAsync("/v1.0/users?$orderBy=DISPLAYNAME%20desc");

        ServedDirectory.Values(ascending!, "displayName").Select(name => name.ToLowerInvariant()).ShouldBe(["alpha", "alpha", "bravo", "charlie", "delta"]);
        ServedDirectory.Values(descending!, "displayName").Select(name => name.ToLowerInvariant()).ShouldBe(["delta", "charlie", "bravo", "alpha", "alpha"]);
    }

    [Fact]
    public async Task Users_Select_OnlySelectedPropertiesAndNoIdUnlessSelected()
    {
        var id = await _directory.CreateUserAsync("sel@contoso.com", "Selected", "\"department\":\"Support\",\"jobTitle\":\"Lead\"");

        var (_, listed) = await _directory.GetAsync("/v1.0/users?$select=DisplayName,mobilePhone");
        var (_, entity) = await _directory.GetAsync($"/v1.0/users/{id}?$select=id,department");
        var (_, byName) = await _directory.GetAsync("/v1.0/users/sel@contoso.com?$select=jobTitle");

        listed!["value"]![0]!.ToJsonString().ShouldBe("""{"displayName":"Selected","mobilePhone":null}""");
        listed["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#users(displayName,mobilePhone)");
        entity!.ToJsonString().ShouldBe($$"""{"@odata.context":"{{_directory.Client.BaseAddress}}v1.0/$metadata#users(id,department)/$entity","id":"{{id}}","department":"Support"}""");
        byName!.ContainsKey("id").ShouldBeFalse();
        byName["jobTitle"]!.GetValue<string>().ShouldBe("Lead");
    }

    [Theory]
    [InlineData("/v1.0/users?$filter=department%20eq", "BadRequest", "Invalid filter clause: Syntax error at position 13 in 'department eq': expected a value ('text', true, false or null).")]
    [InlineData("/v1.0/users?$filter=proxyAddresses/any(p:p%20eq%20'x')", "Request_UnsupportedQuery", null)]
    [InlineData("/v1.0/users?$filter=favouriteColour%20eq%20'red'", "BadRequest", "Invalid filter clause: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.")]
    [InlineData("/v1.0/users?$top=1000", "Request_UnsupportedQuery", "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.")]
    [InlineData("/v1.0/users?$top=0", "Request_UnsupportedQuery", "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.")]
    [InlineData("/v1.0/users?$top=many", "BadRequest", null)]
    [InlineData("/v1.0/users?$skiptoken=garbage", "Request_BadRequest", "Invalid $skiptoken: it is not one this service issued. Follow the @odata.nextLink of a listing as it is.")]
    [InlineData("/v1.0/users?$select=id,favouriteColour", "BadRequest", "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.")]
    [InlineData("/v1.0/users?$orderby=accountEnabled", "Request_UnsupportedQuery", null)]
    [InlineData("/v1.0/users?$frobnicate=1", "Request_BadRequest", "Unrecognized query argument specified: '$frobnicate'.")]
    [InlineData("/v1.0/users?$skip=10", "Request_BadRequest", null)]
    [InlineData("/v1.0/users?$search=%22displayName:a%22", "Request_UnsupportedQuery", null)]
    [InlineData("/v1.0/groups?$filter=userPrincipalName%20eq%20'x'", "BadRequest", "Invalid filter clause: Could not find a property named 'userPrincipalName' on type 'microsoft.graph.group'.")]
    [InlineData("/beta/servicePrincipals?$filter=appId%20eq%20", "BadRequest", null)]
    [InlineData("/v1.0/directory/deletedItems/microsoft.graph.user?$top=1000", "Request_UnsupportedQuery", null)]
    public async Task Listing_BadQueryOption_400WithGraphErrorBody(string path, string code, string? message)
    {
        await _directory.CreateUserAsync("untouched@contoso.com", "Untouched");

        using var response = await _directory.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await ServedDirectory.ErrorAsync(response);
        error["code"]!.GetValue<string>().ShouldBe(code);
        if (message is not null)
        {
            error["message"]!.GetValue<string>().ShouldBe(message);
        }

        error["innerError"]!["request-id"]!.GetValue<string>().ShouldBe(response.Headers.GetValues("request-id").Single());
        var (_, users) = await _directory.GetAsync("/v1.0/users");
        ServedDirectory.Values(users!, "userPrincipalName").ShouldBe(["untouched@contoso.com"]);
    }

    [Theory]
    [InlineData("/v1.0/users/untouched@contoso.com?$select=nope", "BadRequest")]
    [InlineData("/v1.0/users/untouched@contoso.com?$filter=displayName%20eq%20'x'", "BadRequest")]
    [InlineData("/v1.0/users/untouched@contoso.com?$expand=manager", "Request_UnsupportedQuery")]
    public async Task Entity_BadQueryOption_400WithGraphErrorBody(string path, string code)
    {
        await _directory.CreateUserAsync("untouched@contoso.com", "Untouched");

        using var response = await _directory.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ServedDirectory.ErrorAsync(response))["code"]!.GetValue<string>().ShouldBe(code);
    }

    [Fact]
    public async Task Groups_ListFilterAndSelect_AsUsers()
    {
        var security = await _directory.CreateAsync("groups", """{"displayName":"Security team","securityEnabled":true,"mailEnabled":false}""");
        await _directory.CreateAsync("groups", """{"displayName":"Newsletter","securityEnabled":false,"mailEnabled":true}""");

        var (_, all) = await _directory.GetAsync("/beta/groups");
        var (_, filtered) = await _directory.GetAsync($"/v1.0/groups?$filter=securityEnabled%20eq%20true&$select=id");
        var (_, entity) = await _directory.GetAsync($"/v1.0/groups/{security}?$select=displayName");

        all!["@odata.context"]!.GetValue<string>().ShouldEndWith("/beta/$metadata#groups");
        all["value"]!.AsArray().Count.ShouldBe(2);
        filtered!["value"]!.ToJsonString().ShouldBe($$"""[{"id":"{{security}}"}]""");
        entity!["displayName"]!.GetValue<string>().ShouldBe("Security team");
        entity.ContainsKey("securityEnabled").ShouldBeFalse();
    }

    [Fact]
    public async Task DeletedItems_ListByCastAndGetById_OnlySoftDeleted()
    {
        var gone = await _directory.CreateUserAsync("gone@contoso.com", "Gone");
        var kept = await _directory.CreateUserAsync("kept@contoso.com", "Kept");
        var group = await _directory.CreateAsync("groups", """{"displayName":"Old group"}""");
        (await _directory.Client.DeleteAsync(new Uri($"/v1.0/users/{gone}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _directory.Client.DeleteAsync(new Uri($"/v1.0/groups/{group}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (_, deletedUsers) = await _directory.GetAsync("/v1.0/directory/deletedItems/microsoft.graph.user?$select=id,displayName,deletedDateTime");
        var (_, deletedGroups) = await _directory.GetAsync("/v1.0/directory/deletedItems/microsoft.graph.group?$count=true", eventual: true);
        var (_, liveUsers) = await _directory.GetAsync("/v1.0/users");
        var (getStatus, deletedUser) = await _directory.GetAsync($"/v1.0/directory/deletedItems/{gone}");
        var (liveStatus, live) = await _directory.GetAsync($"/v1.0/directory/deletedItems/{kept}");
        var (noCastStatus, noCast) = await _directory.GetAsync("/v1.0/directory/deletedItems");

        ServedDirectory.Values(deletedUsers!, "id").ShouldBe([gone]);
        deletedUsers!["value"]![0]!["deletedDateTime"]!.GetValue<string>().ShouldEndWith("Z");
        ServedDirectory.Values(deletedGroups!, "id").ShouldBe([group]);
        deletedGroups!["@odata.count"]!.GetValue<long>().ShouldBe(1);
        ServedDirectory.Values(liveUsers!, "id").ShouldBe([kept]);
        getStatus.ShouldBe(HttpStatusCode.OK);
        deletedUser!["@odata.type"]!.GetValue<string>().ShouldBe("#microsoft.graph.user");
        deletedUser["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#directoryObjects/$entity");
        deletedUser["userPrincipalName"]!.GetValue<string>().ShouldBe("gone@contoso.com");
        liveStatus.ShouldBe(HttpStatusCode.NotFound);
        live!["error"]!["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
        noCastStatus.ShouldBe(HttpStatusCode.BadRequest);
        noCast!.ContainsKey("error").ShouldBeTrue();
    }
}
