using System.Globalization;
using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Pipeline;

namespace Provisio.Synchronization.Health;

/// <summary>
/// The seed 000 "Troubleshooting Checklist", row by row in the seed's order, judged from a job's diagnosis: each row's
/// symptom and first thing to check as the seed writes them, a status, a finding and what to do. Pure: it reads only
/// the report it is given.
/// </summary>
public static class TroubleshootingChecklist
{
    public const string NoUsersProvisioned = "No users provisioned";
    public const string UsersSkipped = "Users skipped in logs";
    public const string WrongAttributes = "Users created but with wrong attributes";
    public const string DuplicateUsers = "Duplicate users in target";
    public const string AllOperationsFailing = "All operations failing";
    public const string InQuarantine = "Job in quarantine";
    public const string ManagerAssignmentsFailing = "Manager assignments failing";
    public const string MassDeletionsPending = "Mass deletions pending";

    /// <summary>The checklist's rows: symptom, then the first thing to check, as the seed writes them.</summary>
    public static IReadOnlyList<(string Symptom, string FirstThingToCheck)> Rows { get; } =
    [
        (NoUsersProvisioned, "Scoping (assigned users? scoping filters?)"),
        (UsersSkipped, "Scoping filter evaluation or “not effectively entitled” status"),
        (WrongAttributes, "Attribute mapping expressions"),
        (DuplicateUsers, "Matching attribute configuration"),
        (AllOperationsFailing, "Admin credentials (test connection)"),
        (InQuarantine, "Quarantine reason in progress bar or Graph API"),
        (ManagerAssignmentsFailing, "Referenced user not yet provisioned (self-healing)"),
        (MassDeletionsPending, "Accidental deletion protection threshold"),
    ];

    /// <summary>Skips that are decisions about scope or matching; unchanged objects and held deletions are judged elsewhere.</summary>
    private static readonly HashSet<string> ScopingSkipCodes = new(StringComparer.Ordinal)
    {
        ProvisioningErrorCodes.EntrySynchronizationSkipped,
        ProvisioningErrorCodes.ImportSkipped,
    };

    public static IReadOnlyList<DiagnosisCheck> Evaluate(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            Check(0, NoUsers(report)),
            Check(1, Skipped(report)),
            Check(2, Attributes(report)),
            Check(3, Duplicates(report)),
            Check(4, Failing(report)),
            Check(5, Quarantine(report)),
            Check(6, References(report)),
            Check(7, Deletions(report)),
        ];
    }

    private static DiagnosisCheck Check(int row, (DiagnosisStatus Status, string Finding, string? Action) judged) => new()
    {
        Symptom = Rows[row].Symptom,
        FirstThingToCheck = Rows[row].FirstThingToCheck,
        Status = judged.Status,
        Finding = judged.Finding,
        RecommendedAction = judged.Action,
    };

    private static (DiagnosisStatus, string, string?) NoUsers(DiagnosisReport report)
    {
        var state = report.State;
        var users = state.ProvisionedByType.GetValueOrDefault("User");
        if (users > 0)
        {
            return (DiagnosisStatus.Ok, $"{Count(users, "user is", "users are")} provisioned (in the connector data store).", null);
        }

        if (state.LastExecution is not { } last)
        {
            return (DiagnosisStatus.Info, "No cycle has run yet, so no user could be provisioned.",
                "Start the job (POST .../start) or run a cycle, then diagnose again.");
        }

        if (last.State == SynchronizationTaskExecutionResult.Failed)
        {
            return (DiagnosisStatus.Info, $"No user is provisioned, but the last cycle failed as a whole ({last.Error?.Code ?? "no code"}), so scoping cannot be judged.",
                $"Fix what \"{AllOperationsFailing}\" reports first.");
        }

        if (!state.SyncAll && state.AssignedObjects == 0)
        {
            return (DiagnosisStatus.Problem,
                "No user is provisioned: the job syncs only assigned users and groups (SyncAll is not true), and no user or group is assigned to the application.",
                "Assign users or groups to the application (app role assignments of its service principal), or set the SyncAll secret to true (\"Sync all users and groups\"); then restart the job.");
        }

        if (state.DirectoryUsers == 0)
        {
            return (DiagnosisStatus.Problem, "No user is provisioned: the directory holds no users.", "Create or import users in the directory, then run a cycle.");
        }

        var scopingSkips = ScopingSkips(report);
        if (scopingSkips > 0 && report.ObjectFailures.Count == 0)
        {
            return (DiagnosisStatus.Problem,
                $"No user is provisioned: the last cycle skipped {Count(scopingSkips, "object")}{Truncated(report)} as out of scope ({TopSkipReason(report)}).",
                "Review the User mapping's scoping filters and the assignments (a skipped entry's scoping step shows Assigned, IsActive and the filter result), then restart the job.");
        }

        if (report.ObjectFailures.Count > 0)
        {
            var top = report.ObjectFailures.Groups[0];
            return (DiagnosisStatus.Problem,
                $"No user is provisioned: {Count(report.ObjectFailures.Count, "object")} failed to provision, most with {top.ErrorCode} ({top.Count:N0}).",
                top.RecommendedAction);
        }

        return (DiagnosisStatus.Problem,
            $"No user is provisioned although the last cycle completed and the directory holds {Count(state.DirectoryUsers, "user")}.",
            "Check the scoping: the assignments (or SyncAll) and the User mapping's scoping filters; provision one user on demand to see each step.");
    }

    private static (DiagnosisStatus, string, string?) Skipped(DiagnosisReport report)
    {
        if (report.Skipped.CycleId is null)
        {
            return (DiagnosisStatus.Info, "No cycle has run yet, so nothing was skipped.", null);
        }

        var scoping = report.Skipped.Groups.Where(group => ScopingSkipCodes.Contains(group.ErrorCode)).ToList();
        var count = scoping.Sum(group => group.Count);
        if (count == 0)
        {
            var other = report.Skipped.Count;
            return (DiagnosisStatus.Ok, other == 0
                ? "The last cycle skipped no object."
                : $"The last cycle skipped no object for scoping or matching ({Count(other, "entry", "entries")}{Truncated(report)} skipped for other reasons: unchanged objects or held deletions).", null);
        }

        var top = scoping[0];
        var action = top.ErrorCode == ProvisioningErrorCodes.ImportSkipped
            ? "Give the skipped objects a value for the matching attribute (or match on another attribute), then run a cycle."
            : "Open a skipped entry's scoping step: Assigned = False means assign the object (or set SyncAll), IsActive = False a disabled or deleted user, " +
              "a failed scoping filter the filter's clauses; if the skips are not intended, fix that and provision one user on demand to check.";
        return (DiagnosisStatus.Warning,
            $"The last cycle skipped {Count(count, "object")}{Truncated(report)} for scoping or matching, most with {top.ErrorCode}{(top.Reason is { } reason ? $" ({reason})" : "")}.",
            action);
    }

    private static (DiagnosisStatus, string, string?) Attributes(DiagnosisReport report)
    {
        var mapping = report.ObjectFailures.Groups.Where(group => FailureAdvice.MappingCodes.Contains(group.ErrorCode)).ToList();
        if (mapping.Count > 0)
        {
            var example = mapping[0].Examples.FirstOrDefault();
            return (DiagnosisStatus.Problem,
                $"{Count(mapping.Sum(group => group.Count), "object")} failed in attribute mapping ({string.Join(", ", mapping.Select(group => group.ErrorCode))})" +
                $"{(example?.Reason is { } reason ? $", e.g. {reason.TrimEnd('.')}" : "")}.",
                FailureAdvice.For(mapping[0].ErrorCode));
        }

        var missing = report.ObjectFailures.Groups.FirstOrDefault(group => group.ErrorCode == ScimErrorCodes.MandatoryFieldsMissing);
        if (missing is not null)
        {
            return (DiagnosisStatus.Warning,
                $"{Count(missing.Count, "object")} failed for lack of an attribute the target requires ({ScimErrorCodes.MandatoryFieldsMissing}): the mappings give it no value.",
                FailureAdvice.For(ScimErrorCodes.MandatoryFieldsMissing));
        }

        if (report.State.SyncAll && report.State.RoleMappings.Count > 0)
        {
            // reference entra-expressions-and-scim A.3 (CAA): the role functions aren't "compatible with setting scope to
            // 'Sync all users and groups'": roles come from assignments, and with Sync all most users have none.
            return (DiagnosisStatus.Warning,
                $"The mappings to {string.Join(", ", report.State.RoleMappings)} read [appRoleAssignments], but the job syncs all users and groups: " +
                "Entra documents the role functions as incompatible with that scope, and users without an assignment get no roles.",
                "Set the scope to assigned users and groups only (the SyncAll secret false) and assign each user (or a group) a role; or remove the role mappings.");
        }

        return (DiagnosisStatus.Info,
            "No mapping errors; whether the values are right takes a person: compare source and target values for one user.",
            $"Provision one user on demand and read its Attribute Mapping step (source value, expression, target value); try expressions with {FailureAdvice.ExpressionTester}.");
    }

    private static (DiagnosisStatus, string, string?) Duplicates(DiagnosisReport report)
    {
        var groups = report.ObjectFailures.Groups.Concat(report.ReferenceFailures.Groups).Where(group => FailureAdvice.DuplicateCodes.Contains(group.ErrorCode)).ToList();
        if (groups.Count == 0)
        {
            return (DiagnosisStatus.Ok, $"No failure reports a conflicting or duplicate target object ({string.Join(", ", FailureAdvice.DuplicateCodes.Order(StringComparer.Ordinal))}).", null);
        }

        return (DiagnosisStatus.Problem,
            $"{Count(groups.Sum(group => group.Count), "object")} failed on a conflicting or duplicate target object: {string.Join(", ", groups.Select(group => $"{group.ErrorCode} ({group.Count:N0})"))}.",
            "Check the matching attribute: it must hold the same, unique value in both systems (add a second matching attribute if needed); remove stale or manually created duplicates in the target; " +
            "make mapped unique values unique; test with on-demand provisioning, then restart.");
    }

    private static (DiagnosisStatus, string, string?) Failing(DiagnosisReport report)
    {
        var last = report.State.LastExecution;
        if (!report.State.CredentialsConfigured)
        {
            return (DiagnosisStatus.Problem, "No tenant URL and credentials are saved, so no operation can reach the target.",
                "Save BaseAddress (the tenant URL) and SecretToken with PUT .../synchronization/secrets, run Test Connection, then start the job.");
        }

        if (report.TestConnection is { Succeeded: false } test)
        {
            return (DiagnosisStatus.Problem, $"Test Connection fails: {test.Code}: {test.Message}", ConnectionAction(test.Code));
        }

        if (last is { State: SynchronizationTaskExecutionResult.Failed } failed)
        {
            return (DiagnosisStatus.Problem, $"The last cycle failed as a whole: {failed.Error?.Code ?? "no code"}: {failed.Error?.Message}",
                failed.Error?.Code == DuplicateAppRoles.ErrorCode ? DuplicateAppRoles.RecommendedAction // the application's roles, not the connection
                : report.TestConnection is null
                    ? ConnectionAction(failed.Error?.Code)
                    : "Test Connection succeeds now: restart provisioning (resetScope Quarantine lifts only a quarantine) and watch the next cycle.");
        }

        var succeeds = report.TestConnection is null ? "" : "Test Connection succeeds, but ";
        var advice = report.ObjectFailures.Groups.FirstOrDefault()?.RecommendedAction ?? "Fix the most common failure below, then restart the job.";
        if (last is { CountEscrowed: > 0, CountExported: 0 })
        {
            return (DiagnosisStatus.Problem,
                $"{succeeds}every export of the last cycle failed ({Count(last.CountEscrowed, "object")} escrowed, none exported): the cause is in the objects or the mappings, not the credentials.",
                advice);
        }

        if (report.ObjectFailures.Count > 0 && report.State.ProvisionedByType.Values.Sum() == 0)
        {
            return (DiagnosisStatus.Problem,
                $"{succeeds}no object has reached the target and {Count(report.ObjectFailures.Count, "object")} failed, most with {report.ObjectFailures.Groups[0].ErrorCode}: " +
                "the cause is in the objects or the mappings, not the credentials.",
                advice);
        }

        if (report.TestConnection is { Succeeded: true })
        {
            return (DiagnosisStatus.Ok, last is null ? "Test Connection succeeds; no cycle has run yet." : $"Test Connection succeeds and the last cycle ended {last.State}.", null);
        }

        return last is null
            ? (DiagnosisStatus.Info, "Test Connection was not run and no cycle has run yet.", "Run Test Connection (POST .../validateCredentials) or diagnose with the connection test.")
            : (DiagnosisStatus.Ok, $"The last cycle reached the target and ended {last.State} (Test Connection was not run).", null);
    }

    /// <summary>What to do when the target cannot be used at all: credentials for a refusal, the tenant URL and SCIM compliance otherwise (seed 002).</summary>
    private static string ConnectionAction(string? code) => code switch
    {
        ScimErrorCodes.CredentialsInvalid or ScimErrorCodes.TokenRequestFailed or ScimErrorCodes.Unauthorized or "CredentialsMissing"
            or "SystemForCrossDomainIdentityManagementCredentialsMissing" =>
            "Enter valid admin credentials (the tenant URL and secret token, or the OAuth client credentials), run Test Connection until it succeeds, then restart provisioning.",
        ScimErrorCodes.ReauthorizationRequired =>
            "Authorize again (Authorize in the portal's Settings, then approve the access at the application), run Test Connection, then restart provisioning.",
        null => "Run Test Connection and fix what it reports (the admin credentials, the tenant URL), then restart provisioning.",
        _ => $"{FailureAdvice.For(code)} Then run Test Connection until it succeeds and restart provisioning.",
    };

    private static (DiagnosisStatus, string, string?) Quarantine(DiagnosisReport report)
    {
        if (report.State.Quarantine is not { } quarantine)
        {
            return (DiagnosisStatus.Ok, "The job is not in quarantine.", null);
        }

        var disabled = report.State.ScheduleState == SynchronizationScheduleState.Disabled && QuarantineRules.Expired(new SynchronizationQuarantine { SeriesBegan = quarantine.SeriesBegan }, report.GeneratedDateTime)
            ? " The job was disabled after four weeks in quarantine: start or restart it once the cause is fixed."
            : "";
        return (DiagnosisStatus.Problem,
            $"The job is in quarantine for {quarantine.Reason?.ToString() ?? "an unknown reason"} since {Time(quarantine.SeriesBegan)}" +
            $"{(quarantine.Error?.Code is { } code ? $" ({code})" : "")}; next attempt {Time(quarantine.NextAttempt)}.{disabled}",
            quarantine.RecommendedAction);
    }

    private static (DiagnosisStatus, string, string?) References(DiagnosisReport report)
    {
        var references = report.ReferenceFailures;
        var pending = references.Pending > 0 ? $" {Count(references.Pending, "reference")} merely wait for objects later in the cycle." : "";
        if (references.Count == 0)
        {
            return (DiagnosisStatus.Ok, $"No reference (manager or member) fails.{pending}", null);
        }

        var referencedFailing = report.ObjectFailures.Count > 0
            ? $" {Count(report.ObjectFailures.Count, "object")} failed to provision themselves: a reference to one of them heals once it is fixed."
            : "";
        return (DiagnosisStatus.Warning,
            $"{Count(references.Count, "reference")} (manager or members) could not be set; they are self-healing: retried every cycle, resolved once the referenced object is provisioned, " +
            $"and not counted toward the quarantine escrow threshold.{referencedFailing}{pending}",
            "Usually nothing: wait for the next cycle. If reference failures persist, ensure the referenced user is in scope for provisioning and has been successfully created.");
    }

    private static (DiagnosisStatus, string, string?) Deletions(DiagnosisReport report)
    {
        var deletions = report.PendingDeletions;
        if (deletions.Count > 0)
        {
            return (DiagnosisStatus.Problem,
                $"{Count(deletions.Count, "delete or disable", "deletes or disables")} held by accidental-deletion protection: the cycle would exceed the threshold of {deletions.Threshold?.ToString("N0", CultureInfo.InvariantCulture) ?? "(off)"}.",
                deletions.RecommendedAction);
        }

        if (deletions.Approved > 0)
        {
            return (DiagnosisStatus.Warning, $"{Count(deletions.Approved, "approved deletion")} will be carried out by the next cycle.", null);
        }

        return deletions.Threshold is { } threshold
            ? (DiagnosisStatus.Ok, $"No deletion is held; a cycle may delete or disable up to {threshold:N0} objects.", null)
            : (DiagnosisStatus.Info, "Accidental-deletion protection is off (SyncNotificationSettings DeleteThresholdEnabled is false).",
                "Turn it on unless mass deletions are expected: set DeleteThresholdEnabled to true in SyncNotificationSettings.");
    }

    private static long ScopingSkips(DiagnosisReport report) =>
        report.Skipped.Groups.Where(group => ScopingSkipCodes.Contains(group.ErrorCode)).Sum(group => group.Count);

    private static string TopSkipReason(DiagnosisReport report) =>
        report.Skipped.Groups.FirstOrDefault(group => ScopingSkipCodes.Contains(group.ErrorCode)) is { } top
            ? top.Reason ?? top.ErrorCode
            : "no reason";

    private static string Truncated(DiagnosisReport report) => report.Skipped.Truncated ? " or more" : "";

    private static string Count(long count, string one, string? many = null) =>
        count == 1 ? $"1 {one}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {many ?? one + "s"}";

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(unknown)";
}
