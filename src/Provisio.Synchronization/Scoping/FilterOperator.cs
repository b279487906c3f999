using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// One scoping-filter operator (reference: entra-engine-and-api §4.2): its Graph <c>filterOperatorSchema</c> and what
/// its comparison means for one present, single value. The rules every operator shares (null or empty values,
/// multi-valued and date attributes, invalid rules) belong to <see cref="ScopingFilterEvaluator"/>, so an operator
/// only says how it compares.
/// </summary>
public abstract class FilterOperator
{
    /// <summary>Graph's <c>operatorName</c>, as <c>filterOperators</c> lists it and the portal shows it.</summary>
    public abstract string Name { get; }

    public abstract ScopeOperatorType Arity { get; }

    public abstract IReadOnlyList<AttributeType> SupportedAttributeTypes { get; }

    /// <summary>Graph's <c>multivaluedComparisonType</c>; Graph lists <c>All</c> for every operator.</summary>
    public virtual ScopeOperatorMultiValuedComparisonType MultivaluedComparisonType => ScopeOperatorMultiValuedComparisonType.All;

    /// <summary>
    /// Whether a null or empty value satisfies the clause. "Scoping filters will return false if the value is null /
    /// empty" (reference §4.2), so only IS NULL says yes.
    /// </summary>
    public virtual bool MatchesNullOrEmpty => false;

    public FilterOperatorSchema Schema => new()
    {
        Name = Name,
        Arity = Arity,
        MultivaluedComparisonType = MultivaluedComparisonType,
        SupportedAttributeTypes = SupportedAttributeTypes,
    };

    /// <summary>
    /// Prepares a clause once, when the filter is compiled: <paramref name="value"/> (null for unary operators) is
    /// checked and converted (an integer parsed, a regex compiled). An invalid value yields a problem, not a predicate.
    /// </summary>
    internal abstract ClausePredicate? Bind(string? value, out FilterOperandProblem? problem);

    public override string ToString() => Name;
}
