using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Storage.Sqlite;
using Provisio.Scim.Server;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>
/// A directory and a synchronization store on one SQLite file, the reference SCIM server on a loopback port, and a
/// configured scim job between them: what every engine test starts from. Nothing is mocked.
/// </summary>
internal sealed class EngineTestHost : IAsyncDisposable
{
    public const string Token = "engine-test-token-7d2f";

    private readonly string _directoryPath;

    private EngineTestHost(string directoryPath, ScimServer target, IDirectoryStore directory, ISynchronizationStore store, SynchronizationEngine engine,
        ISecretProtector protector)
    {
        Protector = protector;
        _directoryPath = directoryPath;
        Target = target;
        Directory = directory;
        Store = store;
        Engine = engine;
    }

    public ScimServer Target { get; }

    /// <summary>The protector of the job's secrets (an in-memory key ring: only this host can read them).</summary>
    public ISecretProtector Protector { get; }

    public IDirectoryStore Directory { get; }

    public ISynchronizationStore Store { get; }

    public SynchronizationEngine Engine { get; }

    public Guid ServicePrincipalId { get; private set; }

    public string JobId { get; private set; } = "";

    public string DatabasePath => Path.Combine(_directoryPath, "provisio.db");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The host on PostgreSQL (both stores in a schema of their own), or skipped locally without PostgreSQL.</summary>
    public static async Task<EngineTestHost> StartOnPostgresAsync(PostgresServer server, bool syncAll = true)
    {
        var dataSource = await server.GetDataSourceAsync(Cancellation);
        var schema = "engine_" + Guid.NewGuid().ToString("N")[..12];
        var directory = new Provisio.Directory.Storage.Postgres.PostgresDirectoryStore(dataSource, schema);
        await directory.InitializeAsync(Cancellation);
        var store = new Provisio.Synchronization.Storage.Postgres.PostgresSynchronizationStore(dataSource, schema);
        await store.InitializeAsync(Cancellation);
        return await StartAsync(directory, store, syncAll, null, null);
    }

    public static async Task<EngineTestHost> StartAsync(bool syncAll = true, IReadOnlyList<string>? faults = null, string? tenantUrlSuffix = null, TimeProvider? time = null,
        ScimOAuthOptions? oauth = null)
    {
        return await StartAsync(null, null, syncAll, faults, tenantUrlSuffix, time, oauth);
    }

    /// <param name="oauth">The target's OAuth mode: the job's secrets then hold its token endpoint, client id and secret instead of the secret token.</param>
    private static async Task<EngineTestHost> StartAsync(IDirectoryStore? givenDirectory, ISynchronizationStore? givenStore, bool syncAll, IReadOnlyList<string>? faults, string? tenantUrlSuffix,
        TimeProvider? time = null, ScimOAuthOptions? oauth = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "provisio-engine-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var target = ScimServer.Create(new ScimServerOptions { Token = Token, Faults = faults ?? [], OAuth = oauth }, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await target.StartAsync(Cancellation);
        var path = Path.Combine(folder, "provisio.db");
        var directory = givenDirectory ?? new SqliteDirectoryStore(path);
        await directory.InitializeAsync(Cancellation);
        var store = givenStore ?? new SqliteSynchronizationStore(path);
        await store.InitializeAsync(Cancellation);
        var protector = new DataProtectionSecretProtector();
        var engine = new SynchronizationEngine(directory, store, protector, time);
        var host = new EngineTestHost(folder, target, directory, store, engine, protector);
        await host.ConfigureAsync(syncAll, tenantUrlSuffix, oauth);
        return host;
    }

    private async Task ConfigureAsync(bool syncAll, string? tenantUrlSuffix, ScimOAuthOptions? oauth)
    {
        var application = await Directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject
        {
            ["displayName"] = "Contoso Target",
            ["appId"] = Guid.NewGuid().ToString("D"),
        }, Cancellation);
        ServicePrincipalId = application.Value!.Id;
        var job = await Engine.CreateJobAsync(ServicePrincipalId, "scim", Cancellation);
        JobId = job.Value!.Id;
        SynchronizationSecretKeyStringValuePair[] credentials = oauth is null
            ? [new(SynchronizationSecret.SecretToken, Token)]
            :
            [
                new(SynchronizationSecret.Oauth2TokenExchangeUri, Target.TokenEndpoint.AbsoluteUri),
                new(SynchronizationSecret.Oauth2ClientId, oauth.ClientId),
                new(SynchronizationSecret.Oauth2ClientSecret, oauth.ClientSecret),
            ];
        (await Engine.PutSecretsAsync(ServicePrincipalId,
        [
            new(SynchronizationSecret.BaseAddress, Target.ScimAddress + (tenantUrlSuffix ?? "")),
            .. credentials,
            new(SynchronizationSecret.SyncAll, syncAll ? "true" : "false"),
        ], Cancellation)).Succeeded.ShouldBeTrue();
    }

    public async Task<StoredJob> JobAsync() => (await Engine.GetJobAsync(ServicePrincipalId, JobId, Cancellation))!;

    public async Task<List<EscrowEntry>> EscrowsAsync()
    {
        var escrows = new List<EscrowEntry>();
        await foreach (var escrow in Store.ReadEscrowsAsync(JobId, Cancellation))
        {
            escrows.Add(escrow);
        }

        return escrows;
    }

    public async Task<DirectoryObject> AddUserAsync(string alias, string? department = null, bool accountEnabled = true, Guid? manager = null)
    {
        var user = (await Directory.CreateAsync(DirectoryObjectKind.User, new JsonObject
        {
            ["userPrincipalName"] = $"{alias}@contoso.com",
            ["displayName"] = alias,
            ["givenName"] = alias,
            ["surname"] = "Tester",
            ["mail"] = $"{alias}@contoso.com",
            ["mailNickname"] = alias,
            ["department"] = department,
            ["accountEnabled"] = accountEnabled,
        }, Cancellation)).Value!;
        if (manager is { } managerId)
        {
            (await Directory.AddReferenceAsync(new DirectoryReference(user.Id, DirectoryRelation.Manager, managerId), Cancellation)).Succeeded.ShouldBeTrue();
        }

        return user;
    }

    public async Task<DirectoryObject> AddGroupAsync(string name, params Guid[] members)
    {
        var group = (await Directory.CreateAsync(DirectoryObjectKind.Group, new JsonObject
        {
            ["displayName"] = name,
            ["mailNickname"] = name.Replace(' ', '-'),
            ["securityEnabled"] = true,
            ["mailEnabled"] = false,
        }, Cancellation)).Value!;
        foreach (var member in members)
        {
            (await Directory.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, member), Cancellation)).Succeeded.ShouldBeTrue();
        }

        return group;
    }

    /// <summary>Runs one cycle and returns it with its provisioning log entries.</summary>
    public async Task<CycleReport> RunCycleAsync(bool dryRun = false)
    {
        var result = await Engine.RunCycleAsync(JobId, dryRun, Cancellation);
        var logs = new List<ProvisioningObjectSummary>();
        if (result.Execution.ActivityIdentifier is { } cycleId)
        {
            ProvisioningLogCursor? after = null;
            do
            {
                var page = await Store.QueryLogsAsync(new ProvisioningLogQuery { JobId = JobId, CycleId = cycleId, Top = 500, After = after }, Cancellation);
                logs.AddRange(page.Entries);
                after = page.Next;
            }
            while (after is not null);
        }

        return new CycleReport(result, logs);
    }

    public JsonObject? TargetUser(string alias) =>
        Target.GetUsers().SingleOrDefault(user => string.Equals(user["userName"]?.GetValue<string>(), $"{alias}@contoso.com", StringComparison.OrdinalIgnoreCase));

    public JsonObject? TargetGroup(string name) =>
        Target.GetGroups().SingleOrDefault(group => group["displayName"]?.GetValue<string>() == name);

    public async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync();
        await Store.DisposeAsync();
        await Directory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directoryPath, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open on the way out; the temp folder is cleaned eventually
        }
    }
}
