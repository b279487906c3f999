namespace Provisio.Synchronization.Scoping;

/// <summary>
/// An invalid scoping rule, named as the portal names it: the scoping filter (Graph's <c>filterGroup</c>) by title and
/// the clause by its 1-based number and text, e.g. <c>Scoping filter 'Sales', clause 2 (employeeId Greater_Than 1.5):
/// Greater_Than compares integers, but '1.5' is not an integer.</c>
/// </summary>
public sealed record ScopingFilterError
{
    /// <summary>One of <see cref="ScopingFilterErrorCodes"/>.</summary>
    public required string Code { get; init; }

    public required string Message { get; init; }

    /// <summary>The <c>filter</c> property holding the group: <c>groups</c>, <c>inputFilterGroups</c> or <c>categoryFilterGroups</c>.</summary>
    public string Collection { get; init; } = ScopingFilterCollections.Groups;

    public required string GroupName { get; init; }

    /// <summary>0-based index of the group in its collection.</summary>
    public int GroupIndex { get; init; }

    /// <summary>0-based index of the clause in its group.</summary>
    public int ClauseIndex { get; init; }

    /// <summary>For <see cref="ScopingFilterErrorCodes.InvalidRegex"/>: the 0-based offset in the pattern .NET reports.</summary>
    public int? Position { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}
