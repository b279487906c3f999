using Provisio.Scim.Filters;

namespace Provisio.Scim.Server.Tests;

/// <summary>List queries: RFC 7644 §3.4.2 filters, §3.4.2.4 paging, §3.4.2.5 attribute selection.</summary>
public sealed class ListQueryTests
{
    [Fact]
    public async Task Query_PagesThroughElevenUsers_AsTheGalleryValidatorDoes()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        for (var i = 0; i < 11; i++)
        {
            await server.CreateUserAsync($"page{i:00}@contoso.com");
        }

        // Act (reference B.9: startIndex == page*5+1, next from startIndex + len(Resources) while <= totalResults)
        var seen = new List<string>();
        var startIndex = 1;
        var pages = 0;
        while (true)
        {
            var answer = await server.GetAsync($"Users?startIndex={startIndex}&count=5");
            answer.Status.ShouldBe(200);
            var json = answer.Json;
            json["startIndex"]!.GetValue<int>().ShouldBe(pages * 5 + 1);
            json["totalResults"]!.GetValue<int>().ShouldBe(11);
            json["itemsPerPage"]!.GetValue<int>().ShouldBe(answer.Resources.Count);
            seen.AddRange(answer.Resources.Select(user => user["userName"]!.GetValue<string>()));
            pages++;
            startIndex += answer.Resources.Count;
            if (answer.Resources.Count == 0 || startIndex > 11)
            {
                break;
            }
        }

        // Assert
        pages.ShouldBe(3);
        seen.ShouldBe([.. Enumerable.Range(0, 11).Select(i => $"page{i:00}@contoso.com")]);
    }

    [Theory]
    [InlineData("count=0", 1, 0)]
    [InlineData("startIndex=4&count=2", 4, 2)]
    [InlineData("startIndex=5&count=10", 5, 1)]
    [InlineData("startIndex=9", 9, 0)]
    [InlineData("startIndex=0&count=1", 1, 1)]
    [InlineData("startIndex=-3&count=-1", 1, 0)]
    public async Task Query_PagingParameters_FollowRfc7644(string query, int expectedStart, int expectedItems)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await server.CreateUserAsync($"user{i}@contoso.com");
        }

        // Act
        var answer = await server.GetAsync($"Users?{query}");

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json["totalResults"]!.GetValue<int>().ShouldBe(5);
        answer.Json["startIndex"]!.GetValue<int>().ShouldBe(expectedStart);
        answer.Json["itemsPerPage"]!.GetValue<int>().ShouldBe(expectedItems);
        answer.Resources.Count.ShouldBe(expectedItems);
    }

    [Fact]
    public async Task Query_CountAboveMaxResults_IsCappedAtMaxResults()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(maxResults: 3);
        for (var i = 0; i < 5; i++)
        {
            await server.CreateUserAsync($"user{i}@contoso.com");
        }

        // Act
        var answer = await server.GetAsync("Users?count=100");
        var unpaged = await server.GetAsync("Users");

        // Assert
        answer.Resources.Count.ShouldBe(3);
        answer.Json["totalResults"]!.GetValue<int>().ShouldBe(5);
        unpaged.Resources.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Query_NonNumericStartIndex_Answers400()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.GetAsync("Users?startIndex=first");

        // Assert
        answer.ShouldBeScimError(400, "invalidValue");
    }

    [Fact]
    public async Task Query_NoUsers_AnswersEmptyListResponse()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var users = await server.GetAsync("Users");
        var groups = await server.GetAsync("Groups?filter=displayName eq \"none\"");

        // Assert
        foreach (var answer in new[] { users, groups })
        {
            answer.Status.ShouldBe(200);
            answer.Text.ShouldBe("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[],"startIndex":1,"itemsPerPage":0}""");
        }
    }

    [Theory]
    [InlineData("userName sw \"alice\"", new[] { "alice@contoso.com" })]
    [InlineData("userName ew \"@fabrikam.com\"", new[] { "bob@fabrikam.com", "carol@fabrikam.com" })]
    [InlineData("userName co \"b@\"", new[] { "bob@fabrikam.com" })]
    [InlineData("userName ne \"alice@contoso.com\"", new[] { "bob@fabrikam.com", "carol@fabrikam.com" })]
    [InlineData("title pr", new[] { "carol@fabrikam.com" })]
    [InlineData("not (title pr)", new[] { "alice@contoso.com", "bob@fabrikam.com" })]
    [InlineData("userName eq \"alice@contoso.com\" or userName eq \"bob@fabrikam.com\"", new[] { "alice@contoso.com", "bob@fabrikam.com" })]
    [InlineData("(userName ew \"fabrikam.com\" and active eq true) or title eq \"Boss\"", new[] { "bob@fabrikam.com", "carol@fabrikam.com" })]
    [InlineData("userName ew \"fabrikam.com\" and active eq false", new[] { "carol@fabrikam.com" })]
    [InlineData("emails[type eq \"work\" and value co \"contoso\"]", new[] { "alice@contoso.com" })]
    [InlineData("meta.created gt \"2000-01-01T00:00:00Z\" and userName eq \"bob@fabrikam.com\"", new[] { "bob@fabrikam.com" })]
    [InlineData("meta.created lt \"2000-01-01T00:00:00Z\"", new string[0])]
    public async Task Query_Rfc7644Filters_SelectTheMatchingUsers(string filter, string[] expected)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.CreateUserAsync("alice@contoso.com", workEmail: "alice@contoso.com");
        await server.CreateUserAsync("bob@fabrikam.com", workEmail: "bob@fabrikam.com");
        var carol = await server.CreateUserAsync("carol@fabrikam.com", active: false);
        await server.PatchAsync($"Users/{carol["id"]}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"Boss"}]}""");

        // Act
        var answer = await server.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}");

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Resources.Select(user => user["userName"]!.GetValue<string>()).ShouldBe(expected, ignoreOrder: true);
    }

    [Theory]
    [InlineData("userName eq")]
    [InlineData("userName xx \"a\"")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("userName eq \"unterminated")]
    public async Task Query_MalformedFilter_Answers400InvalidFilterWithParserMessage(string filter)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var expected = FilterExpression.Parse(filter).Error!;

        // Act
        var answer = await server.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}");

        // Assert
        answer.ShouldBeScimError(400, "invalidFilter").ShouldBe(expected.Message);
    }

    [Fact]
    public async Task Query_Attributes_ReturnsOnlyThoseAndIdAndSchemas()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.PostAsync("Users", EntraRequests.CreateUser);

        // Act
        var answer = await server.GetAsync("Users?attributes=userName,name.givenName,emails.value");

        // Assert
        var user = answer.Resources.Single();
        user.Select(pair => pair.Key).ShouldBe(["schemas", "id", "userName", "name", "emails"], ignoreOrder: true);
        user["name"]!.AsObject().Select(pair => pair.Key).ShouldBe(["givenName"]);
        user["emails"]![0]!.AsObject().Select(pair => pair.Key).ShouldBe(["value"]);
    }

    [Fact]
    public async Task Query_AttributesIdOnly_AsTheLegacyManagerCheck()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var manager = (await server.CreateUserAsync("manager@contoso.com"))["id"]!.GetValue<string>();
        var id = (await server.CreateUserAsync("report@contoso.com"))["id"]!.GetValue<string>();
        await server.PatchAsync($"Users/{id}", EntraRequests.Manager("Add", manager));

        // Act (reference B.2 R19)
        var filter = Uri.EscapeDataString($"id eq \"{id}\" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"{manager}\"");
        var answer = await server.GetAsync($"Users?filter={filter}&attributes=id");

        // Assert
        answer.Resources.Single().Select(pair => pair.Key).ShouldBe(["schemas", "id"], ignoreOrder: true);
    }

    [Fact]
    public async Task Query_ExcludedAttributes_RemovesThemButNeverIdOrSchemas()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.PostAsync("Users", EntraRequests.CreateUser);

        // Act
        var answer = await server.GetAsync("Users?excludedAttributes=emails,name.formatted,id,schemas,meta");

        // Assert
        var user = answer.Resources.Single();
        user.ContainsKey("emails").ShouldBeFalse();
        user.ContainsKey("meta").ShouldBeFalse();
        user["name"]!.AsObject().ContainsKey("formatted").ShouldBeFalse();
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("givenName");
        user.ContainsKey("id").ShouldBeTrue();
        user.ContainsKey("schemas").ShouldBeTrue();
    }

    [Fact]
    public async Task Get_AttributesWithExtensionUrn_SelectsInsideTheExtension()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();
        await server.PatchAsync($"Users/{id}", EntraRequests.ReplaceManyDefault);

        // Act
        var one = await server.GetAsync($"Users/{id}?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber");
        var whole = await server.GetAsync($"Users/{id}?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        var excluded = await server.GetAsync($"Users/{id}?excludedAttributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

        // Assert
        one.Json[ScimSchemas.EnterpriseUser]!["employeeNumber"]!.GetValue<string>().ShouldBe("Eqpj");
        one.Json.ContainsKey("userName").ShouldBeFalse();
        whole.Json[ScimSchemas.EnterpriseUser]!["employeeNumber"]!.GetValue<string>().ShouldBe("Eqpj");
        excluded.Json.ContainsKey(ScimSchemas.EnterpriseUser).ShouldBeFalse();
        excluded.Json["userName"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Query_IndexedAndScannedFilters_AgreeAfterUpdatesAndDeletes()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await server.CreateUserAsync($"u{i}@contoso.com", externalId: $"ext{i % 4}"))["id"]!.GetValue<string>());
        }

        for (var i = 0; i < 20; i += 5)
        {
            await server.DeleteAsync($"Users/{ids[i]}");
        }

        await server.PatchAsync($"Users/{ids[1]}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"externalId","value":"moved"}]}""");

        // Act
        var indexed = await server.GetAsync("Users?filter=externalId eq \"ext1\"");
        var scanned = await server.GetAsync("Users?filter=externalId sw \"ext1\"");
        var moved = await server.GetAsync("Users?filter=externalId eq \"moved\"");

        // Assert
        indexed.Resources.Select(user => user["id"]!.GetValue<string>()).ShouldBe(
            scanned.Resources.Select(user => user["id"]!.GetValue<string>()));
        indexed.Resources.Count.ShouldBe(3); // ext1: 1, 5 (deleted), 9, 13, 17 — minus 1 (moved) and 5 (deleted)
        moved.Resources.Single()["id"]!.GetValue<string>().ShouldBe(ids[1]);
    }
}
