using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisio.Directory;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Scim.Server;
using Provisio.Synchronization;
using Provisio.Synchronization.Jobs;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio demo [--urls URL] [--users N] [--groups N] [--target-urls URL] [--database ...]</c>: the service on a
/// SQLite file (<c>provisio-demo.db</c> unless <c>Provisio:Database</c> or <c>--database</c> says otherwise), the
/// reference SCIM server in-process as the target application (its data kept beside the database), a generated
/// directory, a "Contoso Demo" application with a job (default mappings, all users and groups, every minute), the
/// first cycle with its progress in the terminal, then the addresses and the admin key. A second run reuses the data
/// (the directory, the job, the target's accounts). Ctrl+C stops everything.
/// </summary>
internal static class DemoCommand
{
    public const string ApplicationName = "Contoso Demo";

    private const string TargetToken = "demo-target-token";

    public static Command Build(CommandLineConsole console)
    {
        var urls = new Option<string?>("--urls") { Description = "Where the service listens (default http://127.0.0.1:5000)." };
        var users = new Option<int>("--users") { Description = "Users to generate on the first run.", DefaultValueFactory = _ => 2_000 };
        var groups = new Option<int>("--groups") { Description = "Groups to generate on the first run.", DefaultValueFactory = _ => 100 };
        var targetUrls = new Option<string?>("--target-urls") { Description = "Where the demo's SCIM target listens (default http://127.0.0.1:5001)." };
        var database = new Option<string?>("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio-demo.db)." };
        var demo = new Command("demo", "Run Provisio with a demo: a generated directory provisioned to a bundled SCIM target.") { urls, users, groups, targetUrls, database };
        demo.SetAction(async (parseResult, cancellationToken) =>
        {
            var (userCount, groupCount) = (parseResult.GetValue(users), parseResult.GetValue(groups));
            if (userCount < 1 || groupCount < 0)
            {
                await console.Error.WriteLineAsync("--users must be at least 1 and --groups at least 0.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var chosen = parseResult.GetValue(database) ?? ProvisioDatabase.Configuration()["Provisio:Database"] ?? "sqlite:provisio-demo.db";
            return await RunAsync(console, parseResult.GetValue(urls) ?? "http://127.0.0.1:5000", parseResult.GetValue(targetUrls) ?? "http://127.0.0.1:5001",
                chosen, userCount, groupCount, cancellationToken).ConfigureAwait(false);
        });
        return demo;
    }

    private static async Task<int> RunAsync(CommandLineConsole console, string urls, string targetUrls, string database, int users, int groups, CancellationToken cancellationToken)
    {
        var stem = database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(Path.GetFullPath(database["sqlite:".Length..]), null)
            : Path.GetFullPath("provisio-demo");
        var dataFile = stem + ".target.json";
        await using var target = ScimServer.Create(new ScimServerOptions { Token = TargetToken, DataFile = dataFile }, [targetUrls],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await target.StartAsync(cancellationToken).ConfigureAwait(false);

        var key = ProvisioDatabase.Configuration()["Provisio:AdminKey"] ?? await DemoKeyAsync(stem + ".key", cancellationToken).ConfigureAwait(false);
        var app = await ServeCommand.BuildAsync(urls, database, ["--Logging:LogLevel:Default=Warning", $"--Provisio:AdminKey={key}"], console, cancellationToken)
            .ConfigureAwait(false);
        if (app is null)
        {
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var directory = app.Services.GetRequiredService<IDirectoryStore>();
            var engine = app.Services.GetRequiredService<SynchronizationEngine>();
            var (servicePrincipal, jobId, fresh) = await PrepareAsync(console, directory, engine, target, users, groups, cancellationToken).ConfigureAwait(false);
            if (fresh)
            {
                await FirstCycleAsync(console, engine, jobId, cancellationToken).ConfigureAwait(false);
            }

            (await engine.StartAsync(servicePrincipal, jobId, cancellationToken).ConfigureAwait(false)).OrThrow();
            var baseUrl = app.Urls.First().TrimEnd('/');
            await console.Out.WriteLineAsync(string.Join('\n',
            [
                "",
                $"Provisio demo is running on {baseUrl}",
                $"  API:         {baseUrl}/v1.0   (reference: {baseUrl}/scalar)",
                $"  Admin key:   {key}   (Authorization: Bearer {key})",
                $"  Application: {ApplicationName}, service principal {servicePrincipal}, job {jobId}",
                $"  Job status:  GET {baseUrl}/v1.0/servicePrincipals/{servicePrincipal}/synchronization/jobs/{jobId}",
                $"  Target:      {target.ScimAddress} (bearer {TargetToken}), {target.GetUsers().Count} users, {target.GetGroups().Count} groups",
                $"  Diagnosis:   ./provisio diagnose {jobId} --database {database}",
                "Ctrl+C stops it; a second run reuses the data.",
            ]).AsMemory(), cancellationToken).ConfigureAwait(false);
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

        await target.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The directory, the application and its job; on a second run the existing ones, pointed at this run's target.</summary>
    private static async Task<(Guid ServicePrincipal, string JobId, bool Fresh)> PrepareAsync(CommandLineConsole console, IDirectoryStore directory, SynchronizationEngine engine,
        ScimServer target, int users, int groups, CancellationToken cancellationToken)
    {
        var existing = await directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.ServicePrincipal, Top = 999 }, cancellationToken).ConfigureAwait(false);
        var application = existing.Items.FirstOrDefault(item => item["displayName"] == ApplicationName);
        var fresh = application is null;
        if (fresh)
        {
            await console.Out.WriteLineAsync($"Generating a directory of {users:N0} users and {groups:N0} groups...".AsMemory(), cancellationToken).ConfigureAwait(false);
            await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = Math.Min(20, users), Seed = 2026 })
                .WriteAsync(directory, null, cancellationToken).ConfigureAwait(false);
            application = (await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject
            {
                ["displayName"] = ApplicationName,
                ["appId"] = Guid.NewGuid().ToString("D"),
            }, cancellationToken).ConfigureAwait(false)).Value!;
            (await engine.CreateJobAsync(application.Id, "scim", cancellationToken).ConfigureAwait(false)).OrThrow();
        }

        var job = (await engine.ListJobsAsync(application!.Id, cancellationToken).ConfigureAwait(false)).First();
        (await engine.PutSecretsAsync(application.Id,
        [
            new(SynchronizationSecret.BaseAddress, target.ScimAddress.ToString()),
            new(SynchronizationSecret.SecretToken, TargetToken),
            new(SynchronizationSecret.SyncAll, "true"),
        ], cancellationToken).ConfigureAwait(false)).OrThrow();
        (await engine.SetIntervalAsync(application.Id, job.Id, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).OrThrow();
        return (application.Id, job.Id, fresh);
    }

    /// <summary>The initial cycle, its progress shown as the status's progress moves.</summary>
    private static async Task FirstCycleAsync(CommandLineConsole console, SynchronizationEngine engine, string jobId, CancellationToken cancellationToken)
    {
        var cycle = engine.RunCycleAsync(jobId, dryRun: false, cancellationToken);
        while (!cycle.IsCompleted)
        {
            await Task.WhenAny(cycle, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken)).ConfigureAwait(false);
            if ((await engine.Store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false))?.Job.Status.Progress.FirstOrDefault() is { } progress && progress.TotalUnits > 0)
            {
                var share = Math.Min(1.0, (double)progress.CompletedUnits / progress.TotalUnits);
                var bar = new string('#', (int)(share * 30)).PadRight(30, '.');
                await console.Out.WriteLineAsync($"Initial cycle [{bar}] {share.ToString("P0", CultureInfo.InvariantCulture)} ({progress.CompletedUnits:N0} of {progress.TotalUnits:N0} objects)".AsMemory(),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        var result = await cycle.ConfigureAwait(false);
        await console.Out.WriteLineAsync(
            $"Initial cycle {result.Execution.State}: {result.Execution.CountExported:N0} exports, {result.Execution.CountEscrowed:N0} escrowed, in {(result.Execution.TimeEnded - result.Execution.TimeBegan).TotalSeconds:0.0} s"
                .AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The demo's admin key, kept in a file beside the demo database (readable by its owner only) so a second run prints
    /// the same one; <c>Provisio:AdminKey</c> replaces it.
    /// </summary>
    private static async Task<string> DemoKeyAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim() is { Length: > 0 } saved)
        {
            return saved;
        }

        var key = Api.Authentication.AdminKeys.Generate();
        await File.WriteAllTextAsync(path, key + "\n", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    /// <summary>The result's value; the engine's refusal as an exception (the demo cannot go on without its application).</summary>
    private static T OrThrow<T>(this EngineResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"The demo could not set up its application: {result.Error!.Code}: {result.Error.Message}");
}
