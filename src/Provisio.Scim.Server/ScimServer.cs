using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server.Http;
using Provisio.Scim.Server.Requests;

namespace Provisio.Scim.Server;

/// <summary>
/// The reference SCIM server on its own Kestrel host, as <c>provisio scim serve</c> and the tests run it:
/// <c>Create</c>, <c>StartAsync</c> (then <see cref="Address"/> holds the bound address, also for port 0), and
/// <c>StopAsync</c> (which saves <c>--data FILE</c>). Reads no configuration files or environment variables: only
/// what it is given.
/// </summary>
public sealed class ScimServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ScimServerState _state;
    private int _started;
    private int _stopped;

    private ScimServer(WebApplication app, ScimServerState state)
    {
        _app = app;
        _state = state;
    }

    /// <summary>The fault profiles, replaceable while running (as <c>PUT /_faults</c> does).</summary>
    public ScimFaults Faults => _state.Faults;

    /// <summary>The requests answered so far (as <c>GET /_requests</c> shows them).</summary>
    public ScimRequestLog Requests => _state.Requests;

    /// <summary>The token requests the OAuth mode answered, oldest first; empty without <see cref="ScimServerOptions.OAuth"/>.</summary>
    public IReadOnlyList<OAuth.OAuthTokenRequestRecord> TokenRequests => _state.OAuth?.Requests ?? [];

    /// <summary>The OAuth mode's authorization endpoint (<c>/oauth2/authorize</c>), such as a portal's Authorization URL.</summary>
    public Uri AuthorizationEndpoint => new(Address, "oauth2/authorize");

    /// <summary>The OAuth mode's token endpoint (<c>/oauth2/token</c>).</summary>
    public Uri TokenEndpoint => new(Address, "oauth2/token");

    /// <summary>The addresses Kestrel bound, with the real port when asked for port 0. Empty before <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> Addresses => [.. _app.Urls.Select(url => new Uri(url.EndsWith('/') ? url : url + "/"))];

    /// <summary>The first bound address, such as <c>http://127.0.0.1:41339/</c>.</summary>
    public Uri Address => Addresses.Count > 0
        ? Addresses[0]
        : throw new InvalidOperationException("The SCIM server has no address until StartAsync has completed.");

    /// <summary>The SCIM base URL to give a client (Entra's tenant URL), such as <c>http://127.0.0.1:41339/scim/v2/</c>.</summary>
    public Uri ScimAddress => new(Address, "scim/v2/");

    /// <summary>
    /// Builds a server that will listen on <paramref name="urls"/> (<c>http://127.0.0.1:0</c> picks a free port).
    /// <paramref name="configure"/> may add logging providers or services before the host is built. Throws
    /// <see cref="ArgumentException"/> for unusable options (see <see cref="ScimServerOptions.Validate"/>) and
    /// <see cref="InvalidDataException"/> for a data file that is not a snapshot.
    /// </summary>
    public static ScimServer Create(ScimServerOptions options, IEnumerable<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        string[] addresses = [.. urls];
        if (addresses.Length == 0)
        {
            throw new ArgumentException("Give at least one URL to listen on, such as http://127.0.0.1:8080 (--urls URL).", nameof(urls));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ScimServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().UseUrls(addresses);
        builder.Services.AddRoutingCore();
        builder.Services.AddScimServer(options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapScimServer();
        app.MapFallback(() => ScimResponse.Error(StatusCodes.Status404NotFound,
            "No SCIM endpoint here: use /scim/v2/Users, /scim/v2/Groups, /scim/v2/ServiceProviderConfig, /_faults or /_requests."));
        return new ScimServer(app, app.Services.GetRequiredService<ScimServerState>());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The SCIM server was already started.");
        }

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        _state.Logger.Started(string.Join(", ", _app.Urls), string.Join(", ", Faults.Profiles));
    }

    /// <summary>Stops answering, waits for requests in flight (a held <c>timeout</c> request is dropped), then saves the data file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _started) == 0 || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        _state.SaveIfChanged();
        _state.Logger.Stopped();
    }

    /// <summary>Starts, runs until <paramref name="cancellationToken"/> is cancelled or the process is asked to stop (Ctrl+C), then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // asked to stop
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Copies of the users held, in creation order.</summary>
    public IReadOnlyList<JsonObject> GetUsers() => _state.Store.Users.Export();

    /// <summary>Copies of the groups held, in creation order.</summary>
    public IReadOnlyList<JsonObject> GetGroups() => _state.Store.Groups.Export();

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
