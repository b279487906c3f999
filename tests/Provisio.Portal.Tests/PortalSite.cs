using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisio.Directory;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Host.Cli;
using Provisio.Scim.Server;
using Provisio.Synchronization;
using Provisio.Synchronization.Jobs;

namespace Provisio.Portal.Tests;

/// <summary>
/// <c>provisio serve</c> on a fresh SQLite file and a loopback port, a generated directory, and applications whose jobs
/// provision to reference SCIM servers on loopback: what a portal test signs in to. Nothing of ours is mocked.
/// </summary>
public sealed class PortalSite : IAsyncDisposable
{
    public const string AdminKey = "portal-test-admin-key-0123456789";
    public const string TargetToken = "portal-test-target-token";

    private readonly string _folder;
    private readonly List<ScimServer> _targets = [];

    private PortalSite(string folder, WebApplication app)
    {
        _folder = folder;
        App = app;
        BaseUrl = app.Urls.First().TrimEnd('/') + "/";
    }

    public WebApplication App { get; }

    /// <summary>The portal's address, ending in a slash.</summary>
    public string BaseUrl { get; }

    public SynchronizationEngine Engine => App.Services.GetRequiredService<SynchronizationEngine>();

    public IDirectoryStore Directory => App.Services.GetRequiredService<IDirectoryStore>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <param name="users">Users generated (with managers and groups of up to 20 members).</param>
    public static async Task<PortalSite> StartAsync(int users = 40, int groups = 4)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-portal-").FullName;
        var app = await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(folder, "provisio.db")}",
            [$"--Provisio:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning"], new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation)
            ?? throw new InvalidOperationException("provisio serve did not build");
        await app.StartAsync(Cancellation);
        var site = new PortalSite(folder, app);
        if (users > 0)
        {
            await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = Math.Min(20, users), Seed = 7 })
                .WriteAsync(site.Directory, null, Cancellation);
        }

        return site;
    }

    /// <summary>A reference SCIM server on loopback with the given fault profiles.</summary>
    public async Task<ScimServer> StartTargetAsync(params string[] faults)
    {
        var target = ScimServer.Create(new ScimServerOptions { Token = TargetToken, Faults = faults }, ["http://127.0.0.1:0"],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await target.StartAsync(Cancellation);
        _targets.Add(target);
        return target;
    }

    /// <summary>A reference SCIM server on loopback whose OAuth 2.0 authorization server knows <paramref name="oauth"/>'s client.</summary>
    public async Task<ScimServer> StartOAuthTargetAsync(ScimOAuthOptions oauth, params string[] faults)
    {
        var target = ScimServer.Create(new ScimServerOptions { Token = TargetToken, Faults = faults, OAuth = oauth }, ["http://127.0.0.1:0"],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await target.StartAsync(Cancellation);
        _targets.Add(target);
        return target;
    }

    /// <summary>An application with a job from the <c>scim</c> template pointed at <paramref name="target"/> (all users and groups).</summary>
    public async Task<(Guid ServicePrincipal, string JobId)> AddApplicationAsync(string displayName, ScimServer target, string token = TargetToken)
    {
        var application = (await Directory.CreateAsync(DirectoryObjectKind.ServicePrincipal,
            new JsonObject { ["displayName"] = displayName, ["appId"] = Guid.NewGuid().ToString("D") }, Cancellation)).Value!;
        var job = await Engine.CreateJobAsync(application.Id, "scim", Cancellation);
        job.Succeeded.ShouldBeTrue(job.Error?.Message);
        var secrets = await Engine.PutSecretsAsync(application.Id,
        [
            new(SynchronizationSecret.BaseAddress, target.ScimAddress.ToString()),
            new(SynchronizationSecret.SecretToken, token),
            new(SynchronizationSecret.SyncAll, "true"),
        ], Cancellation);
        secrets.Succeeded.ShouldBeTrue(secrets.Error?.Message);
        return (application.Id, job.Value!.Id);
    }

    /// <summary>An enabled user <c>{alias}@contoso.com</c> with every attribute the default mappings send.</summary>
    public async Task AddUserAsync(string alias, CancellationToken cancellationToken) =>
        (await Directory.CreateAsync(DirectoryObjectKind.User, new JsonObject
        {
            ["userPrincipalName"] = $"{alias}@contoso.com",
            ["displayName"] = alias,
            ["givenName"] = alias,
            ["surname"] = "Tester",
            ["mail"] = $"{alias}@contoso.com",
            ["mailNickname"] = alias,
            ["accountEnabled"] = true,
        }, cancellationToken)).Succeeded.ShouldBeTrue();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        foreach (var target in _targets)
        {
            await target.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the temp folder is left for the system to clean
        }
    }
}
