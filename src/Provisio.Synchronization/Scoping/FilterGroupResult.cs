namespace Provisio.Synchronization.Scoping;

/// <summary>How one scoping filter (Graph's <c>filterGroup</c>) judged one object: its clauses, ANDed.</summary>
public sealed record FilterGroupResult
{
    public required string Name { get; init; }

    public IReadOnlyList<FilterClauseResult> Clauses { get; init; } = [];

    /// <summary>
    /// "All clauses in a group must be satisfied in order for the filter group to evaluate to true" (G-filterGroup), so a
    /// group without clauses passes.
    /// </summary>
    public bool Passed => Clauses.All(clause => clause.Passed);
}
