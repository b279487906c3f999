namespace Provisio.Synchronization.Storage;

/// <summary>
/// Which directory audits to read, newest first: every condition given must hold (a conjunction), and each list
/// condition holds when the audit's value is one of the list (a disjunction of equalities, Graph's
/// <c>category eq 'a' or category eq 'b'</c>). Null means no condition; an empty list matches nothing. Values compare
/// exactly (Graph's filters are case-sensitive), except that a Guid matches a Guid however its letters are cased.
/// </summary>
public sealed record DirectoryAuditQuery
{
    /// <summary><c>activityDisplayName</c> is one of these.</summary>
    public IReadOnlyList<string>? ActivityDisplayNames { get; init; }

    /// <summary><c>category</c> is one of these.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary><c>loggedByService</c> is one of these.</summary>
    public IReadOnlyList<string>? LoggedByServices { get; init; }

    /// <summary>One of the <c>targetResources</c> has one of these ids (a job's id, a service principal's id).</summary>
    public IReadOnlyList<string>? TargetResourceIds { get; init; }

    /// <summary>Inclusive lower bound on <c>activityDateTime</c> (Graph's <c>ge</c>).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Inclusive upper bound on <c>activityDateTime</c> (Graph's <c>le</c>).</summary>
    public DateTimeOffset? To { get; init; }

    public int Top { get; init; } = 100;

    /// <summary>Continue after this audit (keyset, never an offset).</summary>
    public DirectoryAuditCursor? After { get; init; }
}
