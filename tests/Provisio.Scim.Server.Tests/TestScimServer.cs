using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Scim.Server;

namespace Provisio.Scim.Server.Tests;

/// <summary>The reference SCIM server on a real loopback socket (port 0) and an HttpClient that speaks to it with the token.</summary>
internal sealed class TestScimServer : IAsyncDisposable
{
    public const string Token = "s3cr3t-test-token-7c1f0a";

    private TestScimServer(ScimServer server, LogCapture logs)
    {
        Server = server;
        Logs = logs;
        Client = new HttpClient { BaseAddress = server.ScimAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public ScimServer Server { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public static async Task<TestScimServer> StartAsync(IEnumerable<string>? faults = null, string? dataFile = null, int seed = 0,
        int maxResults = 1000)
    {
        var options = new ScimServerOptions
        {
            Token = Token,
            Faults = [.. faults ?? []],
            FaultSeed = seed,
            DataFile = dataFile,
            MaxResults = maxResults,
        };
        return await StartAsync(options);
    }

    public static async Task<TestScimServer> StartAsync(ScimServerOptions options)
    {
        var logs = new LogCapture();
        var server = ScimServer.Create(options, ["http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return new TestScimServer(server, logs);
    }

    /// <summary>A path relative to the SCIM base (<c>Users</c>), or starting with <c>/</c> for one relative to the root (<c>/_faults</c>, <c>/Users</c>).</summary>
    public Uri Resolve(string path) => path.StartsWith('/') ? new Uri(Server.Address, path[1..]) : new Uri(Server.ScimAddress, path);

    public async Task<ScimAnswer> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/scim+json",
        Action<HttpRequestMessage>? configure = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, Resolve(path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        using var response = await (client ?? Client).SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ScimAnswer((int)response.StatusCode, text, response.Headers, response.Content.Headers);
    }

    public Task<ScimAnswer> GetAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, path, configure: configure);

    public Task<ScimAnswer> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<ScimAnswer> PutAsync(string path, string body, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Put, path, body, configure: configure);

    public Task<ScimAnswer> PatchAsync(string path, string body, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Patch, path, body, configure: configure);

    public Task<ScimAnswer> DeleteAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Delete, path, configure: configure);

    /// <summary>Creates a user and returns the created resource (asserting 201).</summary>
    public async Task<JsonObject> CreateUserAsync(string userName, string? externalId = null, string? workEmail = null, bool active = true)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
            ["userName"] = userName,
            ["active"] = active,
            ["name"] = new JsonObject { ["givenName"] = "Given", ["familyName"] = "Family" },
        };
        if (externalId is not null)
        {
            user["externalId"] = externalId;
        }

        if (workEmail is not null)
        {
            user["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = workEmail });
        }

        var answer = await PostAsync("Users", user.ToJsonString());
        answer.Status.ShouldBe(201, answer.Text);
        return answer.Json;
    }

    /// <summary>Creates a group without members (as Entra does, reference B.5) and returns it (asserting 201).</summary>
    public async Task<JsonObject> CreateGroupAsync(string displayName)
    {
        var answer = await PostAsync("Groups", new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["displayName"] = displayName,
        }.ToJsonString());
        answer.Status.ShouldBe(201, answer.Text);
        return answer.Json;
    }

    public async Task SetFaultsAsync(params string[] profiles)
    {
        var body = new JsonObject { ["profiles"] = new JsonArray([.. profiles.Select(profile => (JsonNode)profile)]) };
        var answer = await PutAsync("/_faults", body.ToJsonString());
        answer.Status.ShouldBe(200, answer.Text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
