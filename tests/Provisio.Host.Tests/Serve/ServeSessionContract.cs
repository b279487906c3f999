using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Serve;

/// <summary>
/// Issue 5's "done when" session, the way an administrator runs it with curl against <c>provisio serve</c>: users with a
/// manager, a group with members, an application from the SCIM template with users and a group assigned, and the
/// change feed showing each write. One scenario, each database a subclass.
/// </summary>
public abstract class ServeSessionContract : IAsyncLifetime
{
    private const string Key = "session-admin-key-7f3e";
    private WebApplication? _app;
    private HttpClient _client = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The <c>--database</c> value of a fresh, empty database.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    public virtual async ValueTask InitializeAsync()
    {
        var console = new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null);
        _app = await ServeCommand.BuildAsync("http://127.0.0.1:0", await CreateDatabaseAsync(), [$"--Provisio:AdminKey={Key}"], console, Cancellation);
        _app.ShouldNotBeNull();
        await _app.StartAsync(Cancellation);
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public virtual async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Session_UsersGroupApplicationAssignments_EachWriteInTheChangeFeed()
    {
        var start = await WatermarkAsync(0);
        var ana = await CreateAsync("/v1.0/users", """{"userPrincipalName":"ana@contoso.com","displayName":"Ana Souza","department":"Sales","accountEnabled":true}""");
        var bo = await CreateAsync("/v1.0/users", """{"userPrincipalName":"bo@contoso.com","displayName":"Bo Ångström","accountEnabled":true}""");
        var group = await CreateAsync("/v1.0/groups", """{"displayName":"Sales","mailEnabled":false,"mailNickname":"sales","securityEnabled":true}""");
        var created = await WatermarkAsync(start);

        (await SendAsync(HttpMethod.Put, $"/v1.0/users/{bo}/manager/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/users/{{ana}}"}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterManager = await ChangedSinceAsync(created);
        (await SendAsync(HttpMethod.Post, $"/v1.0/groups/{group}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{ana}}"}""")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterMember = await ChangedSinceAsync(afterManager.Watermark);
        var instantiated = await SendAsync(HttpMethod.Post, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"Contoso SCIM app"}""");
        var servicePrincipal = (await instantiated.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["servicePrincipal"]!["id"]!.GetValue<string>();
        var afterInstantiate = await ChangedSinceAsync(afterMember.Watermark);
        foreach (var assignee in new[] { bo, group })
        {
            (await SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo",
                $$"""{"principalId":"{{assignee}}","resourceId":"{{servicePrincipal}}","appRoleId":"00000000-0000-0000-0000-000000000000"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var afterAssignments = await ChangedSinceAsync(afterInstantiate.Watermark);
        var assignments = await GetAsync($"/v1.0/servicePrincipals/{servicePrincipal}/appRoleAssignedTo");
        (await SendAsync(HttpMethod.Delete, $"/v1.0/users/{ana}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterDelete = await ChangedSinceAsync(afterAssignments.Watermark);

        (await ChangedSinceAsync(start)).Ids.ShouldBe([bo, group, servicePrincipal, ana], ignoreOrder: true);
        afterManager.Ids.ShouldBe([bo]);
        afterMember.Ids.ShouldBe([group]);
        afterInstantiate.Ids.ShouldBe([servicePrincipal]);
        afterAssignments.Ids.ShouldBe([servicePrincipal]);
        assignments["value"]!.AsArray().Select(assignment => assignment!["principalId"]!.GetValue<string>()).ShouldBe([bo, group], ignoreOrder: true);
        afterDelete.Ids.ShouldBe([ana]);
        afterDelete.Changes[0]!["changeType"]!.GetValue<string>().ShouldBe("softDeleted");
        (await GetAsync($"/v1.0/users/{bo}/manager"))["id"]!.GetValue<string>().ShouldBe(ana);
        (await GetAsync($"/v1.0/users/{bo}"))["displayName"]!.GetValue<string>().ShouldBe("Bo Ångström");
    }

    private async Task<string> CreateAsync(string path, string body)
    {
        var response = await SendAsync(HttpMethod.Post, path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<string>();
    }

    private async Task<long> WatermarkAsync(long after) => (await ChangedSinceAsync(after)).Watermark;

    private async Task<(List<string> Ids, JsonArray Changes, long Watermark)> ChangedSinceAsync(long after)
    {
        var page = await GetAsync($"/v1.0/provisio/changes?after={after}&top=1000");
        var changes = page["value"]!.AsArray();
        return ([.. changes.Select(change => change!["id"]!.GetValue<string>())], changes, page["watermark"]!.GetValue<long>());
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        return await _client.SendAsync(request, Cancellation);
    }
}
