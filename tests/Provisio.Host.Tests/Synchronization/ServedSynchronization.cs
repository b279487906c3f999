using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Provisio.Host.Cli;
using Provisio.Scim.Server;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// <c>provisio serve</c> on a fresh SQLite file and a loopback port, beside the reference SCIM server on another, with a
/// client that speaks Graph to the service as a script does. Every response body is kept, so a test can check that none
/// of them ever carried a secret.
/// </summary>
internal sealed class ServedSynchronization : IAsyncDisposable
{
    public const string AdminKey = "sync-admin-key-5d2e";
    public const string TemplateId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    private readonly List<string> _responses = [];
    private readonly string _folder;
    private WebApplication? _app;

    private ServedSynchronization(string folder, string database, WebApplication app, HttpClient client, ScimServer target, string targetToken)
    {
        _folder = folder;
        Database = database;
        _app = app;
        Client = client;
        Target = target;
        TargetToken = targetToken;
    }

    public HttpClient Client { get; private set; }

    public ScimServer Target { get; }

    /// <summary>The bearer token the reference server accepts: the secret under test.</summary>
    public string TargetToken { get; }

    public string DatabasePath => Path.Combine(_folder, "provisio.db");

    /// <summary>The <c>--database</c> value: the SQLite file at <see cref="DatabasePath"/>, unless another was given.</summary>
    public string Database { get; }

    /// <summary>Every response body the service sent, in order.</summary>
    public IReadOnlyList<string> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The service on a fresh SQLite file, or on <paramref name="database"/> (a fresh <c>postgres:...</c>) when given.</summary>
    /// <param name="oauth">The target's OAuth mode (its authorization server at <c>/oauth2/authorize</c> and <c>/oauth2/token</c>).</param>
    public static async Task<ServedSynchronization> StartAsync(IReadOnlyList<string>? faults = null, string? database = null, IReadOnlyList<string>? settings = null,
        ScimOAuthOptions? oauth = null)
    {
        var token = $"target-token-{Guid.NewGuid():N}";
        var target = ScimServer.Create(new ScimServerOptions { Token = token, Faults = faults ?? [], OAuth = oauth }, ["http://127.0.0.1:0"],
            builder => builder.Logging.ClearProviders());
        await target.StartAsync(Cancellation);

        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-sync-").FullName;
        database ??= $"sqlite:{Path.Combine(folder, "provisio.db")}";
        var (app, client) = await StartServiceAsync(database, settings ?? []);
        return new ServedSynchronization(folder, database, app, client, target, token) { _settings = settings ?? [] };
    }

    /// <summary>Stops the service and starts it again on the same database (on a new port), as a restart of the process does.</summary>
    public async Task RestartServiceAsync()
    {
        await StopServiceAsync();
        Client.Dispose();
        (_app, Client) = await StartServiceAsync(Database, _settings);
    }

    private IReadOnlyList<string> _settings = [];

    private static async Task<(WebApplication App, HttpClient Client)> StartServiceAsync(string database, IReadOnlyList<string> settings)
    {
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", database,
            [$"--Provisio:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning", .. settings],
            new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation))!;
        await app.StartAsync(Cancellation);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return (app, client);
    }

    /// <summary>Stops the service (as SIGTERM does) and says how long it took; the target keeps running.</summary>
    public async Task<TimeSpan> StopServiceAsync()
    {
        var watch = Stopwatch.StartNew();
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopServiceAsync();
        await Target.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    public async Task<Response> SendAsync(HttpMethod method, string pathOrUrl, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(pathOrUrl, UriKind.RelativeOrAbsolute))
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await Client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        lock (_responses)
        {
            _responses.Add(text);
        }

        return new Response(response.StatusCode, text);
    }

    public Task<Response> GetAsync(string pathOrUrl) => SendAsync(HttpMethod.Get, pathOrUrl);

    /// <summary>Step 1 of the Graph lifecycle (reference §1.18): the SCIM application from its template; its service principal's id.</summary>
    public async Task<string> InstantiateAsync(string displayName = "Contoso SCIM app")
    {
        var instantiated = await SendAsync(HttpMethod.Post, $"/v1.0/applicationTemplates/{TemplateId}/instantiate", $$"""{"displayName":"{{displayName}}"}""");
        instantiated.Status.ShouldBe(HttpStatusCode.Created, instantiated.Text);
        return instantiated.Json!["servicePrincipal"]!["id"]!.GetValue<string>();
    }

    /// <summary>A job from the <c>scim</c> template; its id.</summary>
    public async Task<string> CreateJobAsync(string servicePrincipal)
    {
        var created = await SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{servicePrincipal}/synchronization/jobs", """{"templateId":"scim"}""");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        return created.Json!["id"]!.GetValue<string>();
    }

    /// <summary>The secrets pointing at the reference server, with "Sync all users and groups" when <paramref name="syncAll"/>.</summary>
    public string SecretsBody(bool syncAll = true, string? token = null) => $$"""
        {"value":[{"key":"BaseAddress","value":"{{Target.ScimAddress}}"},{"key":"SecretToken","value":"{{token ?? TargetToken}}"},{"key":"SyncAll","value":"{{(syncAll ? "true" : "false")}}"}]}
        """;

    /// <summary>A service principal with a configured job: instantiated, job created, secrets saved; (servicePrincipal, jobId).</summary>
    public async Task<(string ServicePrincipal, string JobId)> ConfigureAsync(bool syncAll = true)
    {
        var servicePrincipal = await InstantiateAsync();
        var jobId = await CreateJobAsync(servicePrincipal);
        (await SendAsync(HttpMethod.Put, $"/v1.0/servicePrincipals/{servicePrincipal}/synchronization/secrets", SecretsBody(syncAll))).Status
            .ShouldBe(HttpStatusCode.NoContent);
        return (servicePrincipal, jobId);
    }

    public async Task<string> CreateUserAsync(string userPrincipalName, string displayName)
    {
        var nickname = userPrincipalName.Split('@')[0];
        var created = await SendAsync(HttpMethod.Post, "/v1.0/users",
            $$"""{"userPrincipalName":"{{userPrincipalName}}","displayName":"{{displayName}}","mailNickname":"{{nickname}}","accountEnabled":true}""");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        return created.Json!["id"]!.GetValue<string>();
    }

    /// <summary>The job as <c>GET .../jobs/{jobId}</c> answers it.</summary>
    public async Task<JsonObject> JobAsync(string servicePrincipal, string jobId)
    {
        var job = await GetAsync($"/v1.0/servicePrincipals/{servicePrincipal}/synchronization/jobs/{jobId}");
        job.Status.ShouldBe(HttpStatusCode.OK, job.Text);
        return job.Json!;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes; whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancellation);
        }

        return await condition();
    }

    /// <summary>The target's users (the reference server's <c>GET /Users</c>).</summary>
    public async Task<JsonArray> TargetUsersAsync()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Target.ScimAddress, "Users?count=1000"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TargetToken);
        using var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["Resources"]!.AsArray();
    }

    public sealed record Response(HttpStatusCode Status, string Text)
    {
        public JsonObject? Json => Text.Length > 0 && Text[0] == '{' ? JsonNode.Parse(Text)!.AsObject() : null;

        public JsonObject Error => Json!["error"]!.AsObject();
    }
}
