using System.Globalization;
using Microsoft.AspNetCore.Http;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Model;

/// <summary>
/// The provisioning-log filters of the portal, as the query string carries them (reference entra-engine-and-api §7.3):
/// <c>status</c> (success, failure, skipped, warning), <c>action</c> (create, update, disable, delete, stagedDelete,
/// other), <c>identity</c> (a source or target id, or the start of a display name), <c>cycle</c>, <c>error</c> (the
/// error code), <c>from</c>/<c>to</c> (UTC) and <c>preset</c> (a troubleshooting-checklist row's view,
/// <see cref="ProvisioningLogPresets"/>, ANDed with the rest). The logs page and the download read the same filters the same way.
/// </summary>
public sealed record LogFilter
{
    public static IReadOnlyList<ProvisioningResult> Statuses { get; } =
        [ProvisioningResult.Success, ProvisioningResult.Failure, ProvisioningResult.Skipped, ProvisioningResult.Warning];

    public static IReadOnlyList<ProvisioningAction> Actions { get; } =
    [
        ProvisioningAction.Create, ProvisioningAction.Update, ProvisioningAction.Disable, ProvisioningAction.Delete,
        ProvisioningAction.StagedDelete, ProvisioningAction.Other,
    ];

    public string? Status { get; init; }

    public string? Action { get; init; }

    public string? Identity { get; init; }

    public string? Cycle { get; init; }

    public string? Error { get; init; }

    /// <summary>Inclusive, UTC (<c>yyyy-MM-ddTHH:mm</c>, as a datetime-local input sends it).</summary>
    public string? From { get; init; }

    /// <summary>Exclusive, UTC.</summary>
    public string? To { get; init; }

    /// <summary>A <see cref="ProvisioningLogPreset.Name"/> (<c>users-skipped</c>).</summary>
    public string? Preset { get; init; }

    /// <summary>The preset named, or null (none named, or an unknown name, which <see cref="ToQuery"/> reports).</summary>
    public ProvisioningLogPreset? ChosenPreset => ProvisioningLogPresets.Find(Text(Preset));

    public static LogFilter Of(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new LogFilter
        {
            Status = query["status"].FirstOrDefault(),
            Action = query["action"].FirstOrDefault(),
            Identity = query["identity"].FirstOrDefault(),
            Cycle = query["cycle"].FirstOrDefault(),
            Error = query["error"].FirstOrDefault(),
            From = query["from"].FirstOrDefault(),
            To = query["to"].FirstOrDefault(),
            Preset = query["preset"].FirstOrDefault(),
        };
    }

    /// <summary>The store's query for the job's logs under these filters, and what could not be read (those filters are left out).</summary>
    public (ProvisioningLogQuery Query, IReadOnlyList<string> Problems) ToQuery(string jobId)
    {
        var problems = new List<string>();
        var query = new ProvisioningLogQuery
        {
            JobId = jobId,
            CycleId = Text(Cycle),
            ErrorCode = Text(Error),
        };
        if (Text(Status) is { } status)
        {
            if (Statuses.Where(candidate => Name(candidate).Equals(status, StringComparison.OrdinalIgnoreCase)).Select(candidate => (ProvisioningResult?)candidate).FirstOrDefault() is { } found)
            {
                query = query with { Status = found };
            }
            else
            {
                problems.Add($"Unknown status '{status}': use success, failure, skipped or warning.");
            }
        }

        if (Text(Action) is { } action)
        {
            if (Actions.Where(candidate => Name(candidate).Equals(action, StringComparison.OrdinalIgnoreCase)).Select(candidate => (ProvisioningAction?)candidate).FirstOrDefault() is { } found)
            {
                query = query with { Action = found };
            }
            else
            {
                problems.Add($"Unknown action '{action}': use create, update, disable, delete, stagedDelete or other.");
            }
        }

        if (Text(Identity) is { } identity)
        {
            // The portal's Identity filter: a source or target id, or a display name (here: its beginning, case-sensitive as Graph's filters are).
            query = query with
            {
                Condition = new ProvisioningLogAny(
                [
                    new ProvisioningLogComparison(ProvisioningLogProperty.IdentityId, ProvisioningLogOperator.Equal, identity),
                    new ProvisioningLogComparison(ProvisioningLogProperty.IdentityDisplayName, ProvisioningLogOperator.StartsWith, identity),
                ]),
            };
        }

        query = query with { From = Time(From, "from", problems), To = Time(To, "to", problems) };
        if (Text(Preset) is { } name)
        {
            if (ChosenPreset is { } preset)
            {
                query = preset.Apply(query);
            }
            else
            {
                problems.Add($"Unknown preset '{name}': use {string.Join(", ", ProvisioningLogPresets.Names)}.");
            }
        }

        return (query, problems);
    }

    /// <summary>The filters given, as query-string pairs (names as the form writes them), followed by <paramref name="extra"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs(params (string Name, string? Value)[] extra)
    {
        (string, string?)[] all = [("preset", Preset), ("status", Status), ("action", Action), ("identity", Identity), ("cycle", Cycle), ("error", Error), ("from", From), ("to", To), .. extra];
        return all.Where(pair => !string.IsNullOrWhiteSpace(pair.Item2)).Select(pair => KeyValuePair.Create(pair.Item1, pair.Item2));
    }

    /// <summary><c>?status=failure&amp;...</c> (empty when no filter and no extra is given).</summary>
    public string QueryString(params (string Name, string? Value)[] extra) => Microsoft.AspNetCore.Http.QueryString.Create(Pairs(extra)).ToUriComponent();

    public static string Name(ProvisioningResult status) => ProvisioningLogExport.GraphName(status);

    public static string Name(ProvisioningAction action) => ProvisioningLogExport.GraphName(action);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Time(string? value, string name, List<string> problems)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        problems.Add($"'{text}' is not a date and time for {name}: use yyyy-MM-ddTHH:mm (UTC).");
        return null;
    }
}
