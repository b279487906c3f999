namespace Provisio.Synchronization.Scoping;

/// <summary>
/// What the caller knows about one source object and the job when judging whether the object is in provisioning scope
/// (reference: entra-engine-and-api §1.5): the object's state, its assignments, the job's scope setting, and whether the
/// object was in scope before (linked in the connector data store).
/// </summary>
public sealed record EntitlementFacts
{
    /// <summary>The source object type, <c>User</c> or <c>Group</c>, as the logs name it.</summary>
    public required string ObjectTypeName { get; init; }

    /// <summary>How the logs name the object (<c>userPrincipalName</c>, a group's display name); optional.</summary>
    public string? ReportableIdentifier { get; init; }

    /// <summary>The job's <c>SyncAll</c> secret: "Sync all users and groups" rather than "Sync only assigned" (S13).</summary>
    public bool SyncAll { get; init; }

    /// <summary>A user's <c>accountEnabled</c>; groups have none and ignore it.</summary>
    public bool AccountEnabled { get; init; } = true;

    /// <summary>Deleted in the source and still in its recycle bin (Entra: soft-deleted, restorable for 30 days).</summary>
    public bool SoftDeleted { get; init; }

    /// <summary>The object's assignments to the application: direct ones, and those through groups it belongs to.</summary>
    public IReadOnlyList<ApplicationAssignment> Assignments { get; init; } = [];

    /// <summary>
    /// Whether an assignment to the default access role entitles the object. "Configs created after 2020-04-16 evaluate
    /// users with default access like any role"; earlier ones skipped them as not effectively entitled (S14).
    /// </summary>
    public bool DefaultAccessEntitled { get; init; } = true;

    /// <summary>The object was in scope and provisioned before (its link to the target is in the connector data store).</summary>
    public bool WasInScope { get; init; }

    /// <summary>The job's <c>SkipOutOfScopeDeletions</c> secret: objects that go out of scope are left alone (S8).</summary>
    public bool SkipOutOfScopeDeletions { get; init; }
}
