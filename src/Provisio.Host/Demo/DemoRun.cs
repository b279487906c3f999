using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Directory;
using Provisio.Directory.Generation;
using Provisio.Host.Cli;
using Provisio.Synchronization;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Demo;

/// <summary>
/// One run of <c>provisio demo</c>: the targets, the service (built, not yet started, so that the jobs' addresses are
/// rewritten and the first cycles run before the scheduler sees them), the directory and applications (created on the
/// first run, reused after), the first cycles side by side with their progress, then the service started and the
/// addresses printed until Ctrl+C.
/// </summary>
internal sealed class DemoRun(CommandLineConsole console, DemoOptions options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stem = options.Database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(Path.GetFullPath(options.Database["sqlite:".Length..]), null)
            : Path.GetFullPath("provisio-demo");
        var key = ProvisioDatabase.Configuration()["Provisio:AdminKey"] ?? await DemoKeyAsync(stem + ".key", cancellationToken).ConfigureAwait(false);
        var app = await ServeCommand.BuildAsync(options.Urls, options.Database, ["--Logging:LogLevel:Default=Warning", $"--Provisio:AdminKey={key}"], console, cancellationToken)
            .ConfigureAwait(false);
        if (app is null)
        {
            return 2;
        }

        var targets = new Dictionary<DemoApplication, DemoTarget>();
        try
        {
            await using (app.ConfigureAwait(false))
            {
                var directory = app.Services.GetRequiredService<IDirectoryStore>();
                var engine = app.Services.GetRequiredService<SynchronizationEngine>();
                var setup = new DemoSetup(directory, engine);
                var existing = await setup.FindAsync(cancellationToken).ConfigureAwait(false);
                // Troubleshooting applications made by an earlier run keep their targets, so their jobs keep working.
                IReadOnlyList<DemoApplication> applications = [.. options.Scenario.Applications.Union(DemoApplications.Troubleshooting.Where(extra => existing.ContainsKey(extra.Name)))];
                foreach (var application in applications)
                {
                    targets[application] = await DemoTarget.StartAsync(application, stem,
                        application == DemoApplications.Contoso ? options.TargetUrls : "http://127.0.0.1:0", cancellationToken).ConfigureAwait(false);
                }

                if (!existing.ContainsKey(DemoApplications.Contoso.Name))
                {
                    await console.Out.WriteLineAsync($"Generating a directory of {options.Users:N0} users and {options.Groups:N0} groups...".AsMemory(), cancellationToken).ConfigureAwait(false);
                    await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = options.Users, Groups = options.Groups, MembersPerGroup = Math.Min(20, options.Users), Seed = 2026 })
                        .WriteAsync(directory, null, cancellationToken).ConfigureAwait(false);
                }

                DemoDirectory? view = null;
                var jobs = new List<DemoJob>();
                foreach (var application in applications)
                {
                    if (existing.TryGetValue(application.Name, out var principal))
                    {
                        jobs.Add(await setup.ReuseAsync(application, principal, cancellationToken).ConfigureAwait(false));
                        continue;
                    }

                    view ??= await DemoDirectory.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
                    jobs.Add(await setup.CreateAsync(application, view, targets[application], cancellationToken).ConfigureAwait(false));
                }

                foreach (var job in jobs)
                {
                    await setup.ConfigureAsync(job, targets[job.Application], cancellationToken).ConfigureAwait(false);
                }

                await FirstCyclesAsync(setup, engine, jobs, cancellationToken).ConfigureAwait(false);
                var states = new Dictionary<DemoJob, string>();
                foreach (var job in jobs.Where(job => job.Application != DemoApplications.Contoso))
                {
                    states[job] = await StateAsync(engine, job, cancellationToken).ConfigureAwait(false);
                }

                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await PrintAsync(app.Urls.First().TrimEnd('/'), key, jobs, targets, states, cancellationToken).ConfigureAwait(false);
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
        }
        finally
        {
            foreach (var target in targets.Values)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>The first cycles of the jobs that never ran, side by side (each job's own target), their progress shown.</summary>
    private async Task FirstCyclesAsync(DemoSetup setup, SynchronizationEngine engine, List<DemoJob> jobs, CancellationToken cancellationToken)
    {
        var first = new List<(DemoJob Job, Task<CycleResult> Work)>();
        foreach (var job in jobs)
        {
            if (job.Fresh || (await engine.Store.GetJobAsync(job.JobId, cancellationToken).ConfigureAwait(false))?.Job.Status.LastExecution is null)
            {
                first.Add((job, Task.Run(() => setup.FirstCyclesAsync(job, cancellationToken), cancellationToken)));
            }
        }

        if (first.Count == 0)
        {
            return;
        }

        await new DemoCycleDisplay(console).WaitAsync([.. first.Select(cycle => (cycle.Job.Application.Name, cycle.Job.JobId, (Task)cycle.Work))], engine.Store, cancellationToken)
            .ConfigureAwait(false);
        foreach (var (job, work) in first)
        {
            var execution = (await work.ConfigureAwait(false)).Execution;
            var label = job.Application == DemoApplications.Contoso ? "Initial cycle"
                : job.UnassignAfterFirstCycle.Count > 0 ? $"{job.Application.Name}: second cycle" : $"{job.Application.Name}: initial cycle";
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{label} {execution.State}: {execution.CountExported:N0} exports, {execution.CountEscrowed:N0} escrowed, in {(execution.TimeEnded - execution.TimeBegan).TotalSeconds:0.0} s")
                .AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> StateAsync(SynchronizationEngine engine, DemoJob job, CancellationToken cancellationToken)
    {
        var stored = (await engine.GetJobAsync(job.ServicePrincipalId, job.JobId, cancellationToken).ConfigureAwait(false))!;
        var pending = (await engine.GetPendingDeletionsAsync(job.ServicePrincipalId, job.JobId, cancellationToken).ConfigureAwait(false)).OrThrow();
        var escrows = new List<EscrowEntry>();
        await foreach (var escrow in engine.Store.ReadEscrowsAsync(job.JobId, cancellationToken).ConfigureAwait(false))
        {
            escrows.Add(escrow);
        }

        var skipped = await engine.Store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId, Status = ProvisioningResult.Skipped }, cancellationToken).ConfigureAwait(false);
        return DemoJobState.Describe(stored, pending, escrows, skipped);
    }

    private async Task PrintAsync(string baseUrl, string key, List<DemoJob> jobs, Dictionary<DemoApplication, DemoTarget> targets, Dictionary<DemoJob, string> states,
        CancellationToken cancellationToken)
    {
        var contoso = jobs.First(job => job.Application == DemoApplications.Contoso);
        var target = targets[DemoApplications.Contoso].Server;
        var lines = new List<string>
        {
            "",
            $"Provisio demo is running on {baseUrl}",
            $"  Portal:      {baseUrl}/   (sign in with the admin key)",
            $"  API:         {baseUrl}/v1.0   (reference: {baseUrl}/scalar)",
            $"  Admin key:   {key}   (Authorization: Bearer {key})",
            $"  Application: {contoso.Application.Name}, service principal {contoso.ServicePrincipalId}, job {contoso.JobId}",
            $"  Job status:  GET {baseUrl}/v1.0/servicePrincipals/{contoso.ServicePrincipalId}/synchronization/jobs/{contoso.JobId}",
            $"  Target:      {target.ScimAddress} (bearer {DemoTarget.Token}), {target.GetUsers().Count} users, {target.GetGroups().Count} groups",
            $"  Diagnosis:   ./provisio diagnose {contoso.JobId} --database {options.Database}",
        };
        if (states.Count > 0)
        {
            lines.Add($"Troubleshooting applications (every target takes the bearer {DemoTarget.Token}; walk them with ./provisio logs --job JOB --status failure " +
                $"--database {options.Database} and ./provisio diagnose JOB --database {options.Database}):");
            var width = states.Keys.Max(job => job.Application.Name.Length) + 1;
            lines.AddRange(states.Select(state =>
                $"  {(state.Key.Application.Name + ":").PadRight(width)} {state.Value}; job {state.Key.JobId}; target {targets[state.Key.Application].ScimAddress}"));
        }

        lines.Add("Ctrl+C stops it; a second run reuses the data.");
        await console.Out.WriteLineAsync(string.Join('\n', lines).AsMemory(), cancellationToken).ConfigureAwait(false);
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
}
