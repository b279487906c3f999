using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio serve</c> on a SQLite file and a real loopback socket: admin key, health, /v1.0/users in Graph's shapes.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private const string Key = "test-admin-key-2a9c";
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-serve-").FullName;
    private WebApplication? _app;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(_folder, "provisio.db")}",
            [$"--Provisio:AdminKey={Key}"], Console(), Cancellation))!;
        await _app.StartAsync(Cancellation);
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Readyz_WithoutKey_Answers200()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };

        var response = await anonymous.GetAsync(new Uri("/readyz", UriKind.Relative), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Users_MissingOrWrongKey_401WithGraphError(string? key)
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };
        if (key is not null)
        {
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await anonymous.GetAsync(new Uri("/v1.0/users/x", UriKind.Relative), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var error = await ErrorAsync(response);
        error["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
        error["innerError"]!["request-id"]!.GetValue<string>().ShouldBe(response.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task Users_CreateGetUpdateDeleteRestorePurge_AsGraphDoes()
    {
        var created = await PostAsync("/v1.0/users", """{"userPrincipalName":"ana@contoso.com","displayName":"Ana Souza","accountEnabled":true,"department":"Sales"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var user = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
        var id = user["id"]!.GetValue<string>();
        user["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#users/$entity");

        var byName = await _client.GetFromJsonAsync<JsonObject>(new Uri("/v1.0/users/ana@contoso.com", UriKind.Relative), Cancellation);
        byName!["id"]!.GetValue<string>().ShouldBe(id);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1.0/users/{id}") { Content = Json("""{"jobTitle":"Lead","department":null}""") };
        (await _client.SendAsync(patch, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var patched = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/users/{id}", UriKind.Relative), Cancellation);
        patched!["jobTitle"]!.GetValue<string>().ShouldBe("Lead");
        patched.ContainsKey("department").ShouldBeFalse();

        (await _client.DeleteAsync(new Uri($"/v1.0/users/{id}", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _client.GetAsync(new Uri($"/v1.0/users/{id}", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var restored = await PostAsync($"/v1.0/directory/deletedItems/{id}/restore", "{}");
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync(new Uri($"/beta/users/{id}", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await _client.DeleteAsync(new Uri($"/v1.0/users/{id}", UriKind.Relative), Cancellation);
        (await _client.DeleteAsync(new Uri($"/v1.0/directory/deletedItems/{id}", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync($"/v1.0/directory/deletedItems/{id}/restore", "{}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"userPrincipalName":"x@contoso.com","displayName":"X","favouriteColour":"red"}""", "favouriteColour")]
    [InlineData("""{"userPrincipalName":"x@contoso.com"}""", "displayName")]
    [InlineData("""{"userPrincipalName":"x@contoso.com","displayName":"X","accountEnabled":"yes"}""", "accountEnabled")]
    [InlineData("""{"userPrincipalName":""", "JSON")]
    public async Task Users_InvalidBody_400NamingTheProblemAndNothingCreated(string body, string named)
    {
        var response = await PostAsync("/v1.0/users", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response))["message"]!.GetValue<string>().ShouldContain(named);
        (await _client.GetAsync(new Uri("/v1.0/users/x@contoso.com", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Users_DuplicatePrincipalName_400AsGraphAnswers()
    {
        await PostAsync("/v1.0/users", """{"userPrincipalName":"dup@contoso.com","displayName":"One"}""");

        var second = await PostAsync("/v1.0/users", """{"userPrincipalName":"DUP@contoso.com","displayName":"Two"}""");

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(second))["message"]!.GetValue<string>().ShouldContain("userPrincipalName already exists");
    }

    [Fact]
    public async Task Groups_MembersAndManager_AsGraphDoes()
    {
        var ana = await CreateUserAsync("ana2@contoso.com");
        var bo = await CreateUserAsync("bo2@contoso.com");
        var created = await PostAsync("/v1.0/groups", """{"displayName":"Sales","securityEnabled":true,"mailEnabled":false,"mailNickname":"sales"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var group = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<string>();

        (await PostAsync($"/v1.0/groups/{group}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{ana}}"}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync($"/v1.0/groups/{group}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{bo}}"}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var twice = await PostAsync($"/v1.0/groups/{group}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{bo}}"}""");
        var dangling = await PostAsync($"/v1.0/groups/{group}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{Guid.NewGuid()}}"}""");
        (await _client.DeleteAsync(new Uri($"/v1.0/groups/{group}/members/{ana}/$ref", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var members = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/groups/{group}/members", UriKind.Relative), Cancellation);

        using var setManager = new HttpRequestMessage(HttpMethod.Put, $"/v1.0/users/{ana}/manager/$ref")
        {
            Content = Json($$"""{"@odata.id":"https://graph.microsoft.com/v1.0/users/{{bo}}"}"""),
        };
        (await _client.SendAsync(setManager, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var manager = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/users/{ana}/manager", UriKind.Relative), Cancellation);
        (await _client.DeleteAsync(new Uri($"/v1.0/users/{ana}/manager/$ref", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var noManager = await _client.GetAsync(new Uri($"/v1.0/users/{ana}/manager", UriKind.Relative), Cancellation);

        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        dangling.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ErrorAsync(dangling))["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
        members!["value"]!.AsArray().Select(member => member!["id"]!.GetValue<string>()).ShouldBe([bo]);
        members["value"]![0]!["@odata.type"]!.GetValue<string>().ShouldBe("#microsoft.graph.user");
        manager!["id"]!.GetValue<string>().ShouldBe(bo);
        noManager.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Manager_ByUserPrincipalName_AsGraphAllows()
    {
        var boss = await CreateUserAsync("upn.boss@contoso.com");
        await CreateUserAsync("upn.report@contoso.com");

        using var put = new HttpRequestMessage(HttpMethod.Put, "/v1.0/users/upn.report@contoso.com/manager/$ref")
        {
            Content = Json($$"""{"@odata.id":"https://graph.microsoft.com/v1.0/users/{{boss}}"}"""),
        };
        var set = await _client.SendAsync(put, Cancellation);
        var manager = await _client.GetFromJsonAsync<JsonObject>(new Uri("/v1.0/users/UPN.REPORT@contoso.com/manager", UriKind.Relative), Cancellation);
        var unknown = await _client.GetAsync(new Uri("/v1.0/users/nobody@contoso.com/manager", UriKind.Relative), Cancellation);

        set.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        manager!["id"]!.GetValue<string>().ShouldBe(boss);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("'nobody@contoso.com'");
    }

    [Fact]
    public async Task ChangeFeed_ShowsEachWriteOnceInOrderWithWatermark()
    {
        var ana = await CreateUserAsync("feed.ana@contoso.com");
        var first = await _client.GetFromJsonAsync<JsonObject>(new Uri("/v1.0/provisio/changes?after=0", UriKind.Relative), Cancellation);
        var watermark = first!["watermark"]!.GetValue<long>();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1.0/users/{ana}") { Content = Json("""{"jobTitle":"Lead"}""") };
        await _client.SendAsync(patch, Cancellation);
        await _client.DeleteAsync(new Uri($"/v1.0/users/{ana}", UriKind.Relative), Cancellation);

        var next = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/provisio/changes?after={watermark}", UriKind.Relative), Cancellation);
        var bad = await _client.GetAsync(new Uri("/v1.0/provisio/changes?after=-1", UriKind.Relative), Cancellation);

        first["value"]!.AsArray().ShouldContain(change => change!["id"]!.GetValue<string>() == ana);
        var changes = next!["value"]!.AsArray();
        changes.Count.ShouldBe(1);
        changes[0]!["changeType"]!.GetValue<string>().ShouldBe("softDeleted");
        changes[0]!["object"]!["jobTitle"]!.GetValue<string>().ShouldBe("Lead");
        next["watermark"]!.GetValue<long>().ShouldBeGreaterThan(watermark);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Applications_InstantiateScimTemplateThenAssignUserAndGroup()
    {
        var user = await CreateUserAsync("assigned@contoso.com");
        var group = (await (await PostAsync("/v1.0/groups", """{"displayName":"Assigned"}""")).Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<string>();

        var instantiated = await PostAsync("/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"Contoso SCIM app"}""");
        instantiated.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await instantiated.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
        var servicePrincipal = body["servicePrincipal"]!["id"]!.GetValue<string>();
        body["application"]!["appId"]!.GetValue<string>().ShouldBe(body["servicePrincipal"]!["appId"]!.GetValue<string>());
        var role = body["servicePrincipal"]!["appRoles"]![0]!["id"]!.GetValue<string>();

        var toUser = await PostAsync($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo",
            $$"""{"principalId":"{{user}}","resourceId":"{{servicePrincipal}}","appRoleId":"{{role}}"}""");
        var toGroup = await PostAsync($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo",
            $$"""{"principalId":"{{group}}","resourceId":"{{servicePrincipal}}","appRoleId":"00000000-0000-0000-0000-000000000000"}""");
        var unknownRole = await PostAsync($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo",
            $$"""{"principalId":"{{user}}","resourceId":"{{servicePrincipal}}","appRoleId":"{{Guid.NewGuid()}}"}""");
        var assignments = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo", UriKind.Relative), Cancellation);
        var assignmentId = (await toUser.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<string>();
        var removed = await _client.DeleteAsync(new Uri($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo/{assignmentId}", UriKind.Relative), Cancellation);
        var after = await _client.GetFromJsonAsync<JsonObject>(new Uri($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo", UriKind.Relative), Cancellation);

        toUser.StatusCode.ShouldBe(HttpStatusCode.Created);
        toGroup.StatusCode.ShouldBe(HttpStatusCode.Created);
        unknownRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        assignments!["value"]!.AsArray().Select(assignment => assignment!["principalType"]!.GetValue<string>()).ShouldBe(["User", "Group"], ignoreOrder: true);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        after!["value"]!.AsArray().Select(assignment => assignment!["principalId"]!.GetValue<string>()).ShouldBe([group]);
        (await PostAsync("/v1.0/applicationTemplates/00000000-1111-2222-3333-444444444444/instantiate", """{"displayName":"X"}""")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Groups_MissingDisplayNameOrUnknownProperty_400()
    {
        (await PostAsync("/v1.0/groups", """{"description":"no name"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("/v1.0/groups", """{"displayName":"G","colour":"red"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync($"/v1.0/groups/{Guid.NewGuid()}/members/$ref", """{"nope":1}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<string> CreateUserAsync(string userPrincipalName)
    {
        var response = await PostAsync("/v1.0/users", $$"""{"userPrincipalName":"{{userPrincipalName}}","displayName":"{{userPrincipalName}}"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task FirstStartWithoutConfiguredKey_PrintsAKeyOnceThatWorks()
    {
        var path = Path.Combine(_folder, "generated.db");
        var firstOut = new StringWriter();
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{path}", [], new CommandLineConsole(TextReader.Null, firstOut, TextWriter.Null), Cancellation))!;
        var key = firstOut.ToString().Split(' ', '\n').First(word => word.StartsWith("pvk_", StringComparison.Ordinal));
        await using (app)
        {
            await app.StartAsync(Cancellation);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            (await client.GetAsync(new Uri("/v1.0/users/nobody@contoso.com", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await app.StopAsync(Cancellation);
        }

        var secondOut = new StringWriter();
        await using var again = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{path}", [], new CommandLineConsole(TextReader.Null, secondOut, TextWriter.Null), Cancellation))!;
        secondOut.ToString().ShouldNotContain("pvk_");
        File.ReadAllText(path + "").ShouldNotContain(key);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), Json(body), Cancellation);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["error"]!.AsObject();

    private static CommandLineConsole Console() => new(TextReader.Null, TextWriter.Null, TextWriter.Null);
}
