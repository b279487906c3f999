using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Provisio.Api.Authentication;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Authentication;

/// <summary>
/// <c>provisio serve</c> on a fresh SQLite file and a loopback port, its clock a <see cref="FakeTimeProvider"/> (starting
/// now) and its log kept, with one Reader and one Administrator API client registered.
/// </summary>
internal sealed class ServedAuthentication : IAsyncDisposable
{
    public const string AdminKey = "auth-admin-key-3b7d";
    public const string Scope = "https://graph.microsoft.com/.default";

    private readonly string _folder;

    private ServedAuthentication(string folder, WebApplication app, FakeTimeProvider time, ApiClient reader, string readerSecret, ApiClient administrator, string administratorSecret)
    {
        _folder = folder;
        App = app;
        Time = time;
        Reader = reader;
        ReaderSecret = readerSecret;
        Administrator = administrator;
        AdministratorSecret = administratorSecret;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>No credentials by default.</summary>
    public HttpClient Client { get; }

    public ApiClient Reader { get; }

    public string ReaderSecret { get; }

    public ApiClient Administrator { get; }

    public string AdministratorSecret { get; }

    public string Database => $"sqlite:{Path.Combine(_folder, "provisio.db")}";

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<ServedAuthentication> StartAsync()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-auth-").FullName;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(folder, "provisio.db")}",
            [$"--Provisio:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Provisio=Debug"],
            new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation,
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.RemoveAll<ILoggerProvider>();
                services.AddFakeLogging();
            }))!;
        await app.StartAsync(Cancellation);
        var registry = app.Services.GetRequiredService<ApiClientRegistry>();
        var (reader, readerSecret) = await registry.AddAsync("reporting script", ProvisioRoles.Reader, Cancellation);
        var (administrator, administratorSecret) = await registry.AddAsync("deployment pipeline", ProvisioRoles.Administrator, Cancellation);
        return new ServedAuthentication(folder, app, time, reader, readerSecret, administrator, administratorSecret);
    }

    /// <summary>POSTs a form to the token endpoint (<paramref name="path"/>), optionally with HTTP Basic client authentication.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> RequestTokenAsync(
        IReadOnlyDictionary<string, string> form, (string Id, string Secret)? basic = null, string path = "/oauth2/v2.0/token")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(credentials.Id)}:{WebUtility.UrlEncode(credentials.Secret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", encoded);
        }

        var response = await Client.SendAsync(request, Cancellation);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!.AsObject();
        return (response.StatusCode, body, response);
    }

    public static Dictionary<string, string> ClientCredentials(string clientId, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = Scope,
    };

    /// <summary>An access token for the client, from the token endpoint.</summary>
    public async Task<string> TokenAsync(ApiClient client, string secret)
    {
        var (status, body, _) = await RequestTokenAsync(ClientCredentials(client.ClientId, secret));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request, Cancellation);
    }

    public static async Task<JsonObject> GraphErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["error"]!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
