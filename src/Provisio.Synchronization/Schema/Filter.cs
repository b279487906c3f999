namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>filter</c>, an object mapping's scope (reference §4.1): the object is in scope when it satisfies any
/// group of <see cref="Groups"/> (a group's clauses are ANDed; groups are ORed); no groups, no restriction.
/// <see cref="InputFilterGroups"/> filter at read time without deprovisioning; <see cref="CategoryFilterGroups"/> say
/// which objects belong to the mapping.
/// </summary>
public sealed record Filter
{
    public IReadOnlyList<FilterGroup> Groups { get; init; } = [];

    public IReadOnlyList<FilterGroup> InputFilterGroups { get; init; } = [];

    public IReadOnlyList<FilterGroup> CategoryFilterGroups { get; init; } = [];
}

/// <summary>Graph's <c>filterGroup</c>: a named scoping filter, its clauses ANDed.</summary>
public sealed record FilterGroup
{
    public required string Name { get; init; }

    public IReadOnlyList<FilterClause> Clauses { get; init; } = [];
}

/// <summary>Graph's <c>filterClause</c>: <c>{sourceOperandName} {operatorName} {targetOperand.values}</c>, e.g. <c>department EQUALS Sales</c>.</summary>
public sealed record FilterClause
{
    public required string OperatorName { get; init; }

    public required string SourceOperandName { get; init; }

    public FilterOperand TargetOperand { get; init; } = new();
}

/// <summary>Graph's <c>filterOperand</c>.</summary>
public sealed record FilterOperand
{
    public IReadOnlyList<string> Values { get; init; } = [];
}
