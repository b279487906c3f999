using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Provisio.Scim.Client;

namespace Provisio.Scim.Server.Tests.Client;

/// <summary>
/// The SCIM client against the reference server on a real socket: Entra's request catalogue in both dialects, with
/// the server's request log showing exactly what went over the wire, and faults classified.
/// </summary>
public sealed class ScimClientTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TestConnection_CleanServer_SendsRandomGuidQueryAndSucceeds()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target);

        var result = await client.TestConnectionAsync("userName", Cancellation);

        result.Succeeded.ShouldBeTrue(result.Failure?.ToString());
        var request = target.Server.Requests.Snapshot().Single();
        request.Method.ShouldBe("GET");
        request.DecodedPath.ShouldMatch("""^/scim/v2/Users\?filter=userName eq "[0-9a-f-]{36}"$""");
    }

    [Fact]
    public async Task UserLifecycle_DefaultDialect_CreatesMatchesUpdatesDisablesDeletes()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target);

        var created = await client.CreateAsync(ScimResourceType.User, NewUser("ana@contoso.com"), Cancellation);
        var id = ScimJson.Text(created.Value!["id"])!;
        var found = await client.FindUserAsync("userName", "ana@contoso.com", Cancellation);
        var byEmail = await client.FindUserAsync("emails[type eq \"work\"].value", "ana@contoso.com", Cancellation);
        var updated = await client.UpdateAsync(ScimResourceType.User, id,
            [ScimChange.Replace("name.familyName", "Souza"), ScimChange.Replace("emails[type eq \"work\"].value", "ana.souza@contoso.com")], Cancellation);
        var disabled = await client.SetActiveAsync(id, false, Cancellation);
        var read = await client.GetAsync(ScimResourceType.User, id, Cancellation);
        var deleted = await client.DeleteAsync(ScimResourceType.User, id, Cancellation);
        var gone = await client.GetAsync(ScimResourceType.User, id, Cancellation);

        found.Value.ShouldNotBeNull();
        ScimJson.Text(byEmail.Value!["id"]).ShouldBe(id);
        updated.Succeeded.ShouldBeTrue();
        disabled.Succeeded.ShouldBeTrue();
        read.Value!["active"]!.GetValue<bool>().ShouldBeFalse();
        read.Value["name"]!["familyName"]!.GetValue<string>().ShouldBe("Souza");
        deleted.Value.ShouldBeTrue();
        gone.Failure!.Code.ShouldBe(ScimErrorCodes.InvalidAnchor);
        var disable = target.Server.Requests.Snapshot().Single(request => request.Method == "PATCH" && request.Body!.Contains("active", StringComparison.Ordinal));
        disable.Body.ShouldBe("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
    }

    [Fact]
    public async Task Update_FlagDialect_SendsOnePathLessReplaceAndTheServerAppliesIt()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target, "?aadOptscim062020");
        var id = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("bo@contoso.com"), Cancellation)).Value!["id"])!;

        var result = await client.UpdateAsync(ScimResourceType.User, id,
        [
            ScimChange.Replace("displayName", "Bo"),
            ScimChange.Replace("name.givenName", "Bo"),
            ScimChange.Replace(ScimSchemas.EnterpriseUser + ":employeeNumber", "701984"),
        ], Cancellation);

        result.Succeeded.ShouldBeTrue(result.Failure?.ToString());
        client.Dialect.ShouldBe(ScimDialect.AadOptScim062020);
        var patch = target.Server.Requests.Snapshot().Last(request => request.Method == "PATCH");
        patch.Path.ShouldNotContain("aadOptscim062020");
        patch.Body.ShouldBe("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"displayName":"Bo","name.givenName":"Bo","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"701984"}}]}""");
        var read = await client.GetAsync(ScimResourceType.User, id, Cancellation);
        read.Value![ScimSchemas.EnterpriseUser]!["employeeNumber"]!.GetValue<string>().ShouldBe("701984");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?aadOptscim062020")]
    public async Task Groups_BothDialects_CreateMatchAddAndRemoveMembers(string flag)
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target, flag);
        var a = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("a@contoso.com"), Cancellation)).Value!["id"])!;
        var b = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("b@contoso.com"), Cancellation)).Value!["id"])!;
        var group = ScimJson.Text((await client.CreateAsync(ScimResourceType.Group,
            new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["displayName"] = "Sales" }, Cancellation)).Value!["id"])!;

        (await client.AddMembersAsync(group, [a, b], Cancellation)).Succeeded.ShouldBeTrue();
        var match = await client.FindGroupAsync("displayName", "Sales", Cancellation);
        (await client.RemoveMembersAsync(group, [a], Cancellation)).Succeeded.ShouldBeTrue();
        var read = await client.GetAsync(ScimResourceType.Group, group, excludeMembers: false, Cancellation);

        ScimJson.Text(match.Value!["id"]).ShouldBe(group);
        match.Value["members"].ShouldBeNull();
        read.Value!["members"]!.AsArray().Select(member => ScimJson.Text(member!["value"])).ShouldBe([b]);
        target.Server.Requests.Snapshot().ShouldContain(request => request.DecodedPath.Contains("excludedAttributes=members&filter=displayName eq \"Sales\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manager_SetAndClear_StoredAsComplexValue()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target);
        var report = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("r@contoso.com"), Cancellation)).Value!["id"])!;
        var manager = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("m@contoso.com"), Cancellation)).Value!["id"])!;

        (await client.SetManagerAsync(report, manager, Cancellation)).Succeeded.ShouldBeTrue();
        var withManager = await client.GetAsync(ScimResourceType.User, report, Cancellation);
        (await client.SetManagerAsync(report, null, Cancellation)).Succeeded.ShouldBeTrue();
        var without = await client.GetAsync(ScimResourceType.User, report, Cancellation);

        withManager.Value![ScimSchemas.EnterpriseUser]!["manager"]!["value"]!.GetValue<string>().ShouldBe(manager);
        (without.Value![ScimSchemas.EnterpriseUser]?["manager"]).ShouldBeNull();
    }

    [Fact]
    public async Task Create_Duplicate_IsEntryConflict()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target);
        await client.CreateAsync(ScimResourceType.User, NewUser("dup@contoso.com"), Cancellation);

        var second = await client.CreateAsync(ScimResourceType.User, NewUser("dup@contoso.com"), Cancellation);

        second.Failure!.Code.ShouldBe(ScimErrorCodes.EntryConflict);
        second.Failure.ScimType.ShouldBe("uniqueness");
    }

    [Fact]
    public async Task Create_TargetRequiresMissingAttribute_MandatoryFieldsMissingWithTargetsMessage()
    {
        await using var target = await TestScimServer.StartAsync(["require-attribute:employeeNumber"]);
        using var client = Client(target);

        var result = await client.CreateAsync(ScimResourceType.User, NewUser("x@contoso.com"), Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.MandatoryFieldsMissing);
        result.Failure.Message.ShouldContain("Required attribute employeeNumber is missing");
    }

    [Fact]
    public async Task Throttled_RetriesAfterRetryAfterAndSucceeds()
    {
        await using var target = await TestScimServer.StartAsync(["throttle:2"]);
        using var client = Client(target);

        var result = await client.CreateAsync(ScimResourceType.User, NewUser("t@contoso.com"), Cancellation);
        var second = await client.FindUserAsync("userName", "t@contoso.com", Cancellation);

        result.Succeeded.ShouldBeTrue(result.Failure?.ToString());
        second.Succeeded.ShouldBeTrue(second.Failure?.ToString());
        target.Server.Requests.Snapshot().Count(request => request.Status == 429).ShouldBeGreaterThanOrEqualTo(1);
        target.Server.GetUsers().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Throttled_BeyondRetries_IsTransientTooManyRequestsWithRetryAfter()
    {
        await using var target = await TestScimServer.StartAsync(["throttle:1"]);
        using var client = Client(target, throttleRetries: 1);

        var result = await client.FindUserAsync("userName", "nobody", Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.TooManyRequests);
        result.Failure.IsTransient.ShouldBeTrue();
        result.Failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        target.Server.Requests.Snapshot().Count.ShouldBe(2);
    }

    [Fact]
    public async Task NoAnswer_TimesOutAsTransientTimeout()
    {
        await using var target = await TestScimServer.StartAsync(["timeout"]);
        using var client = Client(target, timeout: TimeSpan.FromMilliseconds(500));

        var result = await client.TestConnectionAsync("userName", Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.Timeout);
        result.Failure.IsTransient.ShouldBeTrue();
    }

    [Theory]
    [InlineData("invalid-credentials", ScimErrorCodes.CredentialsInvalid)]
    [InlineData("not-found-for-empty-query", ScimErrorCodes.BadResponse)]
    [InlineData("wrong-content-type", ScimErrorCodes.BadResponse)]
    [InlineData("bad-json", ScimErrorCodes.ServiceIncompatible)]
    [InlineData("flaky:1", ScimErrorCodes.InternalServerError)]
    public async Task TestConnection_Fault_ClassifiedWithEntrasCode(string fault, string code)
    {
        await using var target = await TestScimServer.StartAsync([fault]);
        using var client = Client(target);

        var result = await client.TestConnectionAsync("userName", Cancellation);

        result.Failure!.Code.ShouldBe(code);
    }

    [Fact]
    public async Task FindGroup_ServerReturnsMembersDespiteExclusion_MultipleEntriesInResponse()
    {
        await using var target = await TestScimServer.StartAsync(["members-in-group-query"]);
        using var client = Client(target);
        var user = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("g@contoso.com"), Cancellation)).Value!["id"])!;
        var group = ScimJson.Text((await client.CreateAsync(ScimResourceType.Group,
            new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["displayName"] = "Ops" }, Cancellation)).Value!["id"])!;
        await client.AddMembersAsync(group, [user], Cancellation);

        var result = await client.FindGroupAsync("displayName", "Ops", Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.MultipleEntriesInResponse);
    }

    [Fact]
    public async Task Find_ByPreparedFilter_QueriesAsFindUserAndFindGroupDo()
    {
        await using var target = await TestScimServer.StartAsync(["members-in-group-query"]);
        using var client = Client(target);
        var user = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("f@contoso.com"), Cancellation)).Value!["id"])!;
        var group = ScimJson.Text((await client.CreateAsync(ScimResourceType.Group,
            new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["displayName"] = "Ops East" }, Cancellation)).Value!["id"])!;
        await client.AddMembersAsync(group, [user], Cancellation);

        var foundUser = await client.FindAsync(ScimResourceType.User, ScimClient.Equality("userName", "f@contoso.com"), Cancellation);
        var missing = await client.FindAsync(ScimResourceType.User, ScimClient.Equality("userName", "nobody@contoso.com"), Cancellation);
        var foundGroup = await client.FindAsync(ScimResourceType.Group, ScimClient.Equality("displayName", "Ops East"), Cancellation);

        ScimJson.Text(foundUser.Value!["id"]).ShouldBe(user);
        missing.Succeeded.ShouldBeTrue();
        missing.Value.ShouldBeNull();
        // The group query excludes members, and a target that sends them anyway is refused, as FindGroupAsync does.
        foundGroup.Failure!.Code.ShouldBe(ScimErrorCodes.MultipleEntriesInResponse);
        target.Server.Requests.Snapshot().ShouldContain(request =>
            request.DecodedPath.Contains("excludedAttributes=members&filter=displayName eq \"Ops East\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patch_TargetWithoutPatch_ServiceIncompatibleForTheWholeJob()
    {
        await using var target = await TestScimServer.StartAsync(["no-patch"]);
        using var client = Client(target);
        var id = ScimJson.Text((await client.CreateAsync(ScimResourceType.User, NewUser("p@contoso.com"), Cancellation)).Value!["id"])!;

        var result = await client.SetActiveAsync(id, false, Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.ServiceIncompatible);
        result.Failure.AffectsWholeJob.ShouldBeTrue();
    }

    [Fact]
    public async Task OAuthClientCredentials_TokenFetchedOnceReusedAndSentAsBearer()
    {
        // The target's token endpoint is a third party here: a few lines of Kestrel stand in for it.
        var tokenRequests = 0;
        string? authorization = null;
        await using var tokenServer = await StartTokenEndpointAsync(async context =>
        {
            Interlocked.Increment(ref tokenRequests);
            authorization = context.Request.Headers.Authorization;
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(form["grant_type"] == "client_credentials"
                ? $$"""{"access_token":"{{TestScimServer.Token}}","token_type":"Bearer","expires_in":3600}"""
                : """{"error":"unsupported_grant_type"}""", context.RequestAborted);
        });
        await using var target = await TestScimServer.StartAsync();
        using var client = new ScimClient(new ScimClientOptions
        {
            TenantUrl = target.Server.ScimAddress,
            Credentials = new OAuthClientCredentials(new Uri(tokenServer.Urls.First() + "/token"), "client-id", "client-secret"),
        });

        var first = await client.TestConnectionAsync("userName", Cancellation);
        var second = await client.FindUserAsync("userName", "nobody", Cancellation);

        first.Succeeded.ShouldBeTrue(first.Failure?.ToString());
        second.Succeeded.ShouldBeTrue();
        tokenRequests.ShouldBe(1);
        authorization.ShouldBe("Basic " + Convert.ToBase64String("client-id:client-secret"u8.ToArray()));
    }

    [Fact]
    public async Task OAuthClientCredentials_Refused_CredentialsInvalid()
    {
        await using var tokenServer = await StartTokenEndpointAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"error":"invalid_client"}""", context.RequestAborted);
        });
        await using var target = await TestScimServer.StartAsync();
        using var client = new ScimClient(new ScimClientOptions
        {
            TenantUrl = target.Server.ScimAddress,
            Credentials = new OAuthClientCredentials(new Uri(tokenServer.Urls.First() + "/token"), "client-id", "wrong", Style: ClientCredentialsStyle.Body),
        });

        var result = await client.TestConnectionAsync("userName", Cancellation);

        result.Failure!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        result.Failure.AffectsWholeJob.ShouldBeTrue();
        target.Server.Requests.Snapshot().ShouldBeEmpty();
    }

    [Fact]
    public async Task Observer_SeesRequestsButNeverTheToken()
    {
        await using var target = await TestScimServer.StartAsync();
        using var client = Client(target);
        var exchanges = new List<ScimExchange>();
        client.Observer = exchanges.Add;

        await client.CreateAsync(ScimResourceType.User, NewUser("o@contoso.com"), Cancellation);

        exchanges.Single().Status.ShouldBe((int)HttpStatusCode.Created);
        exchanges.Single().RequestBody!.ShouldContain("o@contoso.com");
        exchanges.Single().ToString().ShouldNotContain(TestScimServer.Token);
    }

    private static ScimClient Client(TestScimServer target, string flag = "", int throttleRetries = 3, TimeSpan? timeout = null) => new(new ScimClientOptions
    {
        TenantUrl = new Uri(target.Server.ScimAddress + flag),
        Credentials = new BearerTokenCredentials(TestScimServer.Token),
        ThrottleRetries = throttleRetries,
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    });

    private static JsonObject NewUser(string userName) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
        ["externalId"] = userName.Split('@')[0],
        ["userName"] = userName,
        ["active"] = true,
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
        ["name"] = new JsonObject { ["givenName"] = "Given", ["familyName"] = "Family" },
        ["meta"] = new JsonObject { ["resourceType"] = "User" },
        ["roles"] = new JsonArray(),
    };

    private static async Task<WebApplication> StartTokenEndpointAsync(RequestDelegate token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/token", token);
        await app.StartAsync(Cancellation);
        return app;
    }
}
