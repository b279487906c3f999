using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Health;

/// <summary>Where the job stands: its status and schedule, its last run, its quarantine, its scope and what it provisioned.</summary>
public sealed record DiagnosisJobState
{
    public required SynchronizationStatusCode StatusCode { get; init; }

    public required SynchronizationScheduleState ScheduleState { get; init; }

    public required TimeSpan Interval { get; init; }

    /// <summary>The last run (Graph's <c>status.lastExecution</c>); null when none ran.</summary>
    public SynchronizationTaskExecution? LastExecution { get; init; }

    public DiagnosisQuarantine? Quarantine { get; init; }

    /// <summary>"Sync all users and groups" (the <c>SyncAll</c> secret); otherwise only assigned ones.</summary>
    public required bool SyncAll { get; init; }

    /// <summary>
    /// Target attributes whose mapping reads <c>[appRoleAssignments]</c> (the role functions), which Entra documents as not
    /// compatible with "Sync all users and groups" (reference entra-expressions-and-scim A.3).
    /// </summary>
    public IReadOnlyList<string> RoleMappings { get; init; } = [];

    /// <summary>Whether a tenant URL and a credential are saved.</summary>
    public required bool CredentialsConfigured { get; init; }

    /// <summary>Users and groups assigned to the application, directly or through a group; null when the job syncs all.</summary>
    public long? AssignedObjects { get; init; }

    /// <summary>Users in the directory (not deleted): what the job could provision at most.</summary>
    public required long DirectoryUsers { get; init; }

    /// <summary>The connector data store's entries by object type (<c>User</c>, <c>Group</c>): what is provisioned.</summary>
    public required IReadOnlyDictionary<string, long> ProvisionedByType { get; init; }
}
