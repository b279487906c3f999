using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary>The user requests of reference B.2-B.4, sent verbatim, and what B.3 and B.9 say must come back.</summary>
public sealed class UserEndpointTests
{
    [Fact]
    public async Task Post_EntraCreateUserBody_Answers201WithFullResource()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.PostAsync("Users", EntraRequests.CreateUser);

        // Assert
        answer.Status.ShouldBe(201, answer.Text);
        answer.MediaType.ShouldBe("application/scim+json");
        var user = answer.Json;
        var id = user["id"]!.GetValue<string>();
        id.ShouldNotBeNullOrWhiteSpace();
        answer.Header("Location").ShouldBe($"{server.Server.ScimAddress}Users/{id}");
        user["schemas"]!.AsArray().Select(schema => schema!.GetValue<string>()).ShouldContain(ScimSchemas.User);
        user["externalId"]!.GetValue<string>().ShouldBe("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
        user["userName"]!.GetValue<string>().ShouldBe("Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
        user["active"]!.GetValue<bool>().ShouldBeTrue();
        user["name"]!["formatted"]!.GetValue<string>().ShouldBe("givenName familyName");
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("familyName");
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("givenName");
        var email = user["emails"]!.AsArray().Single()!;
        email["value"]!.GetValue<string>().ShouldBe("Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com");
        email["type"]!.GetValue<string>().ShouldBe("work");
        email["primary"]!.GetValue<bool>().ShouldBeTrue();
        var meta = user["meta"]!.AsObject();
        meta["resourceType"]!.GetValue<string>().ShouldBe("User");
        meta["location"]!.GetValue<string>().ShouldBe(answer.Header("Location"));
        DateTimeOffset.Parse(meta["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        meta["lastModified"]!.GetValue<string>().ShouldBe(meta["created"]!.GetValue<string>());
        meta["version"]!.GetValue<string>().ShouldBe(answer.ETag);
        answer.ETag.ShouldStartWith("W/\"");
    }

    [Fact]
    public async Task Post_LegacyBodyWithNullsAndSchemaTypo_StoresWithoutNulls()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.PostAsync("Users", EntraRequests.CreateUserLegacy);

        // Assert
        answer.Status.ShouldBe(201, answer.Text);
        var user = answer.Json;
        user.ContainsKey("addresses").ShouldBeFalse();
        user.ContainsKey("manager").ShouldBeFalse();
        user.ContainsKey("title").ShouldBeFalse();
        user["displayName"]!.GetValue<string>().ShouldBe("Joy Young");
        user["emails"]![0]!["value"]!.GetValue<string>().ShouldBe("jyoung@Contoso.com");
    }

    [Fact]
    public async Task Get_ExistingUser_AnswersResourceWithETag()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json;
        var id = created["id"]!.GetValue<string>();

        // Act
        var answer = await server.GetAsync($"Users/{id}");

        // Assert
        answer.Status.ShouldBe(200);
        answer.MediaType.ShouldBe("application/scim+json");
        answer.Json["id"]!.GetValue<string>().ShouldBe(id);
        answer.Json["userName"]!.GetValue<string>().ShouldBe("Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
        answer.ETag.ShouldBe(created["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_UnknownId_Answers404ScimError()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.GetAsync("Users/5171a35d82074e068ce2");

        // Assert (reference B.3.2)
        answer.ShouldBeScimError(404).ShouldBe("Resource 5171a35d82074e068ce2 not found");
    }

    [Fact]
    public async Task Query_TestConnectionWithRandomGuid_AnswersEmptyListResponse()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.CreateUserAsync("someone@contoso.com");

        // Act (reference B.2 R1)
        var answer = await server.GetAsync($"Users?filter=userName eq \"{Guid.NewGuid()}\"");

        // Assert
        answer.Status.ShouldBe(200);
        answer.MediaType.ShouldBe("application/scim+json");
        JsonNode.DeepEquals(answer.Json, JsonNode.Parse(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[],"startIndex":1,"itemsPerPage":0}"""))
            .ShouldBeTrue(answer.Text);
    }

    [Theory]
    [InlineData("userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"")]
    [InlineData("USERNAME EQ \"test_user_00AA00AA-bb11-cc22-dd33-44ee44ee44ee\"")]
    [InlineData("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"")]
    [InlineData("emails[type eq \"work\"].value eq \"Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com\"")]
    public async Task Query_ByMatchingAttribute_FindsExactlyTheUser(string filter)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();
        await server.CreateUserAsync("other@contoso.com", externalId: "other", workEmail: "other@contoso.com");

        // Act (reference B.2 R3, B.3.3)
        var answer = await server.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}");

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var list = answer.Json;
        list["schemas"]![0]!.GetValue<string>().ShouldBe(ScimSchemas.ListResponse);
        list["totalResults"]!.GetValue<int>().ShouldBe(1);
        list["startIndex"]!.GetValue<int>().ShouldBe(1);
        list["itemsPerPage"]!.GetValue<int>().ShouldBe(1);
        answer.Resources.Single()["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task Query_LegacyUnquotedExternalId_FindsTheUser()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.PostAsync("Users", EntraRequests.CreateUserLegacy);

        // Act (reference B.2 R20, with + for spaces)
        var answer = await server.GetAsync("Users?filter=externalId+eq+jyoung");

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Resources.Single()["userName"]!.GetValue<string>().ShouldBe("jyoung@testuser.com");
    }

    [Fact]
    public async Task Patch_MultiValuedReplace_Answers200WithUpdatedResource()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json;
        var id = created["id"]!.GetValue<string>();

        // Act (reference B.3.4)
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.PatchMultiValued);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var user = answer.Json;
        user["emails"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe("updatedEmail@microsoft.com");
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("updatedFamilyName");
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("givenName");
        answer.ETag.ShouldNotBe(created["meta"]!["version"]!.GetValue<string>());
        user["meta"]!["version"]!.GetValue<string>().ShouldBe(answer.ETag);
        user["meta"]!["created"]!.GetValue<string>().ShouldBe(created["meta"]!["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UserName_FindableByTheNewName()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.3.5)
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.PatchUserName);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json["userName"]!.GetValue<string>().ShouldBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");
        (await server.GetAsync("Users?filter=userName eq \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\"")).Resources.Single()["id"]!
            .GetValue<string>().ShouldBe(id);
        (await server.GetAsync("Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"")).Resources.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(EntraRequests.DisableUser)]
    [InlineData(EntraRequests.DisableUserDefault)]
    [InlineData(EntraRequests.DisableUserFlag)]
    public async Task Patch_Disable_UserStillReturnedByGetAndFilter(string body)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.3.6, B.7; R8: a disabled user is still returned)
        var answer = await server.PatchAsync($"Users/{id}", body);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json["active"]!.GetValue<bool>().ShouldBeFalse();
        (await server.GetAsync($"Users/{id}")).Json["active"]!.GetValue<bool>().ShouldBeFalse();
        var found = await server.GetAsync("Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"");
        found.Resources.Single()["active"]!.GetValue<bool>().ShouldBeFalse();
        (await server.GetAsync("Users?filter=active eq false")).Resources.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(EntraRequests.AddNickNameDefault)]
    [InlineData(EntraRequests.AddNickNameFlag)]
    public async Task Patch_AddSingleValueString_BothDialects(string body)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.CreateUserAsync("babs@contoso.com"))["id"]!.GetValue<string>();

        // Act (reference B.7)
        var answer = await server.PatchAsync($"Users/{id}", body);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json["nickName"]!.GetValue<string>().ShouldBe("Babs");
    }

    [Fact]
    public async Task Patch_ReplaceManyWithoutFlag_AppliesEveryOperation()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.7, without the flag)
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.ReplaceManyDefault);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var user = answer.Json;
        user["displayName"]!.GetValue<string>().ShouldBe("Pvlo");
        user["emails"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe("TestBcwqnm@test.microsoft.com");
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("Gtfd");
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("Pkqf");
        user["externalId"]!.GetValue<string>().ShouldBe("Eqpj");
        user[ScimSchemas.EnterpriseUser]!["employeeNumber"]!.GetValue<string>().ShouldBe("Eqpj");
        (await server.GetAsync("Users?filter=externalId eq \"Eqpj\"")).Resources.Single()["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task Patch_ReplaceManyWithFlag_ReadsPathLessKeysAsPaths()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.7, with the flag)
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.ReplaceManyFlag);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var user = answer.Json;
        user["displayName"]!.GetValue<string>().ShouldBe("Bjfe");
        user["emails"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe("TestMhvaes@test.microsoft.com");
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("Kkom");
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("Unua");
        user.ContainsKey("name.givenName").ShouldBeFalse();
        user[ScimSchemas.EnterpriseUser]!["employeeNumber"]!.GetValue<string>().ShouldBe("Aklq");
    }

    [Fact]
    public async Task Patch_MixedFlagOperations_SetsPrimaryActiveAndUserName()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.7, 2020 preview)
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.ReplaceMixedFlag);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var user = answer.Json;
        user["userName"]!.GetValue<string>().ShouldBe("someone");
        user["active"]!.GetValue<bool>().ShouldBeFalse();
        var email = user["emails"]!.AsArray().Single()!;
        email["value"]!.GetValue<string>().ShouldBe("someone@contoso.com");
        email["primary"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Patch_AddDepartmentByUrn_ListsTheExtension()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act
        var answer = await server.PatchAsync($"Users/{id}", EntraRequests.AddDepartment);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json[ScimSchemas.EnterpriseUser]!["department"]!.GetValue<string>().ShouldBe("Tech Infrastructure");
        var filter = Uri.EscapeDataString("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Tech Infrastructure\"");
        (await server.GetAsync($"Users?filter={filter}")).Resources.Single()["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task Patch_ManagerEveryShape_SetsChangesAndRemoves()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.CreateUserAsync("employee@contoso.com"))["id"]!.GetValue<string>();
        var first = (await server.CreateUserAsync("first.manager@contoso.com"))["id"]!.GetValue<string>();
        var second = (await server.CreateUserAsync("second.manager@contoso.com"))["id"]!.GetValue<string>();

        // Act and assert (reference B.4: M1, M3, M4, M5)
        var legacy = await server.PatchAsync($"Users/{id}", EntraRequests.ManagerLegacy(first));
        legacy.Status.ShouldBe(200, legacy.Text);
        legacy.Json["manager"]!["value"]!.GetValue<string>().ShouldBe(first);

        var set = await server.PatchAsync($"Users/{id}", EntraRequests.Manager("Add", first));
        set.Status.ShouldBe(200, set.Text);
        set.Json[ScimSchemas.EnterpriseUser]!["manager"]!["value"]!.GetValue<string>().ShouldBe(first);

        var change = await server.PatchAsync($"Users/{id}", EntraRequests.Manager("replace", second));
        change.Json[ScimSchemas.EnterpriseUser]!["manager"]!["value"]!.GetValue<string>().ShouldBe(second);
        var byManager = Uri.EscapeDataString($"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"{second}\"");
        (await server.GetAsync($"Users?filter={byManager}")).Resources.Single()["id"]!.GetValue<string>().ShouldBe(id);

        var remove = await server.PatchAsync($"Users/{id}", EntraRequests.RemoveManager);
        remove.Status.ShouldBe(200, remove.Text);
        (remove.Json[ScimSchemas.EnterpriseUser]?["manager"]).ShouldBeNull();
    }

    [Fact]
    public async Task Post_ManagerAsPlainString_StoredAsComplex()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var body = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName":"report@contoso.com","active":"True",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"123456","employeeNumber":"42"}}
            """;

        // Act (reference B.3.1 shape rules, B.4)
        var answer = await server.PostAsync("Users", body);

        // Assert
        answer.Status.ShouldBe(201, answer.Text);
        answer.Json[ScimSchemas.EnterpriseUser]!["manager"]!["value"]!.GetValue<string>().ShouldBe("123456");
        answer.Json["active"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Put_ReplacesAttributesKeepingIdAndCreated()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json;
        var id = created["id"]!.GetValue<string>();
        var replacement = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"ignored","userName":"replaced@contoso.com","title":"Engineer"}""";

        // Act
        var answer = await server.PutAsync($"Users/{id}", replacement);

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        var user = answer.Json;
        user["id"]!.GetValue<string>().ShouldBe(id);
        user["userName"]!.GetValue<string>().ShouldBe("replaced@contoso.com");
        user["title"]!.GetValue<string>().ShouldBe("Engineer");
        user.ContainsKey("emails").ShouldBeFalse();
        user.ContainsKey("externalId").ShouldBeFalse();
        user["meta"]!["created"]!.GetValue<string>().ShouldBe(created["meta"]!["created"]!.GetValue<string>());
        answer.ETag.ShouldNotBe(created["meta"]!["version"]!.GetValue<string>());
        (await server.GetAsync("Users?filter=externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"")).Resources.ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_User_Answers204ThenGetAnswers404()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Users", EntraRequests.CreateUser)).Json["id"]!.GetValue<string>();

        // Act (reference B.3.7)
        var deleted = await server.DeleteAsync($"Users/{id}");

        // Assert
        deleted.Status.ShouldBe(204);
        deleted.Text.ShouldBeEmpty();
        (await server.GetAsync($"Users/{id}")).ShouldBeScimError(404);
        (await server.DeleteAsync($"Users/{id}")).ShouldBeScimError(404);
        (await server.GetAsync("Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"")).Resources.ShouldBeEmpty();
        (await server.PostAsync("Users", EntraRequests.CreateUser)).Status.ShouldBe(201);
    }

    [Fact]
    public async Task RootPath_ServesTheSameUsersAsScimV2()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = await server.PostAsync("/Users", EntraRequests.CreateUser);
        var id = created.Json["id"]!.GetValue<string>();

        // Act
        var viaScim = await server.GetAsync($"Users/{id}");
        var viaRoot = await server.GetAsync($"/Users/{id}");

        // Assert (reference B.1: "/scim" is not required in the tenant URL)
        created.Header("Location").ShouldBe($"{server.Server.Address}Users/{id}");
        viaScim.Status.ShouldBe(200);
        viaRoot.Status.ShouldBe(200);
        viaRoot.Json["meta"]!["location"]!.GetValue<string>().ShouldBe($"{server.Server.Address}Users/{id}");
        viaScim.Json["meta"]!["location"]!.GetValue<string>().ShouldBe($"{server.Server.ScimAddress}Users/{id}");
    }
}
