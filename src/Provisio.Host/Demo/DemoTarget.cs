using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Scim.Server;

namespace Provisio.Host.Demo;

/// <summary>
/// An application's in-process reference SCIM target: its own Kestrel host on loopback (Contoso Demo's on
/// <c>--target-urls</c>, the others on a free port each run; the job's BaseAddress is rewritten to match), its accounts
/// kept in a data file beside the demo database so a second run finds them.
/// </summary>
internal sealed class DemoTarget : IAsyncDisposable
{
    public const string Token = "demo-target-token";

    private DemoTarget(DemoApplication application, ScimServer server)
    {
        Application = application;
        Server = server;
    }

    public DemoApplication Application { get; }

    public ScimServer Server { get; }

    public Uri ScimAddress => Server.ScimAddress;

    public static async Task<DemoTarget> StartAsync(DemoApplication application, string stem, string urls, CancellationToken cancellationToken)
    {
        var dataFile = application == DemoApplications.Contoso ? stem + ".target.json" : $"{stem}.{application.Slug}.target.json";
        var server = ScimServer.Create(new ScimServerOptions { Token = Token, DataFile = dataFile, Faults = application.Faults, FaultSeed = 2026 }, [urls],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        var target = new DemoTarget(application, server);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return target;
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Accounts someone made by hand before provisioning (seed 000 "A user was previously provisioned manually"): the
    /// userName provisioning will send, but no externalId (the target that gets them has no fault profiles).
    /// </summary>
    public async Task CreateManualAccountsAsync(IEnumerable<(string UserName, string DisplayName)> accounts, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = ScimAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        foreach (var (userName, displayName) in accounts)
        {
            var body = new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
                ["userName"] = userName,
                ["displayName"] = $"{displayName} (created by hand)",
                ["active"] = true,
            };
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json");
            using var response = await client.PostAsync(new Uri("Users", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
