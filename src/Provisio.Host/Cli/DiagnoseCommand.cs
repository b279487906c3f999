using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Directory;
using Provisio.Host.Synchronization;
using Provisio.Synchronization;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Schema;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio diagnose JOB [--database ...] [--json] [--no-test-connection]</c>: the job's diagnosis (the seed 000
/// troubleshooting checklist walked over its state, escrows and logs, with a live Test Connection), read from the
/// database as the service reads it. One line per check with its status and the <c>provisio logs --preset</c> command
/// that lists its log entries, then the failure groups; <c>--json</c> prints
/// the report as the API answers it. Exit 0 when no check finds a problem, 1 when one does, 2 for an unknown job or an
/// unusable option or database.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var job = new Argument<string>("JOB") { Description = "The job's id, e.g. scim.e4bbf44533ea4eabb17027f3a92e92aa (see GET .../synchronization/jobs)." };
        var json = new Option<bool>("--json") { Description = "Print the diagnosis as JSON (the API's GET .../jobs/{id}/diagnosis body)." };
        var noTest = new Option<bool>("--no-test-connection") { Description = "Do not call the target: skip the live Test Connection." };
        var database = new Option<string?>("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio.db)." };
        var diagnose = new Command("diagnose", "Diagnose a provisioning job: walk the troubleshooting checklist over its state, failures, skips and held deletions.")
        {
            job, json, noTest, database,
        };
        diagnose.SetAction(async (parseResult, cancellationToken) =>
        {
            var jobId = parseResult.GetValue(job)!;
            var opened = await ProvisioDatabase.OpenAsync(ProvisioDatabase.Choose(parseResult.GetValue(database), ProvisioDatabase.Configuration()), console.Error,
                cancellationToken).ConfigureAwait(false);
            if (opened is null)
            {
                return 2;
            }

            await using (opened.ConfigureAwait(false))
            {
                DiagnosisReport? report;
                try
                {
                    report = await DiagnoseAsync(opened, jobId, !parseResult.GetValue(noTest), cancellationToken).ConfigureAwait(false);
                }
                catch (DbException exception)
                {
                    await console.Error.WriteLineAsync($"diagnose: cannot read the job: {exception.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 2;
                }
                catch (CryptographicException exception)
                {
                    await console.Error.WriteLineAsync(
                        $"diagnose: cannot read the job's saved secrets ({exception.Message}); the database's key ring does not hold the key they were protected with.".AsMemory(),
                        cancellationToken).ConfigureAwait(false);
                    return 2;
                }

                if (report is null)
                {
                    await console.Error.WriteLineAsync($"diagnose: the job '{jobId}' does not exist (list them with GET /v1.0/servicePrincipals/{{id}}/synchronization/jobs).".AsMemory(),
                        cancellationToken).ConfigureAwait(false);
                    return 2;
                }

                if (parseResult.GetValue(json))
                {
                    await console.Out.WriteLineAsync(SynchronizationJson.Serialize(report).AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    foreach (var line in Describe(report))
                    {
                        await console.Out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                    }
                }

                return report.HasProblem ? 1 : 0;
            }
        });
        return diagnose;
    }

    /// <summary>The engine over the database as the service builds it (its Data Protection key ring in the store), then the diagnosis.</summary>
    private static async Task<DiagnosisReport?> DiagnoseAsync(ProvisioDatabase database, string jobId, bool testConnection, CancellationToken cancellationToken)
    {
        if (await database.Synchronization.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database.Directory);
        services.AddProvisioSynchronization(database.Synchronization);
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            var engine = provider.GetRequiredService<SynchronizationEngine>();
            return await new JobDiagnostician(engine, provider.GetRequiredService<IDirectoryStore>())
                .DiagnoseAsync(job.ServicePrincipalId, job.Id, testConnection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The readable report: the job's state, one line per check with its status, then the failure groups.</summary>
    internal static IEnumerable<string> Describe(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = report.State;
        yield return $"Job {report.JobId} (service principal {report.ServicePrincipalId}): {state.StatusCode}, schedule {state.ScheduleState}" +
            (state.Interval == TimeSpan.MaxValue ? "" : $", every {Iso8601Duration.Format(state.Interval)}");
        if (state.LastExecution is { } last)
        {
            yield return $"Last cycle {Time(last.TimeBegan)}: {last.State}, {last.CountExported:N0} exported, {last.CountEscrowed:N0} escrowed" +
                (last.Error is { } error ? $" ({error.Code}: {error.Message})" : "");
        }
        else
        {
            yield return "Last cycle: none yet";
        }

        if (state.Quarantine is { } quarantine)
        {
            yield return $"Quarantine: {quarantine.Reason?.ToString() ?? "unknown reason"} since {Time(quarantine.SeriesBegan)}, next attempt {Time(quarantine.NextAttempt)}" +
                (quarantine.Error is { } error ? $" ({error.Code})" : "");
        }

        yield return report.TestConnection switch
        {
            null => "Test Connection: not run",
            { Succeeded: true } => "Test Connection: succeeded",
            var failed => $"Test Connection: failed: {failed.Code}: {failed.Message}",
        };
        yield return "";
        foreach (var check in report.Checks)
        {
            yield return $"{Marker(check.Status),-10} {check.Symptom}: {check.Finding}";
            if (check.Status is DiagnosisStatus.Problem or DiagnosisStatus.Warning && check.RecommendedAction is { } action)
            {
                yield return $"{"",-10}   -> {action}";
            }

            if (ProvisioningLogPresets.ForSymptom(check.Symptom) is { } preset)
            {
                yield return $"{"",-10}   logs: {PresetCommand(report.JobId, preset.Name)}";
            }
        }

        if (report.ObjectFailures.Count > 0)
        {
            yield return "";
            yield return $"Object failures: {report.ObjectFailures.Count:N0}";
            foreach (var line in Groups(report.ObjectFailures.Groups))
            {
                yield return line;
            }
        }

        if (report.ReferenceFailures.Count > 0 || report.ReferenceFailures.Pending > 0)
        {
            yield return "";
            yield return $"Reference failures: {report.ReferenceFailures.Count:N0} (self-healing), {report.ReferenceFailures.Pending:N0} pending";
            foreach (var line in Groups(report.ReferenceFailures.Groups))
            {
                yield return line;
            }
        }

        if (report.Skipped.Count > 0)
        {
            yield return "";
            yield return $"Skipped in the last cycle ({report.Skipped.CycleId}): {report.Skipped.Count:N0}{(report.Skipped.Truncated ? " or more" : "")}";
            foreach (var group in report.Skipped.Groups)
            {
                yield return $"  {group.ErrorCode}: {group.Count:N0}{(group.Reason is { } reason ? $" ({reason})" : "")}";
                foreach (var example in group.Examples)
                {
                    yield return $"    {example.DisplayName ?? "-"} ({example.SourceId})";
                }
            }
        }

        var deletions = report.PendingDeletions;
        if (deletions.Count > 0 || deletions.Approved > 0)
        {
            yield return "";
            yield return $"Pending deletions: {deletions.Count:N0} held, {deletions.Approved:N0} approved, threshold {deletions.Threshold?.ToString("N0", CultureInfo.InvariantCulture) ?? "off"}";
            foreach (var example in deletions.Examples)
            {
                yield return $"    {example.Action} {example.DisplayName ?? "-"} ({example.SourceId})";
            }

            yield return $"  -> {deletions.RecommendedAction}";
        }
    }

    /// <summary>The command that lists a checklist row's log entries for the job.</summary>
    internal static string PresetCommand(string jobId, string preset) => $"provisio logs --job {jobId} --preset {preset}";

    private static IEnumerable<string> Groups(IReadOnlyList<FailureGroup> groups)
    {
        foreach (var group in groups)
        {
            yield return $"  {group.ErrorCode}: {group.Count:N0}";
            yield return $"    -> {group.RecommendedAction}";
            foreach (var example in group.Examples)
            {
                yield return $"    {example.DisplayName ?? "-"} ({example.SourceId}), {example.Action}, {example.Attempts} attempt{(example.Attempts == 1 ? "" : "s")}, " +
                    $"next retry {Time(example.NextRetry)}{(example.Reason is { } reason ? $": {reason}" : "")}";
            }
        }
    }

    private static string Marker(DiagnosisStatus status) => status switch
    {
        DiagnosisStatus.Ok => "[ok]",
        DiagnosisStatus.Warning => "[warning]",
        DiagnosisStatus.Problem => "[PROBLEM]",
        _ => "[info]",
    };

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(unknown)";
}
