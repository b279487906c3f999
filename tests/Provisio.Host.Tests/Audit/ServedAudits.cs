using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Host.Cli;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Tests.Audit;

/// <summary>
/// <c>provisio serve</c> on a database and a loopback port, with a Graph client (the admin key on each request, unless a test leaves it off) and the service's
/// own synchronization store (to append audits as the engine will).
/// </summary>
internal sealed class ServedAudits : IAsyncDisposable
{
    public const string AdminKey = "audit-admin-key-8c1f";

    private readonly string _folder;
    private readonly WebApplication _app;

    private ServedAudits(string folder, WebApplication app, HttpClient client)
    {
        _folder = folder;
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public ISynchronizationStore Store => _app.Services.GetRequiredService<ISynchronizationStore>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The service on <paramref name="database"/> (a <c>postgres:...</c>), or on a fresh SQLite file when null.</summary>
    public static async Task<ServedAudits> StartAsync(string? database)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-audits-").FullName;
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", database ?? $"sqlite:{Path.Combine(folder, "provisio.db")}",
            [$"--Provisio:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning"],
            new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation))!;
        await app.StartAsync(Cancellation);
        // The key goes on each request (GetAsync), so a test can leave it off.
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new ServedAudits(folder, app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(string pathOrUrl, string? key = AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathOrUrl, UriKind.RelativeOrAbsolute));
        request.Headers.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        using var response = await Client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)!.AsObject() : null);
    }
}
