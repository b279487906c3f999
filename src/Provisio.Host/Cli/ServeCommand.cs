using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Api;
using Provisio.Api.Authentication;
using Provisio.Directory;
using Provisio.Host.Cluster;
using Provisio.Host.Notifications;
using Provisio.Host.Portal;
using Provisio.Portal;
using Provisio.Portal.Authentication;
using Provisio.Host.Synchronization;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio serve [--urls URL] [--database sqlite:PATH|postgres:CONNECTION_STRING]</c>: the service. Configuration also
/// comes from appsettings.json and environment variables (<c>Provisio__Database</c>, <c>PROVISIO_Provisio__AdminKey</c>, ...).
/// </summary>
internal static class ServeCommand
{
    /// <summary>The host's static web assets manifests, named after its assembly (<c>provisio</c>).</summary>
    private const string StaticAssetsManifest = "provisio.staticwebassets";

    public static Command Build(CommandLineConsole console)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (default: configuration, else http://127.0.0.1:5000)." };
        var database = new Option<string?>("--database") { Description = "sqlite:PATH (default sqlite:provisio.db) or postgres:CONNECTION_STRING." };
        var serve = new Command("serve", "Run the Provisio service: the admin portal at / and the Graph-shaped API under /v1.0.") { urls, database };
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            var app = await BuildAsync(parseResult.GetValue(urls), parseResult.GetValue(database), [], console, cancellationToken).ConfigureAwait(false);
            if (app is null)
            {
                return 2;
            }

            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Provisio is listening on {string.Join(", ", app.Urls)} (GET /readyz answers once it accepts requests).".AsMemory(), cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return serve;
    }

    /// <summary>Builds the service; null (after saying why on stderr) when the configuration is unusable.</summary>
    /// <param name="configureServices">Last changes to the services (tests put a fake clock in).</param>
    internal static async Task<WebApplication?> BuildAsync(string? urls, string? database, string[] args, CommandLineConsole console,
        CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables("PROVISIO_");
        builder.WebHost.UseUrls(urls ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5000");
        // Run from a build (./provisio, tests), the portal's files live in the projects and the package cache, listed by the
        // runtime manifest; a published copy has them in wwwroot and no such manifest.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, StaticAssetsManifest + ".runtime.json")))
        {
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, Path.Combine(AppContext.BaseDirectory, StaticAssetsManifest + ".runtime.json"));
            builder.WebHost.UseStaticWebAssets();
        }

        var opened = await ProvisioDatabase.OpenAsync(ProvisioDatabase.Choose(database, builder.Configuration), console.Error, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            return null;
        }

        if (opened.DataSource is { } dataSource)
        {
            builder.Services.AddSingleton(dataSource);
            builder.Services.AddSingleton<System.Data.Common.DbDataSource>(dataSource);
        }

        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (cluster.Enabled && opened.DataSource is null)
        {
            await console.Error.WriteLineAsync($"{ClusterOptions.Section}:Enabled needs a PostgreSQL database (--database postgres:...): the nodes share it.".AsMemory(), cancellationToken)
                .ConfigureAwait(false);
            await opened.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        var store = opened.Directory;
        var settings = opened.Settings;

        var hashes = new List<string>();
        if (builder.Configuration["Provisio:AdminKey"] is { Length: > 0 } configuredKey)
        {
            hashes.Add(AdminKeys.Hash(configuredKey));
        }

        if (await settings.GetAsync(AdminKeys.SettingName, cancellationToken).ConfigureAwait(false) is { Length: > 0 } stored)
        {
            hashes.Add(stored);
        }

        if (hashes.Count == 0)
        {
            var key = AdminKeys.Generate();
            await settings.SetAsync(AdminKeys.SettingName, AdminKeys.Hash(key), cancellationToken).ConfigureAwait(false);
            hashes.Add(AdminKeys.Hash(key));
            await console.Out.WriteLineAsync($"Created an administrator key; it is shown this once, only its hash is stored:\n  {key}\nUse it as: Authorization: Bearer {key}".AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        builder.Services.AddSingleton<IDirectoryStore>(store);
        builder.Services.AddSingleton<IServiceSettings>(settings);
        builder.Services.AddProvisioAuthentication(builder.Configuration, new AdminKeys(hashes));
        builder.Services.AddProvisioSynchronization(opened.Synchronization, cluster);
        builder.Services.AddProvisioNotifications(builder.Configuration);
        builder.Services.AddProvisioOpenApi();
        builder.Services.AddProvisioPortal(builder.Services.AddAuthentication());
        builder.Services.AddSingleton<IPortalCredentials, PortalCredentials>();
        builder.Services.AddHostedService<PortalAddressService>();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        if (cluster.Enabled)
        {
            await ClusterKeyRing.LoadAsync(opened.DataSource!, app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
                () => app.InitializeProvisioAuthenticationAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await app.InitializeProvisioAuthenticationAsync(cancellationToken).ConfigureAwait(false);
        }

        app.MapProvisioApi();
        app.MapProvisioPortal(Path.Combine(AppContext.BaseDirectory, StaticAssetsManifest + ".endpoints.json"));
        return app;
    }
}
