using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Provisio.Host.Cli;
using Provisio.Scim.Server;

namespace Provisio.GraphSdk.Tests;

/// <summary>
/// <c>provisio serve</c> on a fresh SQLite file with the reference SCIM server beside it, and the official Microsoft
/// Graph .NET SDK pointed at it: only the base URL and the token differ from a script run against Microsoft Graph.
/// </summary>
internal sealed class SdkHost : IAsyncDisposable
{
    public const string AdminKey = "graph-sdk-admin-key-4e1c";

    private readonly string _folder;
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private SdkHost(string folder, WebApplication app, ScimServer target, string targetToken)
    {
        _folder = folder;
        _app = app;
        Target = target;
        TargetToken = targetToken;
        BaseUrl = new Uri(app.Urls.First()).ToString().TrimEnd('/');
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        Graph = Client("v1.0");
        Beta = Client("beta");
    }

    public GraphServiceClient Graph { get; }

    /// <summary>The same service under <c>/beta</c>, as scripts copied from Graph's beta examples call it.</summary>
    public GraphServiceClient Beta { get; }

    public ScimServer Target { get; }

    public string TargetToken { get; }

    public string BaseUrl { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<SdkHost> StartAsync()
    {
        var token = $"target-{Guid.NewGuid():N}";
        var target = ScimServer.Create(new ScimServerOptions { Token = token }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await target.StartAsync(Cancellation);
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-graph-sdk-").FullName;
        var app = (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(folder, "provisio.db")}",
            [$"--Provisio:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning"],
            new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation))!;
        await app.StartAsync(Cancellation);
        return new SdkHost(folder, app, target, token);
    }

    private GraphServiceClient Client(string version)
    {
        var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new KeyProvider()), httpClient: _http)
        {
            BaseUrl = $"{BaseUrl}/{version}",
        };
        return new GraphServiceClient(adapter);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(Cancellation);
        await _app.DisposeAsync();
        await Target.DisposeAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on the way out
        }
    }

    /// <summary>The admin key as the bearer token, for any host (the service is on loopback over http).</summary>
    private sealed class KeyProvider : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) => Task.FromResult(AdminKey);
    }
}
