using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Server.Faults;

namespace Provisio.Scim.Server.Tests;

/// <summary>Each fault profile does exactly what it says (issue 4), at start and when switched through <c>/_faults</c>.</summary>
public sealed class FaultProfileTests
{
    [Fact]
    public async Task NotFoundForEmptyQuery_EmptyResultIs404_NonEmptyIs200()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["not-found-for-empty-query"]);
        await server.CreateUserAsync("present@contoso.com");

        // Act
        var empty = await server.GetAsync($"Users?filter=userName eq \"{Guid.NewGuid()}\"");
        var found = await server.GetAsync("Users?filter=userName eq \"present@contoso.com\"");

        // Assert
        empty.ShouldBeScimError(404);
        found.Status.ShouldBe(200);
    }

    [Fact]
    public async Task NoPatch_PatchIs405_OtherMethodsWork()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["no-patch"]);
        var id = (await server.CreateUserAsync("unpatchable@contoso.com"))["id"]!.GetValue<string>();

        // Act
        var patch = await server.PatchAsync($"Users/{id}", EntraRequests.DisableUserDefault);
        var get = await server.GetAsync($"Users/{id}");

        // Assert
        patch.ShouldBeScimError(405);
        get.Status.ShouldBe(200);
        get.Json["active"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task WrongContentType_BodiesLabelledTextHtml()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["wrong-content-type"]);

        // Act
        var created = await server.PostAsync("Users", EntraRequests.CreateUser);
        var list = await server.GetAsync("Users");
        var faults = await server.GetAsync("/_faults");

        // Assert
        created.Status.ShouldBe(201);
        created.MediaType.ShouldBe("text/html");
        created.Json["userName"].ShouldNotBeNull();
        list.MediaType.ShouldBe("text/html");
        faults.MediaType.ShouldBe("application/scim+json");
    }

    [Fact]
    public async Task IgnoreFilter_ListQueriesReturnEverything()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["ignore-filter"]);
        await server.CreateUserAsync("one@contoso.com");
        await server.CreateUserAsync("two@contoso.com");

        // Act
        var answer = await server.GetAsync("Users?filter=userName eq \"one@contoso.com\"");
        var malformed = await server.GetAsync("Users?filter=userName eq");

        // Assert
        answer.Status.ShouldBe(200);
        answer.Json["totalResults"]!.GetValue<int>().ShouldBe(2);
        malformed.Json["totalResults"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Throttle_EveryNthRequestIs429WithRetryAfter()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["throttle:3"]);

        // Act
        var statuses = new List<int>();
        ScimAnswer? throttled = null;
        for (var i = 0; i < 9; i++)
        {
            var answer = await server.GetAsync("Users");
            statuses.Add(answer.Status);
            throttled ??= answer.Status == 429 ? answer : null;
        }

        // Assert
        statuses.ShouldBe([200, 200, 429, 200, 200, 429, 200, 200, 429]);
        throttled!.ShouldBeScimError(429);
        throttled.Header("Retry-After").ShouldBe("1");
    }

    [Fact]
    public async Task Flaky_SameSeedSameSequence_AtTheConfiguredRate()
    {
        // Arrange
        await using var first = await TestScimServer.StartAsync(["flaky:0.5"], seed: 17);
        await using var second = await TestScimServer.StartAsync(["flaky:0.5"], seed: 17);

        // Act
        var a = new List<int>();
        var b = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            a.Add((await first.GetAsync("Users")).Status);
            b.Add((await second.GetAsync("Users")).Status);
        }

        // Assert
        a.ShouldBe(b);
        a.ShouldAllBe(status => status == 200 || status == 500);
        a.Count(status => status == 500).ShouldBeInRange(10, 30);
        (await first.GetAsync("Users")).Status.ShouldBeOneOf(200, 500);
    }

    [Theory]
    [InlineData("flaky:1", 500)]
    [InlineData("flaky:0", 200)]
    public async Task Flaky_Extremes_AlwaysOrNever(string profile, int expected)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync([profile]);

        // Act
        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await server.GetAsync("Users")).Status);
        }

        // Assert
        statuses.ShouldAllBe(status => status == expected);
        if (expected == 500)
        {
            (await server.GetAsync("Users")).ShouldBeScimError(500);
        }
    }

    [Fact]
    public async Task Slow_AddsTheLatency()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["slow:300"]);

        // Act
        var watch = Stopwatch.StartNew();
        var answer = await server.GetAsync("Users");
        watch.Stop();

        // Assert
        answer.Status.ShouldBe(200);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task Timeout_NeverAnswersUntilTheClientGivesUp()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["timeout"]);
        using var impatient = new HttpClient { BaseAddress = server.Server.ScimAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        impatient.DefaultRequestHeaders.Authorization = new("Bearer", TestScimServer.Token);

        // Act
        var watch = Stopwatch.StartNew();
        await Should.ThrowAsync<TaskCanceledException>(() =>
            impatient.PostAsync("Users", new StringContent(EntraRequests.CreateUser), TestContext.Current.CancellationToken));
        watch.Stop();
        await server.Server.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
        server.Server.GetUsers().ShouldBeEmpty();
        server.Server.Requests.Snapshot().Single().Status.ShouldBe(499);
    }

    [Fact]
    public async Task Timeout_HeldRequest_DoesNotDelayStop()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["timeout"]);
        var pending = server.Client.GetAsync("Users", TestContext.Current.CancellationToken);

        // Act
        var watch = Stopwatch.StartNew();
        await server.Server.StopAsync(TestContext.Current.CancellationToken);
        watch.Stop();

        // Assert
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        await Should.ThrowAsync<HttpRequestException>(() => pending);
    }

    [Fact]
    public async Task BadJson_TwoHundredBodiesDoNotParse_ErrorsAndEmptyBodiesUnchanged()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["bad-json"]);

        // Act
        var created = await server.PostAsync("Users", EntraRequests.CreateUser);
        var missing = await server.GetAsync("Users/none");
        var id = server.Server.GetUsers().Single()["id"]!.GetValue<string>();
        var deleted = await server.DeleteAsync($"Users/{id}");

        // Assert
        created.Status.ShouldBe(201);
        created.MediaType.ShouldBe("application/scim+json");
        Should.Throw<JsonException>(() => JsonNode.Parse(created.Text));
        missing.ShouldBeScimError(404);
        deleted.Status.ShouldBe(204);
    }

    [Fact]
    public async Task RequireAttribute_BareName_IsACoreAttribute_TheEnterpriseOneDoesNotSatisfyIt()
    {
        // Arrange: RFC 7644 §3.10, extension attributes are named with their URN
        await using var server = await TestScimServer.StartAsync(["require-attribute:employeeNumber"]);
        var withNumber = EntraRequests.CreateUser.Replace("\"roles\": []",
            "\"roles\": [], \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\"employeeNumber\": \"1001\"}", StringComparison.Ordinal);

        // Act
        var with = await server.PostAsync("Users", withNumber);

        // Assert
        with.ShouldBeScimError(400, "invalidValue").ShouldBe("Required attribute employeeNumber is missing");
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber")]
    public async Task RequireAttribute_UsersWithoutItAre400_WithItAre201(string name)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync([$"require-attribute:{name}"]);
        var withNumber = EntraRequests.CreateUser.Replace("\"roles\": []",
            "\"roles\": [], \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\"employeeNumber\": \"1001\"}", StringComparison.Ordinal);

        // Act
        var without = await server.PostAsync("Users", EntraRequests.CreateUser);
        var with = await server.PostAsync("Users", withNumber);
        var put = await server.PutAsync($"Users/{with.Json["id"]}", """{"userName":"renamed@contoso.com"}""");
        var group = await server.PostAsync("Groups", EntraRequests.CreateGroup);

        // Assert
        without.ShouldBeScimError(400, "invalidValue").ShouldBe($"Required attribute {name} is missing");
        with.Status.ShouldBe(201, with.Text);
        put.ShouldBeScimError(400).ShouldBe($"Required attribute {name} is missing");
        group.Status.ShouldBe(201);
    }

    [Theory]
    [InlineData("name.givenName", """{"userName":"a@contoso.com","name":{"familyName":"F"}}""", """{"userName":"b@contoso.com","name":{"givenName":"G"}}""")]
    [InlineData("emails[type eq \"work\"].value", """{"userName":"a@contoso.com","emails":[{"type":"home","value":"h@x"}]}""", """{"userName":"b@contoso.com","emails":[{"type":"work","value":"w@x"}]}""")]
    public async Task RequireAttribute_DottedAndValuePathNames(string name, string lacking, string having)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync([$"require-attribute:{name}"]);

        // Act
        var rejected = await server.PostAsync("Users", lacking);
        var accepted = await server.PostAsync("Users", having);

        // Assert
        rejected.ShouldBeScimError(400).ShouldBe($"Required attribute {name} is missing");
        accepted.Status.ShouldBe(201);
    }

    [Fact]
    public async Task InvalidCredentials_EvenTheRightTokenIs401_ButFaultsEndpointWorks()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["invalid-credentials"]);

        // Act
        var users = await server.GetAsync("Users");
        var config = await server.GetAsync("ServiceProviderConfig");
        var faults = await server.GetAsync("/_faults");

        // Assert
        users.ShouldBeScimError(401);
        config.ShouldBeScimError(401);
        faults.Status.ShouldBe(200);
        faults.Json["profiles"]![0]!.GetValue<string>().ShouldBe("invalid-credentials");
    }

    [Fact]
    public async Task MembersInGroupQuery_ListKeepsMembersDespiteExclusion_GetByIdStillExcludes()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["members-in-group-query"]);
        var user = (await server.CreateUserAsync("member@contoso.com"))["id"]!.GetValue<string>();
        var group = (await server.PostAsync("Groups", EntraRequests.CreateGroup)).Json["id"]!.GetValue<string>();
        await server.PatchAsync($"Groups/{group}", EntraRequests.AddMembers(user));

        // Act
        var list = await server.GetAsync("Groups?excludedAttributes=members&filter=displayName eq \"displayName\"");
        var byId = await server.GetAsync($"Groups/{group}?excludedAttributes=members");

        // Assert
        list.Resources.Single()["members"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe(user);
        byId.Json.ContainsKey("members").ShouldBeFalse();
    }

    [Fact]
    public async Task FaultsEndpoint_SwitchesAtRuntimeAndHeals()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();
        (await server.GetAsync("Users")).Status.ShouldBe(200);

        // Act: the INTERFACES.md example, then heal
        await server.SetFaultsAsync("invalid-credentials", "throttle:10");
        var faulted = await server.GetAsync("Users");
        var read = await server.GetAsync("/_faults");
        await server.SetFaultsAsync();
        var healed = await server.GetAsync("Users");

        // Assert
        faulted.ShouldBeScimError(401);
        read.Json["profiles"]!.AsArray().Select(profile => profile!.GetValue<string>()).ShouldBe(["invalid-credentials", "throttle:10"]);
        read.Json["known"]!.AsArray().Count.ShouldBe(ScimFaults.KnownProfiles.Count);
        healed.Status.ShouldBe(200);
        server.Server.Faults.Profiles.ShouldBeEmpty();
    }

    [Fact]
    public async Task FaultsEndpoint_NeverFaultedItself()
    {
        // Arrange: every profile that could touch a request
        await using var server = await TestScimServer.StartAsync(
            ["throttle:1", "flaky:1", "slow:0", "bad-json", "wrong-content-type", "invalid-credentials", "no-patch"]);

        // Act
        var read = await server.GetAsync("/_faults");
        var requests = await server.GetAsync("/_requests");
        await server.SetFaultsAsync();

        // Assert
        read.Status.ShouldBe(200);
        read.MediaType.ShouldBe("application/scim+json");
        read.Json["profiles"]!.AsArray().Count.ShouldBe(7);
        requests.Status.ShouldBe(200);
        (await server.GetAsync("Users")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task FaultsEndpoint_ThrottleCounterRestartsOnReplace()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["throttle:2"]);
        (await server.GetAsync("Users")).Status.ShouldBe(200);

        // Act
        await server.SetFaultsAsync("throttle:2");
        var first = await server.GetAsync("Users");
        var second = await server.GetAsync("Users");

        // Assert
        first.Status.ShouldBe(200);
        second.Status.ShouldBe(429);
    }

    [Theory]
    [InlineData("""{"profiles":["throttle:10","no-such-profile"]}""", "unknown fault profile \"no-such-profile\"")]
    [InlineData("""{"profiles":["throttle:0"]}""", "throttle:10")]
    [InlineData("""{"profiles":["flaky:2"]}""", "between 0 and 1")]
    [InlineData("""{"profiles":["no-patch:3"]}""", "takes no parameter")]
    [InlineData("""{"profiles":["require-attribute:"]}""", "needs an attribute path")]
    [InlineData("""{"profiles":"throttle:10"}""", "{\"profiles\":[...]}")]
    [InlineData("""{"profiles":[1]}""", "{\"profiles\":[...]}")]
    [InlineData("""{"profiles":[],"seed":"x"}""", "seed")]
    public async Task FaultsEndpoint_InvalidProfiles_Answer400AndChangeNothing(string body, string expected)
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["slow:0"]);

        // Act
        var answer = await server.PutAsync("/_faults", body);

        // Assert
        answer.ShouldBeScimError(400).ShouldContain(expected);
        server.Server.Faults.Profiles.ShouldBe(["slow:0"]);
    }

    [Fact]
    public async Task FaultsEndpoint_UnknownProfileMessage_ListsTheKnownOnes()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var detail = (await server.PutAsync("/_faults", """{"profiles":["explode"]}""")).ShouldBeScimError(400);

        // Assert
        foreach (var known in ScimFaults.KnownProfiles)
        {
            detail.ShouldContain(known);
        }
    }

    [Fact]
    public async Task FaultsEndpoint_SeedMakesFlakyRepeatable()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync();

        // Act
        var runs = new List<List<int>>();
        for (var run = 0; run < 2; run++)
        {
            (await server.PutAsync("/_faults", """{"profiles":["flaky:0.5"],"seed":99}""")).Status.ShouldBe(200);
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((await server.GetAsync("Users")).Status);
            }

            runs.Add(statuses);
        }

        // Assert
        runs[0].ShouldBe(runs[1]);
        server.Server.Faults.Seed.ShouldBe(99);
    }

    [Fact]
    public void Create_UnknownProfileAtStart_IsRejectedWithTheKnownOnes()
    {
        // Arrange
        var options = new ScimServerOptions { Token = TestScimServer.Token, Faults = ["throttle:10", "explode"] };

        // Act
        var errors = options.Validate();
        var exception = Should.Throw<ArgumentException>(() => ScimServer.Create(options, ["http://127.0.0.1:0"]));

        // Assert
        errors.Single().ShouldStartWith("Faults: unknown fault profile \"explode\". Known profiles: not-found-for-empty-query, no-patch");
        exception.Message.ShouldContain("require-attribute:NAME");
    }

    [Fact]
    public async Task Combined_SlowAndThrottle_BothApply()
    {
        // Arrange
        await using var server = await TestScimServer.StartAsync(["slow:100", "throttle:2"]);

        // Act
        var watch = Stopwatch.StartNew();
        var first = await server.GetAsync("Users");
        var second = await server.GetAsync("Users");
        watch.Stop();

        // Assert
        first.Status.ShouldBe(200);
        second.Status.ShouldBe(429);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
    }
}
