using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// <c>provisio serve</c> on a fresh SQLite file and a loopback port, with an HTTP client that speaks to it as a Graph
/// client would (bearer key, JSON bodies): what the directory API tests share.
/// </summary>
internal sealed class ServedDirectory : IAsyncDisposable
{
    private const string Key = "test-admin-key-listing";
    private readonly string _folder;
    private readonly WebApplication _app;

    private ServedDirectory(string folder, WebApplication app, HttpClient client)
    {
        _folder = folder;
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<ServedDirectory> StartAsync()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-listing-").FullName;
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(folder, "provisio.db")}",
            [$"--Provisio:AdminKey={Key}"], new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation))!;
        await app.StartAsync(Cancellation);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return new ServedDirectory(folder, app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(string pathOrUrl, bool eventual = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathOrUrl, UriKind.RelativeOrAbsolute));
        if (eventual)
        {
            request.Headers.Add("ConsistencyLevel", "eventual");
        }

        using var response = await Client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 || text[0] != '{' ? null : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await Client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<string> CreateAsync(string collection, string body)
    {
        var (status, created) = await SendAsync(HttpMethod.Post, $"/v1.0/{collection}", body);
        status.ShouldBe(HttpStatusCode.Created, created?.ToJsonString());
        return created!["id"]!.GetValue<string>();
    }

    public Task<string> CreateUserAsync(string userPrincipalName, string displayName, string? extra = null) =>
        CreateAsync("users", $$"""{"userPrincipalName":"{{userPrincipalName}}","displayName":"{{displayName}}"{{(extra is null ? "" : "," + extra)}}}""");

    /// <summary>Follows <c>@odata.nextLink</c> from <paramref name="path"/> to the last page; returns each page's body.</summary>
    public async Task<List<JsonObject>> PagesAsync(string path, bool eventual = false)
    {
        var pages = new List<JsonObject>();
        string? next = path;
        while (next is not null)
        {
            var (status, body) = await GetAsync(next, eventual);
            status.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
            pages.Add(body!);
            next = body!["@odata.nextLink"]?.GetValue<string>();
            pages.Count.ShouldBeLessThan(1000, "the nextLinks never end");
        }

        return pages;
    }

    public static List<string> Values(JsonObject page, string property) =>
        [.. page["value"]!.AsArray().Select(item => item![property]!.GetValue<string>())];

    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["error"]!.AsObject();
}
