using Provisio.Scim.Client;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Health;

/// <summary>
/// One provisioning-log preset per row of the <see cref="TroubleshootingChecklist"/>, in its order: the log entries
/// that show the row's symptom, from the seed's log signatures and the engine's error codes (reference
/// entra-engine-and-api §1.4, §3, §7.4). Error codes are the ones the checklist judges by (<see cref="FailureAdvice"/>).
/// </summary>
public static class ProvisioningLogPresets
{
    public const string NoUsersProvisioned = "no-users-provisioned";
    public const string UsersSkipped = "users-skipped";
    public const string WrongAttributes = "wrong-attributes";
    public const string DuplicateUsers = "duplicate-users";
    public const string AllOperationsFailing = "all-operations-failing";
    public const string JobInQuarantine = "job-in-quarantine";
    public const string ManagerAssignmentsFailing = "manager-assignments-failing";
    public const string MassDeletionsPending = "mass-deletions-pending";

    private const string ErrorCodePath = "provisioningStatusInfo/errorInformation/errorCode";

    /// <summary>Skips that are decisions about scope (<c>NotEffectivelyEntitled</c>, a scoping filter) or a missing matching value.</summary>
    private static readonly string[] ScopingSkipCodes = [ProvisioningErrorCodes.EntrySynchronizationSkipped, ProvisioningErrorCodes.ImportSkipped];

    private static readonly string[] MappingCodes = [.. FailureAdvice.MappingCodes.Order(StringComparer.Ordinal), ScimErrorCodes.MandatoryFieldsMissing];

    private static readonly string[] DuplicateCodes = [.. FailureAdvice.DuplicateCodes.Order(StringComparer.Ordinal)];

    private static readonly ProvisioningLogCondition ReferenceFailure = new ProvisioningLogComparison(
        ProvisioningLogProperty.FailedStep, ProvisioningLogOperator.Equal, ProvisioningStepType.ReferenceResolution);

    /// <summary>The presets, in the checklist's order (<see cref="TroubleshootingChecklist.Rows"/>).</summary>
    public static IReadOnlyList<ProvisioningLogPreset> All { get; } =
    [
        Preset(NoUsersProvisioned, TroubleshootingChecklist.NoUsersProvisioned,
            "Users that did not reach the target: skipped as out of scope or for lack of a matching value, or failed before or while being created " +
            "(not a failed manager of a user that was created).",
            "The scoping step of a skipped user (Assigned, IsActive, the scoping filter's result); for a failure, its failing step and error code.",
            Every(
                Equal(ProvisioningLogProperty.IdentityType, "User"),
                new ProvisioningLogAny(
                [
                    Every(Status(ProvisioningResult.Skipped), Codes(ScopingSkipCodes)),
                    Every(Status(ProvisioningResult.Failure), new ProvisioningLogAny([Action(ProvisioningAction.Create), Action(ProvisioningAction.Other)]),
                        new ProvisioningLogNot(ReferenceFailure)),
                ])),
            graphFilter: null),
        Preset(UsersSkipped, TroubleshootingChecklist.UsersSkipped,
            $"Objects skipped for scope ({ProvisioningErrorCodes.EntrySynchronizationSkipped}: not assigned or “not effectively entitled”, inactive, " +
            $"or failing a scoping filter) or for lack of a matching value ({ProvisioningErrorCodes.ImportSkipped}); not unchanged objects, not held deletions.",
            "The scoping step's details: Assigned = False (assign the object, or reassign it when “not effectively entitled”), IsActive = False, the filter's clauses.",
            Every(Status(ProvisioningResult.Skipped), Codes(ScopingSkipCodes)),
            $"provisioningStatusInfo/status eq 'skipped' and ({GraphCodes(ScopingSkipCodes)})"),
        Preset(WrongAttributes, TroubleshootingChecklist.WrongAttributes,
            $"Failures of the attribute mappings: an expression that failed or gave a value of the wrong type, an unknown target attribute, or a required one left empty ({ScimErrorCodes.MandatoryFieldsMissing}).",
            "The Attribute Mapping step: the source value, the expression and the target value; when nothing fails, compare a created user's modified properties with the source.",
            Every(Status(ProvisioningResult.Failure), Codes(MappingCodes)),
            $"provisioningStatusInfo/status eq 'failure' and ({GraphCodes(MappingCodes)})"),
        Preset(DuplicateUsers, TroubleshootingChecklist.DuplicateUsers,
            $"Failures on a conflicting or duplicate target object: a uniqueness conflict (HTTP 409, {ScimErrorCodes.EntryConflict}) or several target objects matching one source object.",
            "The matching step and the error's reason: which value conflicts, and with which target object.",
            Every(Status(ProvisioningResult.Failure), Codes(DuplicateCodes)),
            $"provisioningStatusInfo/status eq 'failure' and ({GraphCodes(DuplicateCodes)})"),
        Preset(AllOperationsFailing, TroubleshootingChecklist.AllOperationsFailing,
            "Every failure, whatever its cause (the seed's first filter: status = Failure).",
            "Whether the error codes are the same everywhere: credentials or the tenant URL when every operation fails alike; run Test Connection.",
            Status(ProvisioningResult.Failure),
            "provisioningStatusInfo/status eq 'failure'"),
        Preset(JobInQuarantine, TroubleshootingChecklist.InQuarantine,
            "The failures that count toward the escrow threshold, which quarantines a job (every failure but a manager's or members' reference, which is self-healing).",
            "The most common error code: fix it, then restart with the quarantine state. A quarantine for credentials or too many deletes is on the overview, not in these entries.",
            Every(Status(ProvisioningResult.Failure), new ProvisioningLogNot(ReferenceFailure)),
            graphFilter: null),
        Preset(ManagerAssignmentsFailing, TroubleshootingChecklist.ManagerAssignmentsFailing,
            "Users whose manager could not be set: the reference-resolution step failed (the manager is not provisioned, or the target refused it).",
            "Whether the manager is in scope and was created: the reference heals by itself at a later cycle once it is.",
            Every(Status(ProvisioningResult.Failure), ReferenceFailure, Equal(ProvisioningLogProperty.IdentityType, "User")),
            graphFilter: null),
        Preset(MassDeletionsPending, TroubleshootingChecklist.MassDeletionsPending,
            $"Deletes and disables held by accidental-deletion protection (action stagedDelete, {ProvisioningErrorCodes.DeletionThresholdExceeded}): nothing was sent.",
            "Whether they are intended: approve them on the overview (the pending-deletions banner), or fix the scoping and restart.",
            Action(ProvisioningAction.StagedDelete),
            "provisioningAction eq 'stagedDelete'"),
    ];

    /// <summary>The names, in the checklist's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(preset => preset.Name)];

    /// <summary>The preset of this name (exactly, kebab-case), or null.</summary>
    public static ProvisioningLogPreset? Find(string? name) => All.FirstOrDefault(preset => string.Equals(preset.Name, name, StringComparison.Ordinal));

    /// <summary>The preset of a checklist row (<see cref="DiagnosisCheck.Symptom"/>), or null.</summary>
    public static ProvisioningLogPreset? ForSymptom(string? symptom) => All.FirstOrDefault(preset => string.Equals(preset.Symptom, symptom, StringComparison.Ordinal));

    private static ProvisioningLogPreset Preset(string name, string symptom, string shows, string readFirst, ProvisioningLogCondition condition, string? graphFilter) => new()
    {
        Name = name,
        Symptom = symptom,
        FirstThingToCheck = TroubleshootingChecklist.Rows.Single(row => row.Symptom == symptom).FirstThingToCheck,
        Shows = shows,
        ReadFirst = readFirst,
        Condition = condition,
        GraphFilter = graphFilter,
    };

    private static ProvisioningLogAll Every(params ProvisioningLogCondition[] conditions) => new(conditions);

    private static ProvisioningLogComparison Equal(ProvisioningLogProperty property, object value) => new(property, ProvisioningLogOperator.Equal, value);

    private static ProvisioningLogComparison Status(ProvisioningResult status) => Equal(ProvisioningLogProperty.Status, status);

    private static ProvisioningLogComparison Action(ProvisioningAction action) => Equal(ProvisioningLogProperty.Action, action);

    private static ProvisioningLogCondition Codes(IReadOnlyList<string> codes) =>
        codes.Count == 1 ? Equal(ProvisioningLogProperty.ErrorCode, codes[0]) : new ProvisioningLogAny([.. codes.Select(code => Equal(ProvisioningLogProperty.ErrorCode, code))]);

    private static string GraphCodes(IReadOnlyList<string> codes) => string.Join(" or ", codes.Select(code => $"{ErrorCodePath} eq '{code}'"));
}
