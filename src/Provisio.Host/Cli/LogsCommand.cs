using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio logs [--job ID] [--preset NAME] [--status ...] [--action ...] [--since 1h|30m|2d] [--top N] [--json] [--database ...]</c>:
/// the provisioning logs (Graph's <c>provisioningObjectSummary</c>, reference entra-engine-and-api §7), newest first. One
/// line per entry (time, action, status, identity, error code), or with <c>--json</c> one Graph record per line.
/// <c>--preset</c> narrows them to a troubleshooting-checklist row's entries (<see cref="ProvisioningLogPresets"/>),
/// ANDed with the other options. Exit 0; 2 for an unusable option (an unknown preset: with the list of names) or database.
/// </summary>
internal static class LogsCommand
{
    public const int DefaultTop = 50;

    /// <summary>What one store read asks for; more pages are read until <c>--top</c> entries are printed.</summary>
    private const int PageSize = 500;

    public static Command Build(CommandLineConsole console)
    {
        var job = new Option<string?>("--job") { Description = "Only this job's entries (its id, e.g. scim.e4bbf44533ea4eabb17027f3a92e92aa)." };
        var status = new Option<string?>("--status") { Description = "Only entries with this result: success, failure, skipped or warning." };
        status.AcceptOnlyFromAmong("success", "failure", "skipped", "warning");
        var action = new Option<string?>("--action") { Description = "Only entries of this action: create, update, delete, disable or other." };
        action.AcceptOnlyFromAmong("create", "update", "delete", "disable", "other");
        var preset = new Option<string?>("--preset")
        {
            Description = $"Only the entries of a troubleshooting-checklist row: {string.Join(", ", ProvisioningLogPresets.Names)} (provisio diagnose names each row's).",
        };
        var since = new Option<string?>("--since") { Description = "Only entries this recent: a number and s, m, h or d (30m, 1h, 2d), or an ISO 8601 duration (PT1H)." };
        var top = new Option<int>("--top") { Description = "How many entries at most, newest first.", DefaultValueFactory = _ => DefaultTop };
        var json = new Option<bool>("--json") { Description = "Print each entry as one line of Graph JSON (provisioningObjectSummary)." };
        var database = new Option<string?>("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio.db)." };
        var logs = new Command("logs", "Show the provisioning logs: what each cycle did to each object, newest first.")
        {
            job, preset, status, action, since, top, json, database,
        };
        logs.SetAction(async (parseResult, cancellationToken) =>
        {
            var count = parseResult.GetValue(top);
            if (count < 1)
            {
                await console.Error.WriteLineAsync($"--top must be at least 1, not {count}.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            ProvisioningLogPreset? chosen = null;
            if (parseResult.GetValue(preset) is { } name)
            {
                chosen = ProvisioningLogPresets.Find(name.Trim());
                if (chosen is null)
                {
                    await console.Error.WriteLineAsync(
                        $"--preset: there is no preset '{name}'; the presets are: {string.Join(", ", ProvisioningLogPresets.Names)}.".AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 2;
                }
            }

            DateTimeOffset? from = null;
            if (parseResult.GetValue(since) is { } recent)
            {
                if (!TryParseAge(recent, out var age))
                {
                    await console.Error.WriteLineAsync($"--since must be a number and s, m, h or d (30m, 1h, 2d) or an ISO 8601 duration, not '{recent}'.".AsMemory(),
                        cancellationToken).ConfigureAwait(false);
                    return 2;
                }

                from = TimeProvider.System.GetUtcNow() - age;
            }

            var query = new ProvisioningLogQuery
            {
                JobId = parseResult.GetValue(job),
                Status = parseResult.GetValue(status) is { } result ? Enum.Parse<ProvisioningResult>(result, ignoreCase: true) : null,
                Action = parseResult.GetValue(action) is { } kind ? Enum.Parse<ProvisioningAction>(kind, ignoreCase: true) : null,
                From = from,
            };
            if (chosen is not null)
            {
                query = chosen.Apply(query);
            }

            var opened = await ProvisioDatabase.OpenAsync(ProvisioDatabase.Choose(parseResult.GetValue(database), ProvisioDatabase.Configuration()), console.Error,
                cancellationToken).ConfigureAwait(false);
            if (opened is null)
            {
                return 2;
            }

            await using (opened.ConfigureAwait(false))
            {
                try
                {
                    await PrintAsync(console.Out, opened.Synchronization, query, count, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
                }
                catch (DbException exception)
                {
                    await console.Error.WriteLineAsync($"logs: cannot read the provisioning logs: {exception.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 2;
                }
            }

            return 0;
        });
        return logs;
    }

    /// <summary><c>30m</c>, <c>1h</c>, <c>2d</c>, <c>45s</c>, or an ISO 8601 duration (<c>PT1H</c>); positive.</summary>
    internal static bool TryParseAge(string text, out TimeSpan age)
    {
        age = TimeSpan.Zero;
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => null,
            };
            if (unit is { } size && number > 0 && number <= TimeSpan.MaxValue.Ticks / size.Ticks / 2)
            {
                age = size * number;
                return true;
            }

            return false;
        }

        return Iso8601Duration.TryParse(text, out age) && age > TimeSpan.Zero && age < TimeSpan.FromDays(100_000);
    }

    /// <summary>One line per entry: <c>2026-01-01T09:00:00Z  create   success  Ana Souza (id)  ErrorCode</c>.</summary>
    internal static string Describe(ProvisioningObjectSummary entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var identity = entry.SourceIdentity is { Id: { Length: > 0 } } source ? source : entry.TargetIdentity;
        var who = (identity.DisplayName, identity.Id) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id})",
            ({ Length: > 0 } name, _) => name,
            (_, { Length: > 0 } id) => id,
            _ => "-",
        };
        var time = entry.ActivityDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var line = $"{time}  {Graph(entry.ProvisioningAction),-12} {Graph(entry.ProvisioningStatusInfo.Status),-8} {who}";
        return entry.ProvisioningStatusInfo.ErrorInformation?.ErrorCode is { Length: > 0 } code ? $"{line}  {code}" : line;
    }

    private static async Task PrintAsync(TextWriter output, ISynchronizationStore store, ProvisioningLogQuery query, int count, bool json,
        CancellationToken cancellationToken)
    {
        var printed = 0;
        ProvisioningLogCursor? after = null;
        while (printed < count)
        {
            var page = await store.QueryLogsAsync(query with { Top = Math.Min(PageSize, count - printed), After = after }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                var line = json ? SynchronizationJson.Serialize(entry) : Describe(entry);
                await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                printed++;
            }

            if (page.Next is not { } next || page.Entries.Count == 0)
            {
                break;
            }

            after = next;
        }
    }

    /// <summary>An enum as Graph writes it (<c>create</c>, <c>stagedDelete</c>).</summary>
    private static string Graph<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
