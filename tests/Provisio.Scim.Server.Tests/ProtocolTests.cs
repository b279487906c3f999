using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary>Authentication, media types, bad input, uniqueness, ETags and concurrency: what RFC 7644 and reference B.9 require beyond the happy path.</summary>
public sealed class ProtocolTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic czNjcjN0")]
    [InlineData("Bearer ")]
    public async Task AnyEndpoint_MissingOrWrongToken_Answers401ScimError(string? authorization)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        using var client = new HttpClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        // Act
        foreach (var path in new[] { "Users", "Groups/abc", "ServiceProviderConfig", "/Users", "/_faults", "/_requests" })
        {
            var answer = await server.SendAsync(HttpMethod.Get, path, client: client);

            // Assert
            answer.ShouldBeScimError(401);
            answer.Header("WWW-Authenticate").ShouldBe("Bearer");
        }
    }

    [Fact]
    public async Task Token_IsCaseInsensitiveOnTheSchemeOnly()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        using var lower = new HttpClient();
        lower.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + TestScimServer.Token);
        using var wrongCase = new HttpClient();
        wrongCase.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + TestScimServer.Token.ToUpperInvariant());

        // Act
        var accepted = await server.SendAsync(HttpMethod.Get, "Users", client: lower);
        var rejected = await server.SendAsync(HttpMethod.Get, "Users", client: wrongCase);

        // Assert
        accepted.Status.ShouldBe(200);
        rejected.Status.ShouldBe(401);
    }

    [Theory]
    [InlineData("application/scim+json")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Post_ScimOrPlainJson_Accepted(string contentType)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.SendAsync(HttpMethod.Post, "Users", EntraRequests.CreateUser, contentType);

        // Assert
        answer.Status.ShouldBe(201, answer.Text);
        answer.MediaType.ShouldBe("application/scim+json");
    }

    [Fact]
    public async Task Post_OtherMediaType_Answers415()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.SendAsync(HttpMethod.Post, "Users", EntraRequests.CreateUser, "text/plain");

        // Assert
        answer.ShouldBeScimError(415);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"userName\": ")]
    [InlineData("{\"userName\": \"a\",}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    [InlineData("{\"userName\":\"a\",\"UserName\":\"b\"}")]
    [InlineData("{\"userName\":\"a\",\"userName\":\"b\"}")]
    [InlineData("{\"schemas\":[],\"name\":{\"givenName\":\"a\",\"GIVENNAME\":\"b\"},\"userName\":\"x\"}")]
    public async Task AnyWrite_MalformedJson_Answers400InvalidSyntax(string body)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.CreateUserAsync("target@contoso.com"))["id"]!.GetValue<string>();

        // Act and assert
        (await server.PostAsync("Users", body)).ShouldBeScimError(400, "invalidSyntax");
        (await server.PutAsync($"Users/{id}", body)).ShouldBeScimError(400, "invalidSyntax");
        (await server.PatchAsync($"Users/{id}", body)).ShouldBeScimError(400, "invalidSyntax");
        (await server.PostAsync("Groups", body)).ShouldBeScimError(400, "invalidSyntax");
    }

    [Fact]
    public async Task AnyWrite_RandomGarbage_NeverAnswers5xx()
    {
        // Arrange: seeded, so a failure can be replayed
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.CreateUserAsync("target@contoso.com"))["id"]!.GetValue<string>();
        var group = (await server.CreateGroupAsync("target"))["id"]!.GetValue<string>();
        var random = new Random(4242);
        string[] fragments =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\"op\"", "\"path\"", "\"value\"", "\"Operations\"", "\"schemas\"", "null", "true",
            "\"False\"", "1e999", "-0", "\"members[value eq \\\"x\\\"]\"", "\"emails[type eq \\\"work\\\"].value\"", "\"urn:x:y\"",
            "\"" + ScimSchemas.PatchOp + "\"", "\"add\"", "\"remove\"", "\"replace\"", "\"id\"", "\"meta\"", "\"userName\"", "\\u0000", " ",
        ];

        // Act
        var statuses = new List<int>();
        for (var i = 0; i < 150; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 40);
            for (var j = 0; j < length; j++)
            {
                text.Append(fragments[random.Next(fragments.Length)]);
            }

            var body = text.ToString();
            statuses.Add((await server.PostAsync("Users", body)).Status);
            statuses.Add((await server.PatchAsync($"Users/{id}", body)).Status);
            statuses.Add((await server.PatchAsync($"Groups/{group}", body)).Status);
            statuses.Add((await server.PutAsync($"Users/{id}", body)).Status);
        }

        // Assert
        statuses.ShouldAllBe(status => status < 500);
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"add","path":"title","value":"x"}]}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"merge","path":"title","value":"x"}]}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"emails[type eq","value":"x"}]}""", "invalidPath")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove"}]}""", "noTarget")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"id","value":"mine"}]}""", "mutability")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":"not an object"}]}""", "invalidValue")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"userName"}]}""", "invalidValue")]
    public async Task Patch_MalformedRequest_Answers400WithScimTypeAndChangesNothing(string body, string scimType)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = await server.CreateUserAsync("intact@contoso.com");
        var id = created["id"]!.GetValue<string>();

        // Act
        var answer = await server.PatchAsync($"Users/{id}", body);

        // Assert
        answer.ShouldBeScimError(400, scimType).ShouldNotBeNullOrWhiteSpace();
        var after = await server.GetAsync($"Users/{id}");
        after.Json["userName"]!.GetValue<string>().ShouldBe("intact@contoso.com");
        after.ETag.ShouldBe(created["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UnknownId_Answers404()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.PatchAsync("Users/nope", EntraRequests.DisableUserDefault);

        // Assert
        answer.ShouldBeScimError(404);
    }

    [Fact]
    public async Task Post_UserWithoutUserName_Answers400()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var missing = await server.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"displayName":"No Name"}""");
        var wrongType = await server.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":42}""");

        // Assert
        missing.ShouldBeScimError(400, "invalidValue").ShouldBe("Required attribute userName is missing");
        wrongType.ShouldBeScimError(400, "invalidValue");
    }

    [Fact]
    public async Task Post_DuplicateUserNameInAnyCase_Answers409Uniqueness()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        (await server.PostAsync("Users", EntraRequests.CreateUser)).Status.ShouldBe(201);

        // Act (reference B.11.1 "Create Duplicate User": 201 then 409)
        var same = await server.PostAsync("Users", EntraRequests.CreateUser);
        var otherCase = await server.PostAsync("Users", EntraRequests.CreateUser.Replace("Test_User_00aa", "TEST_USER_00AA", StringComparison.Ordinal));

        // Assert
        same.ShouldBeScimError(409, "uniqueness");
        otherCase.ShouldBeScimError(409, "uniqueness");
        (await server.GetAsync("Users")).Json["totalResults"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task PatchAndPut_OntoTakenUserName_Answer409()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        await server.CreateUserAsync("taken@contoso.com");
        var id = (await server.CreateUserAsync("free@contoso.com"))["id"]!.GetValue<string>();

        // Act
        var patch = await server.PatchAsync($"Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"Taken@Contoso.com"}]}""");
        var put = await server.PutAsync($"Users/{id}", """{"userName":"TAKEN@contoso.com"}""");

        // Assert
        patch.ShouldBeScimError(409, "uniqueness");
        put.ShouldBeScimError(409, "uniqueness");
    }

    [Fact]
    public async Task IfMatch_StaleVersion_Answers412AndCurrentVersionSucceeds()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = await server.PostAsync("Users", EntraRequests.CreateUser);
        var id = created.Json["id"]!.GetValue<string>();
        var first = created.ETag!;
        var patched = await server.PatchAsync($"Users/{id}", EntraRequests.AddNickNameDefault,
            request => request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(first)));
        patched.Status.ShouldBe(200);
        var second = patched.ETag!;

        // Act (RFC 7644 §3.14)
        var stalePatch = await server.PatchAsync($"Users/{id}", EntraRequests.DisableUserDefault,
            request => request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(first)));
        var stalePut = await server.PutAsync($"Users/{id}", """{"userName":"x@contoso.com"}""",
            request => request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(first)));
        var staleDelete = await server.DeleteAsync($"Users/{id}", request => request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(first)));
        var star = await server.PatchAsync($"Users/{id}", EntraRequests.DisableUserDefault,
            request => request.Headers.TryAddWithoutValidation("If-Match", "*"));
        var current = await server.DeleteAsync($"Users/{id}", request => request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(star.ETag!)));

        // Assert
        second.ShouldNotBe(first);
        stalePatch.ShouldBeScimError(412);
        stalePut.ShouldBeScimError(412);
        staleDelete.ShouldBeScimError(412);
        star.Status.ShouldBe(200);
        current.Status.ShouldBe(204);
    }

    [Fact]
    public async Task IfNoneMatch_CurrentVersion_Answers304()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        var created = await server.PostAsync("Users", EntraRequests.CreateUser);
        var id = created.Json["id"]!.GetValue<string>();

        // Act
        var answer = await server.GetAsync($"Users/{id}", request => request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(created.ETag!)));

        // Assert
        answer.Status.ShouldBe(304);
        answer.ETag.ShouldBe(created.ETag);
    }

    [Fact]
    public async Task Get_WithFilterOnId_AnswersOnlyWhenItMatches()
    {
        // Arrange (REF's "GET /Users/{id}?filter=", reference B.13)
        await using var server = await TestScimServer.StartAsync();
        var id = (await server.CreateUserAsync("probe@contoso.com"))["id"]!.GetValue<string>();

        // Act
        var match = await server.GetAsync($"Users/{id}?filter=userName eq \"probe@contoso.com\"");
        var miss = await server.GetAsync($"Users/{id}?filter=userName eq \"other\"");

        // Assert
        match.Status.ShouldBe(200);
        miss.ShouldBeScimError(404);
    }

    [Fact]
    public async Task Discovery_ServiceProviderConfig_DescribesTheServer()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(maxResults: 250);

        // Act
        var answer = await server.GetAsync("ServiceProviderConfig");

        // Assert
        answer.Status.ShouldBe(200);
        answer.MediaType.ShouldBe("application/scim+json");
        var config = answer.Json;
        config["schemas"]![0]!.GetValue<string>().ShouldBe(ScimSchemas.ServiceProviderConfig);
        config["patch"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
        config["bulk"]!["supported"]!.GetValue<bool>().ShouldBeFalse();
        config["filter"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
        config["filter"]!["maxResults"]!.GetValue<int>().ShouldBe(250);
        config["etag"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
        config["sort"]!["supported"]!.GetValue<bool>().ShouldBeFalse();
        config["changePassword"]!["supported"]!.GetValue<bool>().ShouldBeFalse();
        config["authenticationSchemes"]![0]!["type"]!.GetValue<string>().ShouldBe("oauthbearertoken");
        (await server.GetAsync("/ServiceProviderConfig")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Discovery_ResourceTypes_ListsUserAndGroup()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.GetAsync("ResourceTypes");
        var user = await server.GetAsync("ResourceTypes/User");

        // Assert
        answer.Status.ShouldBe(200);
        answer.Json["schemas"]![0]!.GetValue<string>().ShouldBe(ScimSchemas.ListResponse);
        answer.Json["totalResults"]!.GetValue<int>().ShouldBe(2);
        answer.Resources.Select(type => type["endpoint"]!.GetValue<string>()).ShouldBe(["/Users", "/Groups"]);
        user.Json["schema"]!.GetValue<string>().ShouldBe(ScimSchemas.User);
        user.Json["schemaExtensions"]![0]!["schema"]!.GetValue<string>().ShouldBe(ScimSchemas.EnterpriseUser);
        (await server.GetAsync("ResourceTypes/Printer")).ShouldBeScimError(404);
    }

    [Fact]
    public async Task Discovery_Schemas_DescribeUserGroupAndEnterpriseUser()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.GetAsync("Schemas");
        var group = await server.GetAsync($"Schemas/{ScimSchemas.Group}");

        // Assert
        answer.Status.ShouldBe(200);
        answer.Json["schemas"]![0]!.GetValue<string>().ShouldBe(ScimSchemas.ListResponse);
        var schemas = answer.Resources.ToDictionary(schema => schema["id"]!.GetValue<string>());
        schemas.Keys.ShouldBe([ScimSchemas.User, ScimSchemas.Group, ScimSchemas.EnterpriseUser], ignoreOrder: true);
        Names(schemas[ScimSchemas.User]).ShouldContain("userName");
        Names(schemas[ScimSchemas.User]).ShouldContain("emails");
        Names(schemas[ScimSchemas.User]).ShouldContain("active");
        Names(schemas[ScimSchemas.EnterpriseUser]).ShouldBe(["employeeNumber", "costCenter", "organization", "division", "department", "manager"]);
        Names(group.Json).ShouldBe(["displayName", "members"]);
        var userName = schemas[ScimSchemas.User]["attributes"]!.AsArray().First(attribute => attribute!["name"]!.GetValue<string>() == "userName")!;
        userName["required"]!.GetValue<bool>().ShouldBeTrue();
        userName["uniqueness"]!.GetValue<string>().ShouldBe("server");
        var emailType = schemas[ScimSchemas.User]["attributes"]!.AsArray().First(attribute => attribute!["name"]!.GetValue<string>() == "emails")!
            ["subAttributes"]!.AsArray().First(attribute => attribute!["name"]!.GetValue<string>() == "type")!;
        emailType["canonicalValues"]!.AsArray().Select(value => value!.GetValue<string>()).ShouldContain("work");
        answer.Text.ShouldNotContain("null");

        static List<string> Names(JsonObject schema) =>
            [.. schema["attributes"]!.AsArray().Select(attribute => attribute!["name"]!.GetValue<string>())];
    }

    [Fact]
    public async Task UnknownPath_Answers404ScimError()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var answer = await server.GetAsync("Printers");

        // Assert
        answer.ShouldBeScimError(404);
    }

    [Fact]
    public async Task Post_ManyConcurrentCreates_AllStoredOnceAndDuplicatesRejected()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act: 200 distinct users and 20 racing creates of one name
        var distinct = Enumerable.Range(0, 200).Select(i => server.PostAsync("Users", $$"""{"userName":"parallel{{i}}@contoso.com"}"""));
        var racing = Enumerable.Range(0, 20).Select(_ => server.PostAsync("Users", """{"userName":"race@contoso.com"}"""));
        var answers = await Task.WhenAll(distinct.Concat(racing));

        // Assert
        answers.Take(200).ShouldAllBe(answer => answer.Status == 201);
        answers.Skip(200).Count(answer => answer.Status == 201).ShouldBe(1);
        answers.Skip(200).Count(answer => answer.Status == 409).ShouldBe(19);
        (await server.GetAsync("Users?count=0")).Json["totalResults"]!.GetValue<int>().ShouldBe(201);
        answers.Where(answer => answer.Status == 201).Select(answer => answer.Json["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(201);
        answers.Where(answer => answer.Status == 201).Select(answer => answer.ETag).Distinct().Count().ShouldBe(201);
    }
}
