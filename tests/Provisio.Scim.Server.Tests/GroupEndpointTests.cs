using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary>The group requests of reference B.2 (R11-R17) and B.5, sent verbatim.</summary>
public sealed class GroupEndpointTests
{
    [Fact]
    public async Task Post_EntraCreateGroupBody_Answers201()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act (reference B.5 Create)
        var answer = await server.PostAsync("Groups", EntraRequests.CreateGroup);

        // Assert
        answer.Status.ShouldBe(201, answer.Text);
        answer.MediaType.ShouldBe("application/scim+json");
        var group = answer.Json;
        var id = group["id"]!.GetValue<string>();
        answer.Header("Location").ShouldBe($"{server.Server.ScimAddress}Groups/{id}");
        group["schemas"]!.AsArray().Select(schema => schema!.GetValue<string>()).ShouldContain(ScimSchemas.Group);
        group["externalId"]!.GetValue<string>().ShouldBe("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
        group["displayName"]!.GetValue<string>().ShouldBe("displayName");
        group["meta"]!["resourceType"]!.GetValue<string>().ShouldBe("Group");
        group["meta"]!["created"].ShouldNotBeNull();
        group["meta"]!["version"]!.GetValue<string>().ShouldBe(answer.ETag);
    }

    [Fact]
    public async Task Get_WithExcludedMembers_OmitsMembers()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var user = (await server.CreateUserAsync("member@contoso.com"))["id"]!.GetValue<string>();
        var id = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();
        (await server.PatchAsync($"Groups/{id}", EntraRequests.AddMembers(user))).Status.ShouldBe(204);

        // Act (reference B.2 R12)
        var without = await server.GetAsync($"Groups/{id}?excludedAttributes=members");
        var with = await server.GetAsync($"Groups/{id}");

        // Assert
        without.Status.ShouldBe(200);
        without.Json.ContainsKey("members").ShouldBeFalse();
        without.Json["displayName"]!.GetValue<string>().ShouldBe("displayName");
        without.Json["id"]!.GetValue<string>().ShouldBe(id);
        with.Json["members"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe(user);
    }

    [Fact]
    public async Task Query_ByDisplayNameExcludingMembers_AnswersOneGroupWithoutMembers()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var user = (await server.CreateUserAsync("member@contoso.com"))["id"]!.GetValue<string>();
        var id = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();
        await server.PatchAsync($"Groups/{id}", EntraRequests.AddMembers(user));
        await server.CreateGroupAsync("another group");

        // Act (reference B.2 R11)
        var answer = await server.GetAsync("Groups?excludedAttributes=members&filter=displayName eq \"displayName\"");

        // Assert
        answer.Status.ShouldBe(200, answer.Text);
        answer.Json["totalResults"]!.GetValue<int>().ShouldBe(1);
        var group = answer.Resources.Single();
        group["id"]!.GetValue<string>().ShouldBe(id);
        group.ContainsKey("members").ShouldBeFalse();
    }

    [Fact]
    public async Task Patch_RenameGroup_Answers204()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();

        // Act (reference B.5 Update)
        var answer = await server.PatchAsync($"Groups/{id}", EntraRequests.RenameGroup);

        // Assert
        answer.Status.ShouldBe(204, answer.Text);
        answer.Text.ShouldBeEmpty();
        answer.ETag.ShouldNotBeNull();
        (await server.GetAsync($"Groups/{id}")).Json["displayName"]!.GetValue<string>()
            .ShouldBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
    }

    [Fact]
    public async Task Patch_AddAndRemoveSeveralMembersAtOnce_DefaultDialect()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await server.CreateUserAsync($"member{i}@contoso.com"))["id"]!.GetValue<string>());
        }

        var group = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();

        // Act (reference B.5 Add members and Remove members, several in one PATCH)
        var added = await server.PatchAsync($"Groups/{group}", EntraRequests.AddMembers([.. ids]));
        var removed = await server.PatchAsync($"Groups/{group}", EntraRequests.RemoveMembers(ids[0], ids[2], ids[4]));

        // Assert
        added.Status.ShouldBe(204, added.Text);
        removed.Status.ShouldBe(204, removed.Text);
        var members = (await server.GetAsync($"Groups/{group}")).Json["members"]!.AsArray()
            .Select(member => member!["value"]!.GetValue<string>()).ToList();
        members.ShouldBe([ids[1], ids[3]], ignoreOrder: true);
        (await server.GetAsync($"Groups?filter=members[value eq \"{ids[1]}\"]")).Resources.Single()["id"]!.GetValue<string>().ShouldBe(group);
        (await server.GetAsync($"Groups?filter=members[value eq \"{ids[0]}\"]")).Resources.ShouldBeEmpty();
    }

    [Fact]
    public async Task Patch_AddAndRemoveMember_FlagDialect()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var first = (await server.CreateUserAsync("first@contoso.com"))["id"]!.GetValue<string>();
        var second = (await server.CreateUserAsync("second@contoso.com"))["id"]!.GetValue<string>();
        var group = (await server.CreateGroupAsync("flagged"))["id"]!.GetValue<string>();
        await server.PatchAsync($"Groups/{group}", EntraRequests.AddMemberFlag(first));
        await server.PatchAsync($"Groups/{group}", EntraRequests.AddMemberFlag(second));

        // Act (reference B.7: remove by a value filter on the path)
        var answer = await server.PatchAsync($"Groups/{group}", EntraRequests.RemoveMemberFlag(first));

        // Assert
        answer.Status.ShouldBe(204, answer.Text);
        var members = (await server.GetAsync($"Groups/{group}")).Json["members"]!.AsArray();
        members.Single()!["value"]!.GetValue<string>().ShouldBe(second);
    }

    [Fact]
    public async Task Patch_AddMemberAsBareString_StoredAsMember()
    {
        // Arrange (REF's Postman collection, reference B.13: a bare string instead of an array, with application/json)
        await using var server = await TestScimServer.StartAsync();
        var group = (await server.CreateGroupAsync("postman"))["id"]!.GetValue<string>();
        var body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":"string id 1"}]}""";

        // Act
        var answer = await server.SendAsync(HttpMethod.Patch, $"Groups/{group}", body, "application/json");

        // Assert
        answer.Status.ShouldBe(204, answer.Text);
        (await server.GetAsync($"Groups/{group}")).Json["members"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe("string id 1");
    }

    [Fact]
    public async Task Post_DuplicateDisplayName_Answers409Uniqueness()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.PostAsync("Groups", EntraRequests.CreateGroup);

        // Act (reference B.5: groups are unique on displayName)
        var answer = await server.PostAsync("Groups", EntraRequests.CreateGroup.Replace("\"displayName\": \"displayName\"", "\"displayName\": \"DISPLAYNAME\"", StringComparison.Ordinal));

        // Assert
        answer.ShouldBeScimError(409, "uniqueness");
    }

    [Fact]
    public async Task Patch_RenameOntoAnotherGroupsName_Answers409AndChangesNothing()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.CreateGroupAsync("taken");
        var id = (await server.CreateGroupAsync("free"))["id"]!.GetValue<string>();
        var body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"taken"}]}""";

        // Act
        var answer = await server.PatchAsync($"Groups/{id}", body);

        // Assert
        answer.ShouldBeScimError(409, "uniqueness");
        (await server.GetAsync($"Groups/{id}")).Json["displayName"]!.GetValue<string>().ShouldBe("free");
    }

    [Fact]
    public async Task Delete_Group_Answers204ThenGetAnswers404()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();

        // Act (reference B.2 R17)
        var answer = await server.DeleteAsync($"Groups/{id}");

        // Assert
        answer.Status.ShouldBe(204);
        (await server.GetAsync($"Groups/{id}")).ShouldBeScimError(404);
        (await server.GetAsync("Groups?filter=displayName eq \"displayName\"")).Resources.ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_GroupWithoutDisplayName_Answers400()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""");

        // Assert
        answer.ShouldBeScimError(400, "invalidValue").ShouldBe("Required attribute displayName is missing");
    }

    [Fact]
    public async Task Patch_GroupMembersThenUserQuery_UsersUnaffected()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var user = (await server.CreateUserAsync("solo@contoso.com"))["id"]!.GetValue<string>();
        var group = (await server.CreateGroupAsync("solo group"))["id"]!.GetValue<string>();

        // Act
        await server.PatchAsync($"Groups/{group}", EntraRequests.AddMembers(user));

        // Assert
        var fetched = await server.GetAsync($"Users/{user}");
        fetched.Status.ShouldBe(200);
        JsonNode.DeepEquals(fetched.Json["userName"], JsonValue.Create("solo@contoso.com")).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteUser_RemovesItFromEveryGroup()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var leaving = (await server.CreateUserAsync("leaving@contoso.com"))["id"]!.GetValue<string>();
        var staying = (await server.CreateUserAsync("staying@contoso.com"))["id"]!.GetValue<string>();
        var first = (await server.CreateGroupAsync("first"))["id"]!.GetValue<string>();
        var second = (await server.CreateGroupAsync("second"))["id"]!.GetValue<string>();
        await server.PatchAsync($"Groups/{first}", EntraRequests.AddMembers(leaving, staying));
        await server.PatchAsync($"Groups/{second}", EntraRequests.AddMembers(leaving));

        // Act
        (await server.DeleteAsync($"Users/{leaving}")).Status.ShouldBe(204);

        // Assert
        (await server.GetAsync($"Groups/{first}")).Json["members"]!.AsArray().Select(member => member!["value"]!.GetValue<string>()).ShouldBe([staying]);
        (await server.GetAsync($"Groups/{second}")).Json.ContainsKey("members").ShouldBeFalse();
    }

    [Fact]
    public async Task Patch_ManyConcurrentMemberAdds_NoneLost()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var group = (await server.CreateGroupAsync("busy"))["id"]!.GetValue<string>();
        var ids = Enumerable.Range(0, 60).Select(i => $"user-{i}").ToList();

        // Act: each PATCH reads, changes and commits; a commit that lost the race is redone on the newer version
        var answers = await Task.WhenAll(ids.Select(id => server.PatchAsync($"Groups/{group}", EntraRequests.AddMemberFlag(id))));

        // Assert
        answers.ShouldAllBe(answer => answer.Status == 204);
        var members = (await server.GetAsync($"Groups/{group}")).Json["members"]!.AsArray().Select(member => member!["value"]!.GetValue<string>());
        members.ShouldBe(ids, ignoreOrder: true);
        answers.Select(answer => answer.ETag).Distinct().Count().ShouldBe(60);
    }
}
